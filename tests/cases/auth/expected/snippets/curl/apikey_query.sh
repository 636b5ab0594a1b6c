#!/usr/bin/env bash
# apikey query
curl \
  --url 'http://echo.test:8080/apikey-q?x=1&api_key=%3Cvalue%3E'
