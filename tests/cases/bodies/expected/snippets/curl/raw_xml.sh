#!/usr/bin/env bash
# raw xml
curl \
  --request POST \
  --url http://echo.test:8080/raw/xml \
  --header 'Content-Type: application/xml' \
  --data-raw '<a b='\''c'\''>&amp;</a>'
