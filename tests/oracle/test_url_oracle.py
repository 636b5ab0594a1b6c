"""Our port of Postman's URL handling against Postman's own libraries (run in node)."""

from __future__ import annotations

import json
import random
from typing import Any

import pytest
from conftest import CORPUS
from node import needs, run_oracle

from generator.parser.requests import parse_url
from generator.postman.url import parse, to_string, to_wire
from generator.postman.wire import purl_of

pytestmark = needs("postman-collection")


def _oracle(inputs: list[Any]) -> list[dict[str, str]]:
    result: list[dict[str, str]] = run_oracle("url_oracle.js", inputs)
    return result


def _ours(raw: Any) -> dict[str, str]:
    printed = to_string(purl_of(parse_url(raw, "")))
    return {"printed": printed, "wire": to_wire(parse(printed))}


_PIECES = [
    "a",
    "Z",
    "0",
    "-",
    "_",
    ".",
    "~",
    "/",
    "//",
    "?",
    "#",
    "&",
    "=",
    ":",
    "@",
    "%",
    "%2F",
    "%zz",
    "{",
    "}",
    "{{v}}",
    "{{a.b}}",
    "{{x/y}}",
    "{{k&v}}",
    "[",
    "]",
    '"',
    "'",
    "<",
    ">",
    "`",
    "\\",
    " ",
    "\t",
    "é",
    "中",
    "😀",
    "+",
    ";",
    ",",
    "!",
    "$",
    "*",
    "(",
    ")",
    "^",
    "|",
    ":id",
    ":id.json",
    "http://",
    "https://",
    "HTTPS://",
    "file://",
    "localhost",
    "example.com",
    ":8080",
    "user:pw@",
]


def _text(rng: random.Random, most: int) -> str:
    return "".join(rng.choice(_PIECES) for _ in range(rng.randint(0, most)))


def _random_url(rng: random.Random) -> Any:
    """A URL string, or Postman's object form with some of its members."""
    if rng.random() < 0.5:
        return _text(rng, 14) or "a"
    url: dict[str, Any] = {}
    if rng.random() < 0.5:
        url["protocol"] = rng.choice(["http", "https", "HTTP"])
    if rng.random() < 0.8:
        url["host"] = (
            _text(rng, 4)
            if rng.random() < 0.3
            else [_text(rng, 3) for _ in range(rng.randint(0, 3))]
        )
    if rng.random() < 0.3:
        url["port"] = rng.choice(["8080", "443", ""])
    if rng.random() < 0.8:
        url["path"] = (
            _text(rng, 5)
            if rng.random() < 0.3
            else [_text(rng, 3) for _ in range(rng.randint(0, 4))]
        )
    if rng.random() < 0.6:
        url["query"] = [
            {
                "key": rng.choice([None, _text(rng, 3)]),
                "value": rng.choice([None, _text(rng, 3)]),
                **({"disabled": rng.random() < 0.5} if rng.random() < 0.5 else {}),
            }
            for _ in range(rng.randint(0, 4))
        ]
    if rng.random() < 0.4:
        url["variable"] = [
            {"key": rng.choice(["id", "v"]), "value": _text(rng, 3)}
            for _ in range(rng.randint(0, 2))
        ]
    if rng.random() < 0.2:
        url["hash"] = _text(rng, 3)
    return url


@pytest.mark.parametrize("seed", range(3))
def test_random_urls_match_postman(seed: int) -> None:
    """A seeded fuzz of awkward URLs (strings and objects): each must print and encode alike."""
    rng = random.Random(seed)
    inputs = [_random_url(rng) for _ in range(1500)]
    expected = _oracle(inputs)
    mismatches = [
        (raw, want, _ours(raw))
        for raw, want in zip(inputs, expected, strict=True)
        if "error" not in want and _ours(raw) != want
    ]
    assert not mismatches[:5], f"{len(mismatches)} of {len(inputs)} differ"


def test_corpus_urls_match_postman() -> None:
    corpus = CORPUS
    inputs: list[Any] = []

    def walk(items: list[Any]) -> None:
        for item in items:
            if isinstance(item.get("item"), list):
                walk(item["item"])
            elif isinstance(item.get("request"), dict) and "url" in item["request"]:
                inputs.append(item["request"]["url"])

    for path in sorted((corpus / "real").glob("*.postman_collection.json")) + sorted(
        (corpus / "generated").glob("*.postman_collection.json")
    ):
        data = json.loads(path.read_text(encoding="utf-8-sig"))
        if isinstance(data.get("item"), list):
            walk(data["item"])
    assert len(inputs) > 4500
    expected = _oracle(inputs)
    mismatches = [
        (raw, want, _ours(raw))
        for raw, want in zip(inputs, expected, strict=True)
        if "error" not in want and _ours(raw) != want
    ]
    assert not mismatches[:5], f"{len(mismatches)} of {len(inputs)} differ"
