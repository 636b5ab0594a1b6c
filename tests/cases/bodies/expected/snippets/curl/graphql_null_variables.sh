#!/usr/bin/env bash
# graphql null variables
curl \
  --request POST \
  --url http://echo.test:8080/graphql-null \
  --header 'Content-Type: application/json' \
  --data-raw '{"query":"{ me }","variables":null}'
