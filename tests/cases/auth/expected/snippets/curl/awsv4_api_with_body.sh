#!/usr/bin/env bash
# awsv4 api with body
# AWS Signature V4 is computed by curl at send time (Postman signs the same request; the date and signature differ per send)
curl \
  --request POST \
  --url http://echo.test:8080/api \
  --header 'Content-Type: application/json' \
  --header 'X-Amz-Content-Sha256: 015abd7f5cc57a2dd94b7590f04ad8084273905ee33ec5cebeae62276a97f862' \
  --aws-sigv4 aws:amz:us-east-1:execute-api \
  --user '<accessKey>:<secretKey>' \
  --header 'X-Amz-Security-Token: <sessionToken>' \
  --data-raw '{"a":1}'
