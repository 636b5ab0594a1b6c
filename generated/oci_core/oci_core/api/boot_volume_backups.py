"""Operations of the "Boot Volume Backups" folder of the Oracle Cloud Infrastructure Core
Services - Boot Volume Backups API.
"""

from __future__ import annotations

from oci_core import _helpers
from oci_core import models as _models
from oci_core._runtime import AsyncRuntime, RequestSpec, SyncRuntime

__all__: list[str] = [
    "AsyncBootVolumeBackups",
    "BootVolumeBackups",
]


def _create_boot_volume_backup(
    *,
    body: _models.CreateBootVolumeBackupRequest,
    opc_retry_token: str | None,
) -> RequestSpec:
    return RequestSpec(
        method="POST",
        path="/bootVolumeBackups",
        content=_helpers.model_json(body),
        idempotency_header="opc-retry-token",
        auth="oci",
        headers=_helpers.pairs(
            ("Content-Type", "application/json"),
            ("opc-retry-token", opc_retry_token),
        ),
        error_models={
            "400": _models.Error,
            "401": _models.Error,
            "404": _models.Error,
            "409": _models.Error,
            "500": _models.Error,
        },
    )


def _get_boot_volume_backup(
    *,
    boot_volume_backup_id: str,
) -> RequestSpec:
    return RequestSpec(
        method="GET",
        path=_helpers.expand(
            "/bootVolumeBackups/{boot_volume_backup_id}",
            boot_volume_backup_id=boot_volume_backup_id,
        ),
        auth="oci",
        error_models={
            "401": _models.Error,
            "404": _models.Error,
            "500": _models.Error,
        },
    )


def _list_boot_volume_backups(
    *,
    compartment_id: str,
    boot_volume_id: str | None,
    limit: int | None,
    page: str | None,
    display_name: str | None,
    sort_by: str | None,
    sort_order: str | None,
    lifecycle_state: str | None,
) -> RequestSpec:
    return RequestSpec(
        method="GET",
        path="/bootVolumeBackups",
        auth="oci",
        params=_helpers.pairs(
            ("compartmentId", compartment_id),
            ("bootVolumeId", boot_volume_id),
            ("limit", limit),
            ("page", page),
            ("displayName", display_name),
            ("sortBy", sort_by),
            ("sortOrder", sort_order),
            ("lifecycleState", lifecycle_state),
        ),
        error_models={
            "400": _models.Error,
            "401": _models.Error,
            "404": _models.Error,
            "500": _models.Error,
        },
    )


def _update_boot_volume_backup(
    *,
    body: _models.UpdateBootVolumeBackupRequest,
    boot_volume_backup_id: str,
    if_match: str | None,
) -> RequestSpec:
    return RequestSpec(
        method="PUT",
        path=_helpers.expand(
            "/bootVolumeBackups/{boot_volume_backup_id}",
            boot_volume_backup_id=boot_volume_backup_id,
        ),
        content=_helpers.model_json(body),
        auth="oci",
        headers=_helpers.pairs(
            ("Content-Type", "application/json"),
            ("if-match", if_match),
        ),
        error_models={
            "401": _models.Error,
            "404": _models.Error,
            "409": _models.Error,
            "500": _models.Error,
        },
    )


def _delete_boot_volume_backup(
    *,
    boot_volume_backup_id: str,
    if_match: str | None,
) -> RequestSpec:
    return RequestSpec(
        method="DELETE",
        path=_helpers.expand(
            "/bootVolumeBackups/{boot_volume_backup_id}",
            boot_volume_backup_id=boot_volume_backup_id,
        ),
        auth="oci",
        headers=_helpers.pairs(
            ("if-match", if_match),
        ),
        error_models={
            "401": _models.Error,
            "404": _models.Error,
            "409": _models.Error,
            "500": _models.Error,
        },
    )


class BootVolumeBackups:
    """Operations of the "Boot Volume Backups" folder. Backups of boot volumes."""

    def __init__(self, runtime: SyncRuntime) -> None:
        self._runtime = runtime

    def create_boot_volume_backup(
        self,
        *,
        body: _models.CreateBootVolumeBackupRequest,
        opc_retry_token: str | None = None,
    ) -> _models.BootVolumeBackup:
        """CreateBootVolumeBackup

        POST /bootVolumeBackups

        Creates a new boot volume backup of the specified boot volume. For general information about
        boot volume backups, see [Overview of Boot Volume
        Backups](/iaas/Content/Block/Concepts/bootvolumebackups.htm)

        When the request is received, the backup object is in a REQUEST_RECEIVED state. When the
        data is imaged, it goes into a CREATING state. After the backup is fully uploaded to the
        cloud, it goes into an AVAILABLE state.

        Args:
            body: the request body (model)
            opc_retry_token: header opc-retry-token. A token that uniquely identifies a request so
                it can be retried in case of a timeout or server error without risk of executing that
                same action again. Retry tokens expire after 24 hours, but can be invalidated before
                then due to conflicting operations (for example, if a resource has been deleted and
                purged from the system, then a retry of the original creation request may be rejected).
        """
        response = self._runtime.send(
            _create_boot_volume_backup(
                body=body,
                opc_retry_token=opc_retry_token,
            )
        )
        return _helpers.parse(_models.BootVolumeBackup, response)

    def get_boot_volume_backup(
        self,
        *,
        boot_volume_backup_id: str,
    ) -> _models.BootVolumeBackup:
        """GetBootVolumeBackup

        GET /bootVolumeBackups/{boot_volume_backup_id}

        Gets information for the specified boot volume backup.

        Args:
            boot_volume_backup_id: path bootVolumeBackupId. (Required) The OCID of the boot volume
                backup.
        """
        response = self._runtime.send(
            _get_boot_volume_backup(
                boot_volume_backup_id=boot_volume_backup_id,
            )
        )
        return _helpers.parse(_models.BootVolumeBackup, response)

    def list_boot_volume_backups(
        self,
        *,
        compartment_id: str,
        boot_volume_id: str | None = None,
        limit: int | None = None,
        page: str | None = None,
        display_name: str | None = None,
        sort_by: str | None = None,
        sort_order: str | None = None,
        lifecycle_state: str | None = None,
    ) -> list[_models.BootVolumeBackup]:
        """ListBootVolumeBackups

        GET /bootVolumeBackups

        Lists the boot volume backups in the specified compartment. You can filter the results by
        boot volume.

        Args:
            compartment_id: query compartmentId. (Required) The OCID of the compartment.
            boot_volume_id: query bootVolumeId. The OCID of the boot volume.
            limit: query limit. For list pagination. The maximum number of results per page, or
                items to return in a paginated "List" call.
            page: query page. For list pagination. The value of the `opc-next-page` response header
                from the previous "List" call.
            display_name: query displayName. A filter to return only resources that match the given
                display name exactly.
            sort_by: query sortBy. The field to sort by. Only one sort order may be provided.
                Default order for TIMECREATED is descending.
            sort_order: query sortOrder. The sort order to use, either ascending (`ASC`) or
                descending (`DESC`).
            lifecycle_state: query lifecycleState. A filter to only return resources that match the
                given lifecycle state.
        """
        response = self._runtime.send(
            _list_boot_volume_backups(
                compartment_id=compartment_id,
                boot_volume_id=boot_volume_id,
                limit=limit,
                page=page,
                display_name=display_name,
                sort_by=sort_by,
                sort_order=sort_order,
                lifecycle_state=lifecycle_state,
            )
        )
        return _helpers.parse(_models.BootVolumeBackupList, response).root

    def update_boot_volume_backup(
        self,
        *,
        body: _models.UpdateBootVolumeBackupRequest,
        boot_volume_backup_id: str,
        if_match: str | None = None,
    ) -> _models.BootVolumeBackup:
        """UpdateBootVolumeBackup

        PUT /bootVolumeBackups/{boot_volume_backup_id}

        Updates the display name for the specified boot volume backup. Avoid entering confidential
        information.

        Args:
            body: the request body (model)
            boot_volume_backup_id: path bootVolumeBackupId. (Required) The OCID of the boot volume
                backup.
            if_match: header if-match. For optimistic concurrency control. In the PUT or DELETE call
                for a resource, set the `if-match` parameter to the value of the etag from a previous
                GET or POST response for that resource. The resource will be updated or deleted only if
                the etag you provide matches the resource's current etag value.
        """
        response = self._runtime.send(
            _update_boot_volume_backup(
                body=body,
                boot_volume_backup_id=boot_volume_backup_id,
                if_match=if_match,
            )
        )
        return _helpers.parse(_models.BootVolumeBackup, response)

    def delete_boot_volume_backup(
        self,
        *,
        boot_volume_backup_id: str,
        if_match: str | None = None,
    ) -> None:
        """DeleteBootVolumeBackup

        DELETE /bootVolumeBackups/{boot_volume_backup_id}

        Deletes a boot volume backup.

        Args:
            boot_volume_backup_id: path bootVolumeBackupId. (Required) The OCID of the boot volume
                backup.
            if_match: header if-match. For optimistic concurrency control. In the PUT or DELETE call
                for a resource, set the `if-match` parameter to the value of the etag from a previous
                GET or POST response for that resource. The resource will be updated or deleted only if
                the etag you provide matches the resource's current etag value.
        """
        response = self._runtime.send(
            _delete_boot_volume_backup(
                boot_volume_backup_id=boot_volume_backup_id,
                if_match=if_match,
            )
        )
        del response  # nothing documented to parse
        return None


class AsyncBootVolumeBackups:
    """Operations of the "Boot Volume Backups" folder. Backups of boot volumes."""

    def __init__(self, runtime: AsyncRuntime) -> None:
        self._runtime = runtime

    async def create_boot_volume_backup(
        self,
        *,
        body: _models.CreateBootVolumeBackupRequest,
        opc_retry_token: str | None = None,
    ) -> _models.BootVolumeBackup:
        """CreateBootVolumeBackup

        POST /bootVolumeBackups

        Creates a new boot volume backup of the specified boot volume. For general information about
        boot volume backups, see [Overview of Boot Volume
        Backups](/iaas/Content/Block/Concepts/bootvolumebackups.htm)

        When the request is received, the backup object is in a REQUEST_RECEIVED state. When the
        data is imaged, it goes into a CREATING state. After the backup is fully uploaded to the
        cloud, it goes into an AVAILABLE state.

        Args:
            body: the request body (model)
            opc_retry_token: header opc-retry-token. A token that uniquely identifies a request so
                it can be retried in case of a timeout or server error without risk of executing that
                same action again. Retry tokens expire after 24 hours, but can be invalidated before
                then due to conflicting operations (for example, if a resource has been deleted and
                purged from the system, then a retry of the original creation request may be rejected).
        """
        response = await self._runtime.send(
            _create_boot_volume_backup(
                body=body,
                opc_retry_token=opc_retry_token,
            )
        )
        return _helpers.parse(_models.BootVolumeBackup, response)

    async def get_boot_volume_backup(
        self,
        *,
        boot_volume_backup_id: str,
    ) -> _models.BootVolumeBackup:
        """GetBootVolumeBackup

        GET /bootVolumeBackups/{boot_volume_backup_id}

        Gets information for the specified boot volume backup.

        Args:
            boot_volume_backup_id: path bootVolumeBackupId. (Required) The OCID of the boot volume
                backup.
        """
        response = await self._runtime.send(
            _get_boot_volume_backup(
                boot_volume_backup_id=boot_volume_backup_id,
            )
        )
        return _helpers.parse(_models.BootVolumeBackup, response)

    async def list_boot_volume_backups(
        self,
        *,
        compartment_id: str,
        boot_volume_id: str | None = None,
        limit: int | None = None,
        page: str | None = None,
        display_name: str | None = None,
        sort_by: str | None = None,
        sort_order: str | None = None,
        lifecycle_state: str | None = None,
    ) -> list[_models.BootVolumeBackup]:
        """ListBootVolumeBackups

        GET /bootVolumeBackups

        Lists the boot volume backups in the specified compartment. You can filter the results by
        boot volume.

        Args:
            compartment_id: query compartmentId. (Required) The OCID of the compartment.
            boot_volume_id: query bootVolumeId. The OCID of the boot volume.
            limit: query limit. For list pagination. The maximum number of results per page, or
                items to return in a paginated "List" call.
            page: query page. For list pagination. The value of the `opc-next-page` response header
                from the previous "List" call.
            display_name: query displayName. A filter to return only resources that match the given
                display name exactly.
            sort_by: query sortBy. The field to sort by. Only one sort order may be provided.
                Default order for TIMECREATED is descending.
            sort_order: query sortOrder. The sort order to use, either ascending (`ASC`) or
                descending (`DESC`).
            lifecycle_state: query lifecycleState. A filter to only return resources that match the
                given lifecycle state.
        """
        response = await self._runtime.send(
            _list_boot_volume_backups(
                compartment_id=compartment_id,
                boot_volume_id=boot_volume_id,
                limit=limit,
                page=page,
                display_name=display_name,
                sort_by=sort_by,
                sort_order=sort_order,
                lifecycle_state=lifecycle_state,
            )
        )
        return _helpers.parse(_models.BootVolumeBackupList, response).root

    async def update_boot_volume_backup(
        self,
        *,
        body: _models.UpdateBootVolumeBackupRequest,
        boot_volume_backup_id: str,
        if_match: str | None = None,
    ) -> _models.BootVolumeBackup:
        """UpdateBootVolumeBackup

        PUT /bootVolumeBackups/{boot_volume_backup_id}

        Updates the display name for the specified boot volume backup. Avoid entering confidential
        information.

        Args:
            body: the request body (model)
            boot_volume_backup_id: path bootVolumeBackupId. (Required) The OCID of the boot volume
                backup.
            if_match: header if-match. For optimistic concurrency control. In the PUT or DELETE call
                for a resource, set the `if-match` parameter to the value of the etag from a previous
                GET or POST response for that resource. The resource will be updated or deleted only if
                the etag you provide matches the resource's current etag value.
        """
        response = await self._runtime.send(
            _update_boot_volume_backup(
                body=body,
                boot_volume_backup_id=boot_volume_backup_id,
                if_match=if_match,
            )
        )
        return _helpers.parse(_models.BootVolumeBackup, response)

    async def delete_boot_volume_backup(
        self,
        *,
        boot_volume_backup_id: str,
        if_match: str | None = None,
    ) -> None:
        """DeleteBootVolumeBackup

        DELETE /bootVolumeBackups/{boot_volume_backup_id}

        Deletes a boot volume backup.

        Args:
            boot_volume_backup_id: path bootVolumeBackupId. (Required) The OCID of the boot volume
                backup.
            if_match: header if-match. For optimistic concurrency control. In the PUT or DELETE call
                for a resource, set the `if-match` parameter to the value of the etag from a previous
                GET or POST response for that resource. The resource will be updated or deleted only if
                the etag you provide matches the resource's current etag value.
        """
        response = await self._runtime.send(
            _delete_boot_volume_backup(
                boot_volume_backup_id=boot_volume_backup_id,
                if_match=if_match,
            )
        )
        del response  # nothing documented to parse
        return None
