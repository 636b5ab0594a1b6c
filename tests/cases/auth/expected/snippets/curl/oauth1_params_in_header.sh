#!/usr/bin/env bash
# oauth1 params in header
# oauth1 auth: Postman computes the Authorization header for every send (timestamp, nonce, signature); curl cannot, so it is a placeholder here
# Authorization is set by a script in Postman ({{oauth1_authorization}}); curl cannot compute it
# unresolved variables: {{oauth1_authorization}}
curl \
  --request POST \
  --url http://echo.test:8080/oauth1-h \
  --header 'Content-Type: text/plain' \
  --header 'Authorization: {{oauth1_authorization}}' \
  --data-raw x
