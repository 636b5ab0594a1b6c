#!/usr/bin/env bash
# urlencoded all disabled
curl \
  --request POST \
  --url http://echo.test:8080/form-none \
  --header 'Content-Length: 0'
