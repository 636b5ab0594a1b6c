#!/usr/bin/env bash
# urlencoded
curl \
  --request POST \
  --url http://echo.test:8080/form \
  --header 'Content-Type: application/x-www-form-urlencoded' \
  --data-raw 10=numeric%20key%20first \
  --data-raw b=1 \
  --data-raw b=2 \
  --data-raw a%20key=a%20value%20%26%20more%3Dyes \
  --data-raw empty= \
  --data-raw =no%20key \
  --data-raw 'star=%21%27%28%29%2A~' \
  --data-raw name=Zo%C3%AB%20%22quoted%22%20%27single%27%20%24HOME%20%60cmd%60
