#!/usr/bin/env bash
# binary file body
curl \
  --request PUT \
  --url http://echo.test:8080/binary \
  --data-binary @files/data.bin \
  --header Content-Type: \
  --header Expect:
