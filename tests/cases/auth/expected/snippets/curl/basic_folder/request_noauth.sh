#!/usr/bin/env bash
# basic folder / request noauth
curl \
  --url http://echo.test:8080/noauth \
  --header 'Authorization: <Authorization>'
