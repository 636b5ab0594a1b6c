#!/usr/bin/env bash
# oauth2 query
curl \
  --url 'http://echo.test:8080/oauth2-q?access_token=%3CaccessToken%3E'
