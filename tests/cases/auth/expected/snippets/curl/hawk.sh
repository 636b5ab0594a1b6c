#!/usr/bin/env bash
# hawk
# hawk auth: Postman computes the Authorization header for every send (timestamp, nonce, signature); curl cannot, so it is a placeholder here
# Authorization is set by a script in Postman ({{hawk_authorization}}); curl cannot compute it
# unresolved variables: {{hawk_authorization}}
curl \
  --url http://echo.test:8080/hawk \
  --header 'Authorization: {{hawk_authorization}}'
