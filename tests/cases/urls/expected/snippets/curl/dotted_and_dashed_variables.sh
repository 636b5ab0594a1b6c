#!/usr/bin/env bash
# dotted and dashed variables
# unresolved variables: {{undefined_var}}
curl \
  --globoff \
  --url 'http://echo.test:8080/api/dot/dash?e=&u={{undefined_var}}'
