#!/usr/bin/env bash
# oauth2 header
curl \
  --url http://echo.test:8080/oauth2 \
  --header 'Authorization: Token <accessToken>'
