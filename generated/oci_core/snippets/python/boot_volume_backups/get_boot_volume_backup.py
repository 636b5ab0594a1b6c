"""Boot Volume Backups / GetBootVolumeBackup: GET with the collection's example values."""

from oci_core import Client

with Client() as client:
    result = client.boot_volume_backups.get_boot_volume_backup(
        boot_volume_backup_id="ocid1.bootvolumebackup.oc1.phx.exampleuniqueid",
    )
    print(result)
