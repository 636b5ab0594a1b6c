"""Pydantic models of the oci_core API, inferred from example bodies."""

from datetime import datetime
from typing import Annotated, Any, TypeAlias

from pydantic import (
    BaseModel,
    ConfigDict,
    Field,
    RootModel,
    SerializerFunctionWrapHandler,
    ValidatorFunctionWrapHandler,
    WrapSerializer,
    WrapValidator,
)

__all__: list[str] = [
    "BootVolumeBackup",
    "BootVolumeBackupList",
    "CreateBootVolumeBackupRequest",
    "Error",
    "UpdateBootVolumeBackupRequest",
]


class _Spelled(datetime):
    """A datetime parsed from text, which it keeps."""

    spelling: str


def _keep_spelling(value: Any, handler: ValidatorFunctionWrapHandler) -> datetime:
    parsed: datetime = handler(value)
    if not isinstance(value, str) or type(parsed) is not datetime:
        return parsed
    spelled = _Spelled.combine(parsed.date(), parsed.timetz())
    spelled.spelling = value
    return spelled


def _spelling(value: datetime, handler: SerializerFunctionWrapHandler) -> Any:
    return getattr(value, "spelling", None) or handler(value)


_Timestamp: TypeAlias = Annotated[
    datetime, WrapValidator(_keep_spelling), WrapSerializer(_spelling, when_used="json")
]
"""A timestamp sent back as it was written (``.358Z`` stays ``.358Z``, not ``.358000Z``):
equal instants, but an API may read only one spelling, and a signed body must not change."""


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
    time_created: _Timestamp = Field(alias="timeCreated")
    lifecycle_state: str = Field(alias="lifecycleState")
    boot_volume_id: str = Field(alias="bootVolumeId")
    defined_tags: dict[str, Any] = Field(alias="definedTags")
    expiration_time: _Timestamp = Field(alias="expirationTime")
    freeform_tags: dict[str, Any] = Field(alias="freeformTags")
    image_id: str = Field(alias="imageId")
    kms_key_id: str = Field(alias="kmsKeyId")
    size_in_gbs: int = Field(alias="sizeInGBs")
    source_boot_volume_backup_id: str = Field(alias="sourceBootVolumeBackupId")
    source_type: str = Field(alias="sourceType")
    time_request_received: _Timestamp = Field(alias="timeRequestReceived")
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
