#!/usr/bin/env bash
# query params
curl \
  --globoff \
  --url 'http://echo.test:8080/api/q?a=1&a=2&empty=&novalue&sp%20ace=v%20a%20l&amp=x%26y=z%23h&quote=%27%22%3C%3E`{}|\^&utf=%C3%A9%E4%B8%AD%F0%9F%98%80'
