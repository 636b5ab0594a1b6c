"""The frozen settings one run of postgen works with (built by the CLI from its options)."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from generator.model.client import AuthScheme
from generator.render.curl import VarStyle
from generator.render.plan import Part

__all__ = ["Config"]


@dataclass(frozen=True, slots=True)
class Config:
    """Options of a generate/check run."""

    collection: Path
    out: Path | None = None
    environment: Path | None = None
    var_style: VarStyle = VarStyle.POSTMAN
    package: str | None = None
    only: frozenset[Part] = frozenset()
    """Outputs to generate; empty means all of them."""
    auth: AuthScheme | None = None
    """Force this auth scheme on every authenticated request (``--auth``)."""
