"""Every JSON example body of the corpus round-trips through its generated model.

For each body that decodes as JSON as written: the operation has a model for it (or a
warning says why not), ``Model.model_validate(body)`` succeeds, and
``model_dump(mode="json", by_alias=True, exclude_unset=True)`` gives the body back, with
timestamps compared as instants and numbers as numbers. The generated modules also pass
``ruff check`` and ``mypy --strict``.
"""

from __future__ import annotations

import functools
import json
import subprocess
import sys
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import black
import pytest
from black.mode import TargetVersion
from corpus_models import Rendered, collection_id, model_collections, packages_dir, rendered
from json_compare import same
from pydantic import BaseModel

from generator.model.operation import BodyMode
from generator.render.package import render_init


@dataclass(frozen=True)
class Body:
    text: str
    pointer: str
    model: str | None


def _bodies(result: Rendered) -> Iterator[Body]:
    for op in result.collection.operations:
        assigned = result.assignments[op.pointer]
        body = op.body
        if body is not None and body.mode is BodyMode.RAW and not body.disabled:
            yield Body(body.raw, f"{body.pointer}/raw", assigned.request)
        responses = assigned.response_map()
        for example in op.examples:
            status = "default" if example.status is None else str(example.status)
            if example.body is not None:
                yield Body(example.body, f"{example.pointer}/body", responses.get(status))


def test_same_compares_instants_and_numbers() -> None:
    assert same({"t": "2020-01-01T00:00:00+00:00", "n": 1}, {"t": "2020-01-01T00:00:00Z", "n": 1.0})
    assert same("2020-01-01T00:00:00.100000+05:30", "2020-01-01T00:00:00.1+05:30")
    assert not same("2020-01-01T00:00:00Z", "2020-01-01T00:00:01Z")
    assert not same(True, 1)
    assert not same({"a": None}, {})
    assert not same("ABC", "abc")


BLACK = black.Mode(target_versions={TargetVersion.PY311}, line_length=100)


@functools.cache
def round_trip(path: Path) -> tuple[int, tuple[str, ...]]:
    """How many bodies of a collection round-trip, and what went wrong with the others."""
    result = rendered(path)
    warned = {problem.pointer for problem in result.problems}
    count = 0
    failures: list[str] = []
    for body in _bodies(result):
        try:
            value = json.loads(body.text)
        except ValueError:
            continue  # not JSON as written (text, XML, or a {{template}}): nothing to compare
        if body.model is None:
            if body.pointer not in warned:
                failures.append(f"{body.pointer}: JSON body without a model or a warning")
            continue
        model: type[BaseModel] = getattr(result.module, body.model)
        try:
            dumped = model.model_validate(value).model_dump(
                mode="json", by_alias=True, exclude_unset=True
            )
        except ValueError as error:
            failures.append(f"{body.pointer}: {body.model} rejects it: {error}")
            continue
        if not same(value, dumped):
            failures.append(f"{body.pointer}: {body.model} dumps {json.dumps(dumped)[:300]}")
            continue
        count += 1
    return count, tuple(failures)


@pytest.mark.parametrize("path", model_collections(), ids=collection_id)
def test_every_json_body_round_trips(path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    count, failures = round_trip(path)
    with capsys.disabled():
        print(f"\n  {collection_id(path)}: {count} bodies round-trip", end="")
    assert not failures, "\n".join(failures[:20])


def test_round_trip_total(capsys: pytest.CaptureFixture[str]) -> None:
    total = sum(round_trip(path)[0] for path in model_collections())
    with capsys.disabled():
        print(
            f"\n  round trip: {total} JSON example bodies in {len(model_collections())} collections"
        )
    assert total >= 5600  # 5663 when this was written; a drop means bodies lost their models


STRICT_RUFF = ("--select", "E,F,W,I,UP,B,RUF", "--line-length", "100")


def _linted_packages() -> list[str]:
    return [rendered(path).package for path in model_collections()]


def _tool(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", *args], capture_output=True, text=True, cwd=packages_dir()
    )


def test_generated_models_pass_ruff() -> None:
    packages = _linted_packages()
    default = _tool("ruff", "check", "--isolated", *packages)
    assert default.returncode == 0, default.stdout[-3000:]
    # Also the project's own stricter selection (import order, __all__ order, line length).
    strict = _tool("ruff", "check", "--isolated", *STRICT_RUFF, *packages)
    assert strict.returncode == 0, strict.stdout[-3000:]


def test_generated_models_pass_mypy_strict(tmp_path: Path) -> None:
    packages = [arg for package in _linted_packages() for arg in ("-p", package)]
    done = _tool("mypy", "--strict", "--cache-dir", str(tmp_path), *packages)
    assert done.returncode == 0, done.stdout[-3000:] + done.stderr[-2000:]


@pytest.mark.parametrize("path", model_collections(), ids=collection_id)
def test_black_changes_nothing(path: Path) -> None:
    """The proof behind format_blocks: black over the whole module is a no-op."""
    result = rendered(path)
    assert black.format_str(result.text, mode=BLACK) == result.text
    init = render_init(result.collection, result.package, result.module.__all__)
    assert black.format_str(init, mode=BLACK) == init
