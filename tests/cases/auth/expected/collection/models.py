"""Pydantic models of the collection API, inferred from example bodies."""

from pydantic import BaseModel, ConfigDict

__all__: list[str] = [
    "Awsv4ApiWithBodyRequest",
]


class Awsv4ApiWithBodyRequest(BaseModel):
    """Request body of "awsv4 api with body" (POST /api)."""

    model_config = ConfigDict(populate_by_name=True, extra="allow", protected_namespaces=())

    a: int
