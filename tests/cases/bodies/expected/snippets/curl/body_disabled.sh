#!/usr/bin/env bash
# body disabled
curl \
  --request POST \
  --url http://echo.test:8080/disabled \
  --header 'Content-Length: 0'
