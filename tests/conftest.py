"""Shared test fixtures: project paths, the shared corpus, and running the real CLI."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
SHARED = (ROOT / ".." / "shared").resolve()
CORPUS = SHARED / "corpus"
NODE_MODULES = ROOT / "tests" / "conformance" / "node_modules"


def corpus_collections() -> list[Path]:
    """Every collection of the shared corpus (real and generated)."""
    return sorted((CORPUS / "real").glob("*.postman_collection.json")) + sorted(
        (CORPUS / "generated").glob("*.postman_collection.json")
    )


def run_cli(
    *args: str | os.PathLike[str], cwd: Path | None = None, env: dict[str, str] | None = None
) -> subprocess.CompletedProcess[str]:
    """Run `python -m generator ARGS` in a subprocess, as a user would."""
    return subprocess.run(
        [sys.executable, "-m", "generator", *map(str, args)],
        capture_output=True,
        text=True,
        cwd=cwd or ROOT,
        env={**os.environ, **(env or {})},
        timeout=600,
    )


@pytest.fixture
def cli():  # type: ignore[no-untyped-def]
    return run_cli
