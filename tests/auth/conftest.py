"""The rendered ``auth.py`` (the real generated code), imported once per session; the oracles."""

from __future__ import annotations

import importlib.util
import json
import sys
from pathlib import Path
from types import ModuleType
from typing import Any

import pytest

from generator.render.auth import render_auth

ORACLES = Path(__file__).resolve().parents[3] / "shared" / "oracles"
PACKAGE = "signed_api"


def oracle(name: str) -> Any:
    """A JSON file of ../shared/oracles."""
    return json.loads((ORACLES / name).read_text(encoding="utf-8"))


@pytest.fixture(scope="session")
def auth_path(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """``<tmp>/signed_api/auth.py`` as ``postgen generate`` writes it."""
    package = tmp_path_factory.mktemp("rendered") / PACKAGE
    package.mkdir()
    path = package / "auth.py"
    path.write_text(render_auth(PACKAGE), encoding="utf-8")
    return path


@pytest.fixture(scope="session")
def auth(auth_path: Path) -> ModuleType:
    """The rendered module, imported under its package name."""
    name = f"{PACKAGE}.auth"
    spec = importlib.util.spec_from_file_location(name, auth_path)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[name] = module  # dataclasses look their module up by name
    spec.loader.exec_module(module)
    return module
