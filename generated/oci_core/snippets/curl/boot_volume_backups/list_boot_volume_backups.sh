#!/usr/bin/env bash
# Boot Volume Backups / ListBootVolumeBackups
# OCI request signature: curl cannot compute it; fill in the placeholders of the signed headers, or use the generated Python client, which signs
# unresolved variables: {{region}}, {{date}}, {{signature}}
curl \
  --globoff \
  --url 'https://iaas.{{region}}.oraclecloud.com/20160918/bootVolumeBackups?compartmentId=ocid1.compartment.oc1..exampleuniqueid&limit=50&sortBy=TIMECREATED&sortOrder=DESC' \
  --header 'Date: {{date}}' \
  --header 'Authorization: {{signature}}'
