#!/usr/bin/env bash
# path variables
curl \
  --url http://echo.test:8080/api/users/42/posts/a%20b/c/:empty
