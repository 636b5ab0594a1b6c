#!/usr/bin/env bash
# oauth1 params in query
# oauth1 auth: Postman computes the auth parameters for every send (timestamp, nonce, signature); curl cannot, so it is a placeholder here
curl \
  --url 'http://echo.test:8080/oauth1-q?x=1'
