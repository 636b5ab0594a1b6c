#!/usr/bin/env bash
# digest challenge
# HTTP Digest auth answers the server's challenge at send time
curl \
  --url http://echo.test:8080/digest-challenge \
  --digest \
  --user 'u:<password>'
