#!/usr/bin/env bash
# urlencoded with json content type
curl \
  --request POST \
  --url http://echo.test:8080/form-ct \
  --header 'Content-Type: application/x-www-form-urlencoded' \
  --data-raw a=1
