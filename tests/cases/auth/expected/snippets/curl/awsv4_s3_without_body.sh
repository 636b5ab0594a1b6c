#!/usr/bin/env bash
# awsv4 s3 without body
# AWS Signature V4 is computed by curl at send time (Postman signs the same request; the date and signature differ per send)
curl \
  --url http://echo.test:8080/bucket/key \
  --header 'X-Amz-Content-Sha256: e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855' \
  --aws-sigv4 aws:amz:eu-west-1:s3 \
  --user '<accessKey>:<secretKey>'
