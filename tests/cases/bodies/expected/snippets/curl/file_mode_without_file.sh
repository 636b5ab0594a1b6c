#!/usr/bin/env bash
# file mode without file
curl \
  --request POST \
  --url http://echo.test:8080/binary-none \
  --header 'Content-Length: 0'
