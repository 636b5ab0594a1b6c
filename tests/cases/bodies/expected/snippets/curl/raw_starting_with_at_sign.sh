#!/usr/bin/env bash
# raw starting with at sign
curl \
  --request POST \
  --url http://echo.test:8080/raw/at \
  --header 'Content-Type: text/plain' \
  --data-raw @/etc/passwd
