"""The manifest shows what it holds: no character that is not printable stays raw."""

from __future__ import annotations

import json
from pathlib import Path

from generator.manifest import _visible_json, read_manifest_files

ROOT = Path(__file__).resolve().parents[2]


def test_every_character_that_is_not_printable_is_escaped() -> None:
    # DEL is the one ASCII control character json.dumps leaves raw.
    for raw in ("a\x7fb", "a\u2028b", "a\u202eb", "a\ud800b"):
        text = json.dumps({"name": raw}, indent=2, ensure_ascii=False)
        shown = _visible_json(text)
        assert all(line.isprintable() for line in shown.split("\n"))
        assert json.loads(shown) == {"name": raw}


def test_printable_text_is_left_as_it_is() -> None:
    for raw in ("plain ascii", "café ünïcode", "tab\tand\x01control"):
        text = json.dumps({"name": raw}, indent=2, ensure_ascii=False)
        assert _visible_json(text) == text


def test_the_files_of_any_layout_are_read() -> None:
    """read_manifest_files decodes only the files part of a manifest postgen wrote; any
    other layout of the same document (hand-edited) reads the same."""
    shipped = next(Path(ROOT, "generated").glob("*/postgen-manifest.json")).read_text()
    document = json.loads(shipped)
    expected = set(document["files"])
    assert expected and read_manifest_files(shipped) == expected
    files_first = {"files": document["files"], "operations": document["operations"]}
    for layout in (
        json.dumps(files_first, indent=2),  # "files" first: its part is not the tail
        json.dumps(document),  # on one line
        json.dumps(document, indent=4),
    ):
        assert read_manifest_files(layout) == expected
    assert read_manifest_files('{\n  "files": [\n  ]\n}') == set()
    assert read_manifest_files("not json") == set()
