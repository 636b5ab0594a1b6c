#!/usr/bin/env bash
# dot segments
curl \
  --path-as-is \
  --url http://echo.test:8080/api/a/./b/../c//d
