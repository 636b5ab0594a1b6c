"""Pydantic models of the collection API, inferred from example bodies."""

from pydantic import BaseModel, ConfigDict

__all__: list[str] = [
    "GetWithBodyKeptRequest",
    "RawJsonViaHeaderRequest",
    "RawJsonWithCommentsRequest",
]


class RawJsonWithCommentsRequest(BaseModel):
    """Request body of "raw json with comments" (POST /raw/json)."""

    model_config = ConfigDict(populate_by_name=True, extra="allow", protected_namespaces=())

    url: str
    n: int


class RawJsonViaHeaderRequest(BaseModel):
    """Request body of "raw json via header" (PUT /raw/json-header)."""

    model_config = ConfigDict(populate_by_name=True, extra="allow", protected_namespaces=())

    a: int


class GetWithBodyKeptRequest(BaseModel):
    """Request body of "get with body kept" (GET /get-body-kept)."""

    model_config = ConfigDict(populate_by_name=True, extra="allow", protected_namespaces=())

    kept: bool
