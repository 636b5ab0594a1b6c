#!/usr/bin/env bash
# headers
curl \
  --url http://echo.test:8080/api/headers \
  --header 'X-Empty;' \
  --header 'X-Dup: one' \
  --header 'X-Dup: two' \
  --header 'X-Quote: it'\''s "fine" $(not run) `no`' \
  --header 'Accept: application/json' \
  --header 'User-Agent: my-agent/1' \
  --header 'X-Var: 42-dash'
