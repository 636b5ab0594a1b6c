#!/usr/bin/env bash
# GetUser
curl \
  --url http://echo.test:8080/api/get-user-3
