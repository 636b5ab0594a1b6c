#!/usr/bin/env bash
# Boot Volume Backups / CreateBootVolumeBackup
# OCI request signature: curl cannot compute it; fill in the placeholders of the signed headers, or use the generated Python client, which signs
# unresolved variables: {{region}}, {{date}}, {{signature}}, {{content_sha256}}
curl \
  --globoff \
  --request POST \
  --url 'https://iaas.{{region}}.oraclecloud.com/20160918/bootVolumeBackups' \
  --header 'opc-retry-token: aliqua enim i' \
  --header 'Content-Type: application/json' \
  --header 'Date: {{date}}' \
  --header 'Authorization: {{signature}}' \
  --header 'x-content-sha256: {{content_sha256}}' \
  --data-raw '{
 "bootVolumeId": "aute in",
 "definedTags": {},
 "displayName": "aliquip in magna",
 "freeformTags": {},
 "type": "FULL"
}'
