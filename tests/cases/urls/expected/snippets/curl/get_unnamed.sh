#!/usr/bin/env bash
# (unnamed)
curl \
  --url http://echo.test:8080/api/unnamed
