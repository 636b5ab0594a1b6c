#!/usr/bin/env bash
# inherits collection bearer
curl \
  --url http://echo.test:8080/inherit \
  --header 'Authorization: Bearer <token>'
