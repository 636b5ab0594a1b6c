"""The manifest shows what it holds: no character that is not printable stays raw."""

from __future__ import annotations

import json

from generator.manifest import _visible_json


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
