#!/usr/bin/env bash
# get with body is pruned
curl \
  --url http://echo.test:8080/get-body
