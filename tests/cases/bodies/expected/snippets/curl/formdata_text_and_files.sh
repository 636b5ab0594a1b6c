#!/usr/bin/env bash
# formdata text and files
curl \
  --request POST \
  --url http://echo.test:8080/multipart \
  --form-string 'text=plain value' \
  --form-string at=@not-a-file \
  --form 'json="{\"a\": 1}";type=application/json' \
  --form 'file=@"files/hello.txt";type=text/plain' \
  --form 'nofile="";filename=""' \
  --header Expect:
