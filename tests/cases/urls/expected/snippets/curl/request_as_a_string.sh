#!/usr/bin/env bash
# request as a string
curl \
  --url http://echo.test:8080/string-request
