#!/usr/bin/env bash
# head with body
curl \
  --head \
  --url http://echo.test:8080/head
