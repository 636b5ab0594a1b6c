"""Boot Volume Backups / UpdateBootVolumeBackup: PUT with the collection's example values."""

from oci_core import Client
from oci_core.models import UpdateBootVolumeBackupRequest

with Client() as client:
    result = client.boot_volume_backups.update_boot_volume_backup(
        body=UpdateBootVolumeBackupRequest.model_validate(
            {
                "definedTags": {},
                "displayName": "velit officia",
                "freeformTags": {},
            }
        ),
        boot_volume_backup_id="ocid1.bootvolumebackup.oc1.phx.exampleuniqueid",
        if_match="officia sed",
    )
    print(result)
