#!/usr/bin/env bash
# content length mismatch
curl \
  --request POST \
  --url http://echo.test:8080/api/cl \
  --header 'Content-Length: 2' \
  --header 'Content-Type: text/plain' \
  --data-raw abc
