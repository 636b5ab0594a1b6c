#!/usr/bin/env bash
# v2.0 style basic params
curl \
  --url http://echo.test:8080/basic-v20 \
  --user al:ice:
