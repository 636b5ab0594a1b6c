#!/usr/bin/env bash
# Boot Volume Backups / UpdateBootVolumeBackup
# OCI request signature: curl cannot compute it; fill in the placeholders of the signed headers, or use the generated Python client, which signs
# unresolved variables: {{region}}, {{date}}, {{signature}}, {{content_sha256}}
curl \
  --globoff \
  --request PUT \
  --url 'https://iaas.{{region}}.oraclecloud.com/20160918/bootVolumeBackups/ocid1.bootvolumebackup.oc1.phx.exampleuniqueid' \
  --header 'if-match: officia sed' \
  --header 'Content-Type: application/json' \
  --header 'Date: {{date}}' \
  --header 'Authorization: {{signature}}' \
  --header 'x-content-sha256: {{content_sha256}}' \
  --data-raw '{
 "definedTags": {},
 "displayName": "velit officia",
 "freeformTags": {}
}'
