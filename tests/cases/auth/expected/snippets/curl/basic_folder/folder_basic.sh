#!/usr/bin/env bash
# basic folder / folder basic
curl \
  --url http://echo.test:8080/basic \
  --user 'user:<password>'
