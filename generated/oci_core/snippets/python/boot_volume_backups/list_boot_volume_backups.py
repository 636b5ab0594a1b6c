"""Boot Volume Backups / ListBootVolumeBackups: GET with the collection's example values."""

from oci_core import Client

with Client() as client:
    result = client.boot_volume_backups.list_boot_volume_backups(
        compartment_id="ocid1.compartment.oc1..exampleuniqueid",
        limit=50,
        sort_by="TIMECREATED",
        sort_order="DESC",
    )
    print(result)
