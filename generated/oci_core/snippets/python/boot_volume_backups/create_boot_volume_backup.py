"""Boot Volume Backups / CreateBootVolumeBackup: POST with the collection's example values."""

from oci_core import Client
from oci_core.models import CreateBootVolumeBackupRequest

with Client() as client:
    result = client.boot_volume_backups.create_boot_volume_backup(
        body=CreateBootVolumeBackupRequest.model_validate(
            {
                "bootVolumeId": "aute in",
                "definedTags": {},
                "displayName": "aliquip in magna",
                "freeformTags": {},
                "type": "FULL",
            }
        ),
        opc_retry_token="aliqua enim i",
    )
    print(result)
