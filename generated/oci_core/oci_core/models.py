"""Pydantic models of the oci_core API, inferred from example bodies."""

from datetime import datetime
from typing import Any

from pydantic import BaseModel, ConfigDict, Field, RootModel

__all__: list[str] = [
    "BootVolumeBackup",
    "BootVolumeBackupList",
    "CreateBootVolumeBackupRequest",
    "Error",
    "UpdateBootVolumeBackupRequest",
]


class CreateBootVolumeBackupRequest(BaseModel):
    """Request body of "CreateBootVolumeBackup" (POST /bootVolumeBackups)."""

    model_config = ConfigDict(populate_by_name=True, extra="allow", protected_namespaces=())

    boot_volume_id: str = Field(alias="bootVolumeId")
    defined_tags: dict[str, Any] = Field(alias="definedTags")
    display_name: str = Field(alias="displayName")
    freeform_tags: dict[str, Any] = Field(alias="freeformTags")
    type_: str = Field(alias="type")


class BootVolumeBackup(BaseModel):
    """Response body (200) of "CreateBootVolumeBackup" (POST /bootVolumeBackups)."""

    model_config = ConfigDict(populate_by_name=True, extra="allow", protected_namespaces=())

    id_: str = Field(alias="id")
    display_name: str = Field(alias="displayName")
    compartment_id: str = Field(alias="compartmentId")
    time_created: datetime = Field(alias="timeCreated")
    lifecycle_state: str = Field(alias="lifecycleState")
    boot_volume_id: str = Field(alias="bootVolumeId")
    defined_tags: dict[str, Any] = Field(alias="definedTags")
    expiration_time: datetime = Field(alias="expirationTime")
    freeform_tags: dict[str, Any] = Field(alias="freeformTags")
    image_id: str = Field(alias="imageId")
    kms_key_id: str = Field(alias="kmsKeyId")
    size_in_gbs: int = Field(alias="sizeInGBs")
    source_boot_volume_backup_id: str = Field(alias="sourceBootVolumeBackupId")
    source_type: str = Field(alias="sourceType")
    time_request_received: datetime = Field(alias="timeRequestReceived")
    type_: str = Field(alias="type")
    unique_size_in_gbs: int = Field(alias="uniqueSizeInGBs")


class Error(BaseModel):
    """Error body shared by several operations."""

    model_config = ConfigDict(populate_by_name=True, extra="allow", protected_namespaces=())

    code: str
    message: str


class BootVolumeBackupList(RootModel[list[BootVolumeBackup]]):
    """Response body (200) of "ListBootVolumeBackups" (GET /bootVolumeBackups)."""


class UpdateBootVolumeBackupRequest(BaseModel):
    """Request body of "UpdateBootVolumeBackup" (PUT /bootVolumeBackups/:bootVolumeBackupId)."""

    model_config = ConfigDict(populate_by_name=True, extra="allow", protected_namespaces=())

    defined_tags: dict[str, Any] = Field(alias="definedTags")
    display_name: str = Field(alias="displayName")
    freeform_tags: dict[str, Any] = Field(alias="freeformTags")
