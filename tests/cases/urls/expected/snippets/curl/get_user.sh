#!/usr/bin/env bash
# Get User
curl \
  --url http://echo.test:8080/api/get-user-1
