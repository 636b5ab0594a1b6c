"""The corpus rendered into importable model packages, once per test session.

Rendering the large collections takes seconds each (black), and three test modules need
the same output, so results are cached here and the packages live in one temp directory
that is on ``sys.path`` and removed at exit.
"""

from __future__ import annotations

import atexit
import functools
import importlib
import json
import shutil
import sys
import tempfile
from dataclasses import dataclass
from pathlib import Path
from types import ModuleType

from conftest import ROOT, corpus_collections

from generator.errors import Problem
from generator.model.naming import module_name
from generator.model.operation import Collection
from generator.pipeline import load
from generator.render.models import ModelAssignments, render_models

SEED = ROOT / "collections" / "oci_core.postman_collection.json"


def _is_v1(path: Path) -> bool:
    data = json.loads(path.read_text(encoding="utf-8-sig"))
    return "requests" in data and "item" not in data


def model_collections() -> list[Path]:
    """The corpus (v2 collections only) plus the shipped OCI seed collection."""
    return [path for path in corpus_collections() if not _is_v1(path)] + [SEED]


def collection_id(path: Path) -> str:
    return path.name.split(".")[0]


@dataclass(frozen=True)
class Rendered:
    """One collection's models module, imported, with what render_models returned."""

    collection: Collection
    package: str
    text: str
    assignments: ModelAssignments
    problems: tuple[Problem, ...]
    module: ModuleType


@functools.cache
def packages_dir() -> Path:
    directory = Path(tempfile.mkdtemp(prefix="postgen-models-"))
    atexit.register(shutil.rmtree, directory, ignore_errors=True)
    sys.path.insert(0, str(directory))
    return directory


@functools.cache
def rendered(path: Path) -> Rendered:
    """Render, write and import the models of one collection."""
    collection = load(path).collection
    package = "corpus_" + module_name(collection_id(path), fallback="collection")
    text, assignments, problems = render_models(collection, package)
    directory = packages_dir() / package
    directory.mkdir()
    (directory / "__init__.py").write_text("")
    (directory / "models.py").write_text(text)
    module = importlib.import_module(f"{package}.models")
    return Rendered(collection, package, text, assignments, problems, module)
