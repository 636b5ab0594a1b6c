#!/usr/bin/env bash
# apikey header
curl \
  --url http://echo.test:8080/apikey \
  --header 'X-API-Key: <value>'
