#!/usr/bin/env bash
# empty object body
curl \
  --request POST \
  --url http://echo.test:8080/body-empty-object \
  --header 'Content-Length: 0'
