#!/usr/bin/env bash
# string url with odd chars
curl \
  --globoff \
  --url 'http://echo.test:8080/api/odd%20path/%7Bx%7D/[y]/%41%zz/a%22b%3Cc%3E?q=42-dash&r=$filter=Name%20eq%20%27x%27&s=&&t'
