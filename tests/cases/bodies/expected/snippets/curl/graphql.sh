#!/usr/bin/env bash
# graphql
curl \
  --request POST \
  --url http://echo.test:8080/graphql \
  --header 'Content-Type: application/json' \
  --data-raw '{"query":"query Q($id: ID!) { user(id: $id) { name } }","variables":{"id": "Zoë "quoted" '\''single'\'' $HOME `cmd`"}}'
