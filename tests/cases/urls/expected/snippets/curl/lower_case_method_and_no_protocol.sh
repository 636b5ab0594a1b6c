#!/usr/bin/env bash
# lower case method and no protocol
curl \
  --request POST \
  --url http://echo.test:8080/no-proto \
  --header 'Content-Length: 0'
