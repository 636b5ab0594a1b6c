"""Operations of the top-level requests of the Oracle Cloud Infrastructure Core Services - Boot
Volume Backups API.
"""

from __future__ import annotations

from functools import cached_property
from typing import TYPE_CHECKING

from oci_core._runtime import AsyncRuntime, SyncRuntime

if TYPE_CHECKING:
    from oci_core.api import boot_volume_backups as _boot_volume_backups

__all__: list[str] = [
    "Api",
    "AsyncApi",
]


class Api:
    """Operations of the top-level requests. Boot volume backup operations of the Oracle Cloud
    Infrastructure Core Services API (version 20160918). Requests are authenticated with OCI
    HTTP request signatures: the `Date`, `Authorization` and `x-content-sha256` headers hold
    `{{placeholders}}` that a signing client fills in.
    """

    def __init__(self, runtime: SyncRuntime) -> None:
        self._runtime = runtime

    @cached_property
    def boot_volume_backups(self) -> _boot_volume_backups.BootVolumeBackups:
        from oci_core.api.boot_volume_backups import BootVolumeBackups

        return BootVolumeBackups(self._runtime)


class AsyncApi:
    """Operations of the top-level requests. Boot volume backup operations of the Oracle Cloud
    Infrastructure Core Services API (version 20160918). Requests are authenticated with OCI
    HTTP request signatures: the `Date`, `Authorization` and `x-content-sha256` headers hold
    `{{placeholders}}` that a signing client fills in.
    """

    def __init__(self, runtime: AsyncRuntime) -> None:
        self._runtime = runtime

    @cached_property
    def boot_volume_backups(self) -> _boot_volume_backups.AsyncBootVolumeBackups:
        from oci_core.api.boot_volume_backups import AsyncBootVolumeBackups

        return AsyncBootVolumeBackups(self._runtime)
