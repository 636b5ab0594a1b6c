"""The frozen settings one run of postgen works with (built by the CLI from its options)."""

from __future__ import annotations

import urllib.parse
from dataclasses import dataclass
from pathlib import Path

from generator.model.client import AuthScheme
from generator.render.curl import VarStyle
from generator.render.plan import Part

__all__ = ["Config", "docs_base_url_problem"]


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
    templates: Path | None = None
    """A directory whose templates replace the shipped ones of the same path (``--templates``)."""
    docs_base_url: str | None = None
    """Where the relative links of descriptions point in the docs (``--docs-base-url``)."""


def docs_base_url_problem(url: str) -> str | None:
    """Why ``url`` cannot be the docs' base URL (an absolute http(s) URL), or None."""
    parts = urllib.parse.urlsplit(url)
    if parts.scheme not in ("http", "https") or not parts.netloc:
        return f"{url!r} is not an absolute http(s) URL"
    return None
