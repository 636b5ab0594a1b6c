#!/usr/bin/env bash
# basic folder / request null auth inherits folder
curl \
  --url http://echo.test:8080/null \
  --user 'user:<password>'
