#!/usr/bin/env bash
# bearer empty token
curl \
  --url http://echo.test:8080/bearer-empty \
  --header 'Authorization: <Authorization>'
