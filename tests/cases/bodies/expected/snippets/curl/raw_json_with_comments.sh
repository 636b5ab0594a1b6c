#!/usr/bin/env bash
# raw json with comments
curl \
  --request POST \
  --url http://echo.test:8080/raw/json \
  --header 'Content-Type: application/json' \
  --data-raw '{
  
  "url": "http://x//y", 
  "n": 1
}'
