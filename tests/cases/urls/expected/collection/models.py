"""Pydantic models of the collection API, inferred from example bodies."""

from typing import Any

from pydantic import BaseModel, ConfigDict

__all__: list[str] = [
    "DynamicVariablesRequest",
]


class DynamicVariablesRequest(BaseModel):
    """Request body of "dynamic variables" (POST /dynamic)."""

    model_config = ConfigDict(populate_by_name=True, extra="allow", protected_namespaces=())

    n: Any
