#!/usr/bin/env bash
# disable url encoding
curl \
  --url 'http://echo.test:8080/api/raw'\''path"x?q=a'\''b"c<d>'
