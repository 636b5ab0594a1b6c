#!/usr/bin/env bash
# post without body
curl \
  --request POST \
  --url http://echo.test:8080/empty \
  --header 'Content-Length: 0'
