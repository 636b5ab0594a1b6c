#!/usr/bin/env bash
# disabled content type system header
curl \
  --request POST \
  --url http://echo.test:8080/no-ct \
  --data-raw x \
  --header Content-Type:
