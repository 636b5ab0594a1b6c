"""Our inferred models are at least as precise as datamodel-code-generator's on the same samples.

For every place (an operation's request body, or its responses of one status) of every corpus
collection, datamodel-code-generator (a test-only dependency) generates pydantic v2 models from
the very samples we infer from, and both generated classes are walked in parallel by JSON key.
Per collection and overall, ours may have no more ``Any`` locations and no more needlessly
optional fields than theirs, and must never reject a sample. What is counted, and how their
models are made from several samples, is defined in ``tests/model_precision.py``.
"""

from __future__ import annotations

from collections.abc import Iterator
from concurrent.futures import Future
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest
from corpus_models import collection_id, model_collections, rendered
from model_precision import (
    Counts,
    Theirs,
    compare_collection,
    compare_place,
    node_converter,
    report_line,
    start,
)
from pydantic import BaseModel, Field, RootModel

from generator.parser.infer import PLACEHOLDER

Comparison = tuple[Counts, tuple[str, ...], Theirs]


@dataclass(slots=True)
class _Comparisons:
    """Each collection compared once; their models are computed in workers meanwhile."""

    pending: dict[Path, Future[Theirs]]
    done: dict[Path, Comparison] = field(default_factory=dict)

    def __call__(self, path: Path) -> Comparison:
        """Counts, ours-is-worse lines and their models of one collection."""
        if path not in self.done:
            result = rendered(path)  # ours, while the workers run datamodel-code-generator
            theirs = self.pending[path].result()
            counts, worse = compare_collection(
                result.collection, result.assignments, result.module, theirs
            )
            self.done[path] = (counts, worse, theirs)
        return self.done[path]


@pytest.fixture(scope="session")
def comparison(request: pytest.FixtureRequest) -> Iterator[_Comparisons]:
    """Starts datamodel-code-generator on the collections the selected tests of this module need."""
    paths: set[Path] = set()
    for item in request.session.items:
        if item.path != Path(__file__):
            continue
        if item.name == test_precision_totals.__name__:
            paths.update(model_collections())
        callspec = getattr(item, "callspec", None)
        if callspec is not None and "path" in callspec.params:
            paths.add(callspec.params["path"])
    comparisons = _Comparisons(start(sorted(paths)))
    yield comparisons
    for future in comparisons.pending.values():
        future.cancel()  # those still queued, when tests stopped early


# -- the comparison on small hand-made models ------------------------------------------------


class _Inner(BaseModel):
    x: int


class _Typed(BaseModel):
    a: int
    b: _Inner | None = None
    d: str = Field(alias="d-d")


class _Untyped(BaseModel):
    a: int | None = None
    b: dict[str, Any] | None = None
    d: Any = Field(alias="d-d")


class _Items(RootModel[list[_Inner]]):
    pass


def _compare(ours: Any, theirs: Any, samples: list[Any]) -> tuple[Counts, tuple[str, ...]]:
    return compare_place(node_converter().node(ours), node_converter().node(theirs), samples)


def test_compare_counts_any_optional_and_unsound() -> None:
    samples: list[Any] = [{"a": 1, "b": {"x": 1}, "d-d": "s"}, {"a": 2, "d-d": None}]
    counts, worse = _compare(_Typed, _Untyped, samples)
    # $.a is present and non-null in every sample: theirs is needlessly optional.
    assert (counts.fields, counts.always, counts.optional_ours, counts.optional_theirs) == (
        3,
        1,
        0,
        1,
    )
    # $.b is a model in ours and dict[str, Any] in theirs; $.d-d is Any in theirs.
    assert (counts.locations, counts.any_ours, counts.any_theirs) == (4, 0, 2)
    # ... but ours rejects the null of $.d-d, which is reported.
    assert (counts.unsound_ours, counts.unsound_theirs) == (1, 0)
    assert worse == ("$.d-d: unsound: ours str",)

    counts, worse = _compare(_Untyped, _Typed, samples)
    assert (counts.any_ours, counts.optional_ours, counts.unsound_theirs) == (2, 1, 1)
    assert worse == (
        "$.a: optional: ours int | None (required=False), theirs int",
        "$.b: Any: ours dict[str, Any] | None, theirs _Inner | None",
        "$.d-d: Any: ours Any, theirs str",
    )


def test_compare_walks_root_models_and_lists() -> None:
    samples = [[{"x": 1}, {"x": 2}], [{"x": 3}]]
    counts, worse = _compare(_Items, list[Any], samples)
    assert (counts.locations, counts.any_ours, counts.any_theirs, worse) == (2, 0, 1, ())
    counts, _ = _compare(_Items, list[_Inner | None], samples)
    assert (counts.locations, counts.always, counts.optional_theirs) == (3, 1, 0)


def test_compare_leaves_placeholder_only_locations_out_of_any() -> None:
    # A {{variable}} placeholder is no evidence: Any against str there is "blind", not Any.
    samples = [{"a": 1, "b": {"x": 2}, "d-d": PLACEHOLDER + "name"}]
    counts, worse = _compare(_Untyped, _Untyped, samples)
    assert (counts.locations, counts.blind, counts.any_ours, counts.always) == (3, 0, 1, 3)
    counts, worse = _compare(_Untyped, _Typed, samples)
    assert (counts.blind, counts.any_ours, counts.any_theirs) == (1, 1, 0)
    assert worse == (
        "$.a: optional: ours int | None (required=False), theirs int",
        "$.b: Any: ours dict[str, Any] | None, theirs _Inner | None",
    )


# -- the corpus --------------------------------------------------------------------------------


@pytest.mark.parametrize("path", model_collections(), ids=collection_id)
def test_ours_at_least_as_precise(
    path: Path, comparison: _Comparisons, capsys: pytest.CaptureFixture[str]
) -> None:
    counts, worse, theirs = comparison(path)
    with capsys.disabled():
        print(f"\n  {report_line(collection_id(path), counts)}", end="")
    assert counts.unsound_ours == 0, "\n".join(worse[:20])
    assert counts.any_ours <= counts.any_theirs, "\n".join(worse[:20])
    assert counts.optional_ours <= counts.optional_theirs, "\n".join(worse[:20])
    assert len(theirs.nodes) == counts.places


def test_precision_totals(comparison: _Comparisons, capsys: pytest.CaptureFixture[str]) -> None:
    results = [comparison(path) for path in model_collections()]
    total = sum((counts for counts, _, _ in results), Counts())
    seconds = sum(theirs.seconds for _, _, theirs in results)
    with capsys.disabled():
        print(f"\n  {report_line('total', total)}")
        print(f"  datamodel-code-generator: {seconds:.1f} s of worker time", end="")
    assert total.places >= 6500  # 6602 when this was written: fewer means places were lost
    assert total.any_ours <= total.any_theirs
    assert total.optional_ours <= total.optional_theirs
    assert total.unsound_ours == 0
