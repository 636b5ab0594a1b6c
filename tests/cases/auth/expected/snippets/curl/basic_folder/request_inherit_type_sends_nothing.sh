#!/usr/bin/env bash
# basic folder / request inherit type sends nothing
curl \
  --url http://echo.test:8080/inherit-type
