#!/usr/bin/env bash
# raw with unicode and emoji
curl \
  --request PATCH \
  --url http://echo.test:8080/raw/unicode \
  --header 'Content-Type: text/plain' \
  --data-raw $'héllo wörld 中文 😀 \xe2\x80\xa8 end'
