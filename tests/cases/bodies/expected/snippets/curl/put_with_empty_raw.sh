#!/usr/bin/env bash
# put with empty raw
curl \
  --request PUT \
  --url http://echo.test:8080/empty-raw \
  --header 'Content-Length: 0'
