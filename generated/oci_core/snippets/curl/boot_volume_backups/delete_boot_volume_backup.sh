#!/usr/bin/env bash
# Boot Volume Backups / DeleteBootVolumeBackup
# OCI request signature: curl cannot compute it; fill in the placeholders of the signed headers, or use the generated Python client, which signs
# unresolved variables: {{region}}, {{date}}, {{signature}}
curl \
  --globoff \
  --request DELETE \
  --url 'https://iaas.{{region}}.oraclecloud.com/20160918/bootVolumeBackups/ocid1.bootvolumebackup.oc1.phx.exampleuniqueid' \
  --header 'if-match: officia sed' \
  --header 'Date: {{date}}' \
  --header 'Authorization: {{signature}}'
