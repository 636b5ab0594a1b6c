#!/usr/bin/env bash
# raw json via header
curl \
  --request PUT \
  --url http://echo.test:8080/raw/json-header \
  --header 'Content-Type: application/vnd.api+json' \
  --data-raw '{"a": 1} '
