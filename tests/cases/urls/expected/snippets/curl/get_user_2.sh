#!/usr/bin/env bash
# get-user
curl \
  --url http://echo.test:8080/api/get-user-2
