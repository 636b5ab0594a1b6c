"""Every corpus collection generates; script libraries kept in variables stay out of output."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from conftest import CORPUS, corpus_collections, run_cli


def _requests(items: list[Any]) -> int:
    count = 0
    for item in items:
        if isinstance(item, dict) and isinstance(item.get("item"), list):
            count += _requests(item["item"])
        elif isinstance(item, dict) and item.get("request") is not None:
            count += 1
    return count


@pytest.mark.parametrize("collection", corpus_collections(), ids=lambda p: p.name.split(".")[0])
def test_corpus_collection_generates(collection: Path, tmp_path: Path) -> None:
    out = tmp_path / "out"
    done = run_cli("generate", collection, "--out", out)
    assert "Traceback" not in done.stderr
    data = json.loads(collection.read_text(encoding="utf-8-sig"))
    if "requests" in data and "item" not in data:  # the v1 collection: a clear error instead
        assert done.returncode == 1
        assert "Postman collection v1" in done.stderr
        assert not out.exists()
        return
    assert done.returncode == 0, done.stderr
    manifest = json.loads((out / "postgen-manifest.json").read_text())
    assert len(manifest["operations"]) == _requests(data.get("item", []))
    for op in manifest["operations"]:
        assert (out / op["curl"]).is_file()


def test_javascript_library_variable_never_reaches_output(tmp_path: Path) -> None:
    collection = CORPUS / "real" / "oci-containerengine.postman_collection.json"
    data = json.loads(collection.read_text(encoding="utf-8-sig"))
    library = next(v["value"] for v in data["variable"] if v["key"] == "jsrsasign")
    assert len(library) > 300_000
    out = tmp_path / "out"
    assert run_cli("generate", collection, "--out", out).returncode == 0
    probes = [library[i : i + 64] for i in range(1000, len(library), 50_000)]
    for path in out.rglob("*"):
        if path.is_file():
            text = path.read_text()
            assert not any(probe in text for probe in probes), path
