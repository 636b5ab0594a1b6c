#!/usr/bin/env bash
# dynamic variables
# unresolved variables: {{$timestamp}}, {{$guid}}, {{$randomInt}}
curl \
  --globoff \
  --request POST \
  --url 'http://echo.test:8080/api/dynamic?ts={{$timestamp}}' \
  --header 'X-Request-Id: {{$guid}}' \
  --header 'Content-Type: application/json' \
  --data-raw '{"n": {{$randomInt}}}'
