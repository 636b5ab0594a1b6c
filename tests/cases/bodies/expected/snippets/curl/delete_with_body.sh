#!/usr/bin/env bash
# delete with body
curl \
  --request DELETE \
  --url http://echo.test:8080/delete-body \
  --header 'Content-Type: text/plain' \
  --data-raw sent
