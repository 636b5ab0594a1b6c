#!/usr/bin/env bash
# raw text no language
curl \
  --request POST \
  --url http://echo.test:8080/raw/text \
  --header 'Content-Type: text/plain' \
  --data-raw $'line one\nline two\x0d\nwith Zoë "quoted" \'single\' $HOME `cmd` and tab\there'
