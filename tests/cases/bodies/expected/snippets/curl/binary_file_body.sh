#!/usr/bin/env bash
# binary file body
curl \
  --request PUT \
  --url http://echo.test:8080/binary \
  --header 'Content-Type: application/octet-stream' \
  --data-binary @files/data.bin \
  --header Expect:
