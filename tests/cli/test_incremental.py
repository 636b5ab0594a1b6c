"""Incremental regeneration: after an edit of the collection, a run that reuses what the last
run made (the memo) writes exactly what a run from nothing (--no-cache) writes.

Real corpus collections (read from ../shared), edited as users edit them; each edited run
must have reused steps (else this would test nothing) and made some.
"""

from __future__ import annotations

import copy
import json
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from cli_support import ROOT, run

from generator.cache import CACHE_ENV

CORPUS = ROOT.parent / "shared" / "corpus" / "real"
Edit = Callable[[dict[str, Any]], None]


@pytest.fixture(autouse=True)
def private_cache(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv(CACHE_ENV, str(tmp_path / "cache"))


def _requests(items: list[dict[str, Any]]) -> Iterator[tuple[list[dict[str, Any]], int]]:
    """Every request item as (its list, its index), depth first."""
    for index, item in enumerate(items):
        if isinstance(item.get("item"), list):
            yield from _requests(item["item"])
        else:
            yield items, index


def _first(data: dict[str, Any], wanted: Callable[[dict[str, Any]], bool]) -> dict[str, Any]:
    return next(items[i] for items, i in _requests(data["item"]) if wanted(items[i]))


def _json_body(item: dict[str, Any]) -> bool:
    body = item["request"].get("body") or {}
    return body.get("mode") == "raw" and body.get("raw", "").lstrip().startswith("{")


def _json_example(item: dict[str, Any]) -> bool:
    return any(str(r.get("body", "")).lstrip().startswith("{") for r in item.get("response", []))


def rename_request(data: dict[str, Any]) -> None:
    _first(data, lambda _: True)["name"] += " (renamed)"


def describe_request(data: dict[str, Any]) -> None:
    _first(data, lambda _: True)["request"]["description"] = "Edited by the test."


def edit_request_body(data: dict[str, Any]) -> None:
    item = _first(data, _json_body)
    body = json.loads(item["request"]["body"]["raw"])
    body["added_by_the_test"] = [1, 2]
    item["request"]["body"]["raw"] = json.dumps(body, indent=2)


def edit_example_body(data: dict[str, Any]) -> None:
    item = _first(data, _json_example)
    example = next(r for r in item["response"] if str(r.get("body", "")).lstrip()[:1] == "{")
    body = json.loads(example["body"])
    body["added_by_the_test"] = {"nested": True}
    example["body"] = json.dumps(body)


def add_request(data: dict[str, Any]) -> None:
    items, index = next(_requests(data["item"]))
    added = copy.deepcopy(items[index])
    added["name"] = "Added by the test"
    added.pop("id", None)
    items.append(added)


def remove_request(data: dict[str, Any]) -> None:
    items, index = list(_requests(data["item"]))[-1]
    del items[index]


def swap_requests(data: dict[str, Any]) -> None:
    items = next(items for items, index in _requests(data["item"]) if index == 1)
    items[0], items[1] = items[1], items[0]


def rename_folder(data: dict[str, Any]) -> None:
    next(item for item in data["item"] if "item" in item)["name"] += " renamed"


def edit_variables(data: dict[str, Any]) -> None:
    data.setdefault("variable", []).append({"key": "addedByTheTest", "value": "x"})
    for variable in data["variable"]:
        if variable.get("key") == "baseUrl":
            variable["value"] = "https://edited.example.test/v2"


def edit_auth(data: dict[str, Any]) -> None:
    data["auth"] = {"type": "apikey", "apikey": [{"key": "key", "value": "X-Api-Key"}]}


EDITS: dict[str, Edit] = {
    edit.__name__: edit
    for edit in (
        rename_request,
        describe_request,
        edit_request_body,
        edit_example_body,
        add_request,
        remove_request,
        swap_requests,
        rename_folder,
        edit_variables,
        edit_auth,
    )
}


def _tree(root: Path) -> dict[str, bytes]:
    return {
        path.relative_to(root).as_posix(): path.read_bytes()
        for path in sorted(root.rglob("*"))
        if path.is_file()
    }


def _generate(collection: Path, out: Path, *extra: str) -> dict[str, Any]:
    done = run("generate", collection, "--out", out, "--json", "-q", *extra, cwd=collection.parent)
    assert done.returncode == 0, done.stderr
    (entry,) = json.loads(done.stdout)["collections"]
    return entry  # type: ignore[no-any-return]


def _same_as_from_nothing(collection: Path, out: Path, scratch: Path) -> dict[str, Any]:
    """Regenerate OUT with the memo; it must hold what a run without it writes."""
    entry = _generate(collection, out)
    _generate(collection, scratch, "--no-cache")
    ours, theirs = _tree(out), _tree(scratch)
    assert ours.keys() == theirs.keys()
    assert [p for p in ours if ours[p] != theirs[p]] == []
    return entry


@pytest.mark.parametrize("edit", EDITS.values(), ids=EDITS.keys())
@pytest.mark.parametrize("source", ["twitter-api-v2", "oci-containerengine"])
def test_an_edited_collection_regenerates_as_from_nothing(
    tmp_path: Path, source: str, edit: Edit
) -> None:
    original = json.loads((CORPUS / f"{source}.postman_collection.json").read_text("utf-8"))
    collection = tmp_path / "api.postman_collection.json"
    collection.write_text(json.dumps(original), encoding="utf-8")
    out = tmp_path / "out"
    first = _generate(collection, out)
    assert first["memo"]["reused"] == 0 and first["memo"]["made"] > 0

    edited = copy.deepcopy(original)
    edit(edited)
    collection.write_text(json.dumps(edited), encoding="utf-8")
    entry = _same_as_from_nothing(collection, out, tmp_path / "edited")
    assert entry["memo"]["reused"] > 0 and entry["memo"]["made"] > 0
    assert entry["files"]["written"] + entry["files"]["removed"] > 0

    # And back: the memo holds both versions' steps.
    collection.write_text(json.dumps(original), encoding="utf-8")
    back = _same_as_from_nothing(collection, out, tmp_path / "back")
    assert back["memo"]["made"] <= entry["memo"]["made"]


def test_a_large_collection_regenerates_as_from_nothing_in_forked_children(
    tmp_path: Path,
) -> None:
    """Over 200 requests a run renders in forked children, which bring what they made back
    to the memo; a change of every request's curl snippet (a variable every URL reads)
    forks again with the memo warm."""
    source = json.loads((CORPUS / "twitter-api-v2.postman_collection.json").read_text("utf-8"))
    large = copy.deepcopy(source)
    large["item"] = [
        {"name": f"Copy {n}", "item": copy.deepcopy(source["item"])} for n in range(1, 5)
    ]
    assert sum(1 for _ in _requests(large["item"])) >= 200
    collection = tmp_path / "large.postman_collection.json"
    collection.write_text(json.dumps(large), encoding="utf-8")
    out = tmp_path / "out"
    _same_as_from_nothing(collection, out, tmp_path / "first")

    for edit in (rename_request, edit_example_body):
        edit(large)
        collection.write_text(json.dumps(large), encoding="utf-8")
        entry = _same_as_from_nothing(collection, out, tmp_path / edit.__name__)
        assert entry["memo"]["reused"] > entry["memo"]["made"] > 0

    large["variable"] = [{"key": "baseUrl", "value": "https://edited.example.test"}]
    collection.write_text(json.dumps(large), encoding="utf-8")
    entry = _same_as_from_nothing(collection, out, tmp_path / "variables")
    assert entry["memo"]["made"] > 200  # every curl snippet and method made again


def test_without_a_cache_directory_or_with_no_cache_nothing_is_remembered(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    collection = tmp_path / "api.postman_collection.json"
    collection.write_bytes((CORPUS / "postman-echo-v2.postman_collection.json").read_bytes())
    assert _generate(collection, tmp_path / "a", "--no-cache")["memo"] is None
    assert not (tmp_path / "cache" / "memo").exists()
    monkeypatch.setenv(CACHE_ENV, "")  # an empty value turns the cache directory off
    assert _generate(collection, tmp_path / "b")["memo"] is None
