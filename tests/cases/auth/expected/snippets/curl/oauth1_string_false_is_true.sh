#!/usr/bin/env bash
# oauth1 string false is true
# oauth1 auth: Postman computes the Authorization header for every send (timestamp, nonce, signature); curl cannot, so it is a placeholder here
# Authorization is set by a script in Postman ({{oauth1_authorization}}); curl cannot compute it
# unresolved variables: {{oauth1_authorization}}
curl \
  --url http://echo.test:8080/oauth1-s \
  --header 'Authorization: {{oauth1_authorization}}'
