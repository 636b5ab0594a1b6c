#!/usr/bin/env bash
# get with body kept
curl \
  --request GET \
  --url http://echo.test:8080/get-body-kept \
  --header 'Content-Type: application/json' \
  --data-raw '{"kept": true}'
