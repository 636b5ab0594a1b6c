"""The memo's keys, values and file (generator/memo.py).

Whole runs with the memo: tests/cli/test_incremental.py.
"""

from __future__ import annotations

import dataclasses
import hashlib
import json
import os
import pickle
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from generator import manifest, memo, pipeline
from generator.config import Config
from generator.errors import Level, Problem
from generator.model.naming import ClassName, PyIdent
from generator.model.types import FieldSpec, ListOf, ModelRef, ModelSpec, Primitive, Scalar
from generator.parser import models
from generator.render import docs
from generator.render.code import Code

ROOT = Path(__file__).resolve().parents[2]
TWITTER = ROOT.parent / "shared" / "corpus" / "real" / "twitter-api-v2.postman_collection.json"
SPEC = ModelSpec(
    name=ClassName("Thing"),
    pointer="/item/0/response/0/body",
    fields=(
        FieldSpec(PyIdent("tags"), "tags", ListOf(Scalar(Primitive.STR)), True),
        FieldSpec(PyIdent("owner"), "owner", ModelRef(ClassName("ThingOwner")), False),
    ),
    description="A thing.",
)


@pytest.fixture
def remembered(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Config:
    monkeypatch.setenv("POSTGEN_CACHE_DIR", str(tmp_path / "cache"))
    return Config(TWITTER, tmp_path / "out")


def test_keys_are_the_same_in_every_process() -> None:
    """A key that changed with the hash seed (a set pickles in hash order) would never be
    found again: each operation's fingerprint, its auth's set of flags included."""
    code = (
        "from pathlib import Path\n"
        "from generator import memo, pipeline\n"
        "from generator.config import Config\n"
        f"path = Path({str(TWITTER)!r})\n"
        "ops = pipeline.load(path).collection.operations\n"
        "with memo.remembering(Config(Path('c'), Path('o')), True):\n"
        "    print(sorted(memo.fingerprint(op).hex() for op in ops))\n"
        "    # Parsed with the memo: fingerprinted by their items (see parser/items.py).\n"
        "    ops = pipeline.load(path).collection.operations\n"
        "    print(sorted(memo.fingerprint(op).hex() for op in ops))\n"
    )
    outputs = set()
    for seed in ("1", "2", "3"):
        env = {**os.environ, "PYTHONHASHSEED": seed, "POSTGEN_CACHE_DIR": "/nonexistent"}
        done = subprocess.run(
            [sys.executable, "-c", code], env=env, capture_output=True, text=True, check=True
        )
        outputs.add(done.stdout)
    assert len(outputs) == 1
    assert "None" not in outputs.pop()


def test_keys_tell_values_apart() -> None:
    key = memo._key
    assert key(("a", SPEC)) == key(("a", SPEC))
    assert key((SPEC,)) != key((dataclasses.replace(SPEC, description="B."),))
    assert key((ClassName("Thing"),)) != key(("Thing",))  # a subclass is not its text
    assert key((frozenset({"a", "b"}),)) != key((("a", "b"),))
    assert key((None,)) is not None


def test_plain_keys_tell_types_apart_and_not_interning() -> None:
    """Plain data is keyed by its marshal (memo._key): still one key per value and type."""
    key = memo._key
    keys = {key(("a", value)) for value in (1, True, 1.0, "1", b"1", None, (1,), [1])}
    assert len(keys) == 8
    built = "".join(["Th", "ing"])
    assert built is not sys.intern("Thing")
    assert key((built, 2**70)) == key(("Thing", 2**70))
    assert key(("Thing",)) != key((ClassName("Thing"),))  # a pickled key is apart
    # (what keeps them apart: a plain encoding never begins as a pickle does)
    for value in ("x", b"x", 1, 2**70, 1.5, None, True, (1,), [1], {"a": 1}):
        assert memo.marshal.dumps(value, 2)[0] < 0x80 == pickle.dumps(value, 5)[0]


def _ops_fingerprints(
    data: dict[str, Any], tmp_path: Path, *, examples: bool = True
) -> dict[str, bytes | None]:
    path = tmp_path / "c.postman_collection.json"
    path.write_text(json.dumps(data), encoding="utf-8")
    with memo.remembering(Config(path, tmp_path / "out"), True):
        ops = pipeline.load(path, examples=examples).collection.operations
        return {op.pointer: memo.fingerprint(op) for op in ops}


def test_an_operation_is_fingerprinted_by_its_item_and_what_it_inherits(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("POSTGEN_CACHE_DIR", str(tmp_path / "cache"))
    data = json.loads(TWITTER.read_text(encoding="utf-8"))
    before = _ops_fingerprints(data, tmp_path)
    assert before == _ops_fingerprints(data, tmp_path) and None not in before.values()
    folder = next(i for i, item in enumerate(data["item"]) if "item" in item)
    data["item"][folder]["item"][0]["name"] += " (renamed)"
    renamed = _ops_fingerprints(data, tmp_path)
    assert {p for p in before if before[p] != renamed[p]} == {f"/item/{folder}/item/0"}
    # An auth set on the folder reaches every operation below it.
    data["item"][folder]["auth"] = {"type": "bearer", "bearer": [{"key": "token", "value": "t"}]}
    inherited = _ops_fingerprints(data, tmp_path)
    below = {p for p in before if p.startswith(f"/item/{folder}/")}
    assert {p for p in before if renamed[p] != inherited[p]} == below
    # Parsed without the saved responses (--only curl), an operation's do not count.
    without = _ops_fingerprints(data, tmp_path, examples=False)
    assert set(without.values()).isdisjoint(inherited.values())
    data["item"][folder]["item"][0]["response"][0]["body"] = "changed"
    assert _ops_fingerprints(data, tmp_path, examples=False) == without
    assert (
        _ops_fingerprints(data, tmp_path)[f"/item/{folder}/item/0"]
        != inherited[f"/item/{folder}/item/0"]
    )


def test_models_are_inferred_again_only_when_a_body_changes(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The inference is remembered by the bodies, known per operation by its fingerprint:
    a renamed request infers nothing again, an edited example body does."""
    monkeypatch.setenv("POSTGEN_CACHE_DIR", str(tmp_path / "cache"))
    inferred = []
    real = models._inferred
    monkeypatch.setattr(models, "_inferred", lambda of, file: inferred.append(1) or real(of, file))
    path = tmp_path / "c.postman_collection.json"
    data = json.loads(TWITTER.read_text(encoding="utf-8"))

    def build() -> None:
        path.write_text(json.dumps(data), encoding="utf-8")
        with memo.remembering(Config(path, tmp_path / "out")):
            model_set, _ = models.build_models(pipeline.load(path).collection)
        assert model_set.models

    build()
    assert inferred == [1]
    first = data["item"][0]["item"][0]
    first["name"] = "Renamed"
    build()
    assert inferred == [1]
    first["response"][0]["body"] = '{"renamed": true}'
    build()
    assert inferred == [1, 1]


def test_a_docs_page_renders_again_only_the_sections_that_changed(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Each operation's section of a docs page is remembered on its own: with every request
    on one page, renaming one renders one section again, and the page is as made from
    nothing."""
    monkeypatch.setenv("POSTGEN_CACHE_DIR", str(tmp_path / "cache"))
    made: list[str] = []
    real = docs._Builder.operation
    monkeypatch.setattr(
        docs._Builder,
        "operation",
        lambda self, namespace, method, level: (
            made.append(method.pointer) or real(self, namespace, method, level)
        ),
    )
    path = tmp_path / "c.postman_collection.json"
    data = json.loads(TWITTER.read_text(encoding="utf-8"))
    data["item"] = [{"name": "Every request", "item": data["item"]}]

    def pages(*, remembering: bool) -> dict[str, str]:
        made.clear()
        path.write_text(json.dumps(data), encoding="utf-8")
        run = pipeline.prepare(Config(path, tmp_path / "out"), memo=remembering)
        return {str(p): text for p, text in run.files.items() if str(p).startswith("docs/")}

    first = pages(remembering=True)
    operations = len(made)
    assert operations > 50 and len(set(first) - {"docs/index.md", "docs/models.md"}) == 1
    renamed = next(p for p in made if p.count("/item/") == 3)
    folder, _, index = renamed.rpartition("/item/")
    node = data
    for part in folder.strip("/").split("/"):
        node = node[int(part)] if isinstance(node, list) else node[part]
    node["item"][int(index)]["name"] += " (renamed)"
    second = pages(remembering=True)
    assert made == [renamed]
    assert second != first and second == pages(remembering=False)
    assert len(made) == operations  # from nothing, every section is made


def test_values_load_as_they_were() -> None:
    value = (SPEC, Code("x = 1"), [Problem("f", "/p", "m", Level.WARNING)])
    blob = memo._pickled(value)
    assert blob is not None
    loaded = pickle.loads(blob)
    assert loaded == value
    assert type(loaded[0].name) is ClassName and type(loaded[1]) is Code


def test_a_value_is_made_once_and_found_in_the_next_run(remembered: Config) -> None:
    made = []

    def make() -> tuple[ModelSpec, list[str]]:
        made.append(1)
        return SPEC, ["warning"]

    with memo.remembering(remembered) as first:
        assert memo.remembered_value(("spec",), make) == (SPEC, ["warning"])
        assert memo.remembered_text(("text",), lambda: Code("made")) == "made"
        assert first is not None and (first.reused, first.made) == (0, 2)
    with memo.remembering(remembered) as second:
        spec, _ = memo.remembered_value(("spec",), make)
        assert memo.remembered_text(("text",), lambda: "again") == "made"
        assert second is not None and (second.reused, second.made) == (2, 0)
        # A remembered frozen dataclass (here the first item of a tuple) stands for itself
        # in other keys by its own key, without being pickled again.
        assert memo.fingerprint(spec) == memo.fingerprint(spec) is not None
    assert made == [1]


def test_a_remembered_file_comes_with_its_hash(remembered: Config) -> None:
    """A whole file's text found in the memo has its sha256 along: the manifest and the
    writer (manifest.file_hash) do not hash it again, and get the digest of that text."""
    text = "print('hello')\n" * 1000
    digest = hashlib.sha256(text.encode()).hexdigest()
    with memo.remembering(remembered):
        assert memo.remembered_file(("file",), lambda: text) == text
    manifest.forget_hashes()
    with memo.remembering(remembered):
        found = memo.remembered_file(("file",), lambda: "not made")
        assert found == text and found is not text  # loaded from the file
        assert manifest._HASHED[id(found)] == (found, digest)  # known, not hashed yet
        assert manifest.file_hash(found) == digest


def test_values_remembered_together_load_their_shared_parts_once(remembered: Config) -> None:
    made = []
    each = [("spec", name) for name in ("A", "B", "C")]

    def make(i: int) -> tuple[ModelSpec, list[str]]:
        made.append(i)  # equal fields, not one object
        fields = tuple(dataclasses.replace(field) for field in SPEC.fields)
        return dataclasses.replace(SPEC, description=f"Spec {i}.", fields=fields), [str(i)]

    def shared(values: list[tuple[ModelSpec, list[str]]]) -> list[tuple[ModelSpec, list[str]]]:
        fields = values[0][0].fields
        return [(dataclasses.replace(spec, fields=fields), found) for spec, found in values]

    with memo.remembering(remembered) as first:
        values = memo.remembered_values(each, make, shared)
        prints = [memo.fingerprint(spec) for spec, _ in values]
        assert len(set(prints)) == 3
        # One record each (a single one changing finds the others), and one together.
        assert first is not None and (first.reused, first.made) == (0, 4)
    with memo.remembering(remembered) as second:
        again = memo.remembered_values(each, make, shared)
        assert again == values and [found for _, found in again] == [["0"], ["1"], ["2"]]
        assert again[0][0].fields is again[1][0].fields is again[2][0].fields  # loaded once
        assert [memo.fingerprint(spec) for spec, _ in again] == prints
        assert second is not None and (second.reused, second.made) == (4, 0)  # each kept
    with memo.remembering(remembered):
        # One of them changed: the others are found one by one, with the same fingerprints.
        changed = memo.remembered_values([*each[:2], ("spec", "D")], make, shared)
        assert [memo.fingerprint(spec) for spec, _ in changed][:2] == prints[:2]
    assert made == [0, 1, 2, 2]


def test_the_file_is_appended_to_and_a_cut_off_record_is_left_out(remembered: Config) -> None:
    with memo.remembering(remembered):
        memo.remembered_text(("one",), lambda: "1")
    path = memo._file(remembered)
    assert path is not None
    size = path.stat().st_size
    with memo.remembering(remembered):
        memo.remembered_text(("one",), lambda: "not made")
        memo.remembered_text(("two",), lambda: "2")
    assert path.stat().st_size > size  # a record added, the first one kept
    path.write_bytes(path.read_bytes()[:-3])  # a run killed while appending
    with memo.remembering(remembered) as third:
        assert memo.remembered_text(("one",), lambda: "lost") == "1"
        assert memo.remembered_text(("two",), lambda: "made again") == "made again"
        assert third is not None and third.reused == 1
    # The file was written anew, not appended to after the cut-off record.
    assert memo._load(path) == ({k: v for k, v in third.used.items()}, True)
    # A record whose length runs past the end, or a file of an older format: the records
    # before it, or nothing.
    path.write_bytes(path.read_bytes() + (2**40).to_bytes(8, "little") + b"x")
    entries, whole = memo._load(path)
    assert set(entries.values()) == {"1", "made again"} and not whole
    path.write_bytes(memo.marshal.dumps((2, {b"k": "v"})))
    assert memo._load(path) == ({}, False)


def test_a_broken_or_unwritable_memo_only_costs_time(
    remembered: Config, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = memo._file(remembered)
    assert path is not None
    path.parent.mkdir(parents=True)
    path.write_bytes(b"\x00not marshal at all")
    with memo.remembering(remembered) as found:
        assert memo.remembered_text(("x",), lambda: "made") == "made"
        assert found is not None and found.reused == 0
    blocked = tmp_path / "a file"
    blocked.write_text("")
    monkeypatch.setenv("POSTGEN_CACHE_DIR", str(blocked))
    with memo.remembering(remembered):
        assert memo.remembered_text(("x",), lambda: "made") == "made"


def test_without_a_memo_every_step_is_made() -> None:
    assert memo.fingerprint(SPEC) is None
    assert memo.remembered_value(("v",), lambda: 1) == 1
    assert memo.recall(("t",)) == (None, None)
