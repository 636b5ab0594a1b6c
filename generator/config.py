"""The frozen settings one run of postgen works with (built by the CLI from its options), and
the option types: kept free of the renderer so that starting the CLI stays cheap."""

from __future__ import annotations

import enum
import urllib.parse
from dataclasses import dataclass
from pathlib import Path

from generator.model.client import AuthScheme

__all__ = ["Config", "Part", "VarStyle", "docs_base_url_problem"]


class VarStyle(enum.Enum):
    """How unresolved variables appear: `{{name}}` placeholders, or `${NAME}` expansions."""

    POSTMAN = "postman"
    SHELL = "shell"


class Part(enum.Enum):
    """The outputs ``--only`` can choose from (see render/plan.py)."""

    CURL = "curl"
    MODELS = "models"
    CLIENT = "client"
    PYTHON = "python"
    DOCS = "docs"


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
