"""No crash on hostile shapes: each collection generates a usable tree or is refused in one
line per problem (`FILE: POINTER: message`), never a traceback, within a time and a memory
budget (robust_cli.MEMORY_LIMIT of address space).

The collections are built here: deep folders and deep JSON (bodies and example responses),
multi-megabyte bodies, thousands of requests, cyclic variables, requests without a URL,
duplicate, empty, symbol-only and 300-character names, and keys that collide once sanitised.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from robust_cli import assert_generated_or_refused, collection, request, run, write


def _nested_json(depth: int) -> str:
    """``[{"k":[{"k": ... 1 ...}]}]``, built as text (json.dumps would recurse)."""
    opening = "".join('{"k":' if i % 2 else "[" for i in range(depth))
    closing = "".join("}" if i % 2 else "]" for i in reversed(range(depth)))
    return opening + "1" + closing


def _folders(depth: int, name: str = "f") -> dict[str, Any]:
    item = request("leaf")
    for level in range(depth):
        item = {"name": f"{name}{level}", "item": [item]}
    return collection([item])


def _example(body: str) -> dict[str, Any]:
    header = [{"key": "Content-Type", "value": "application/json"}]
    return {"name": "ok", "code": 200, "header": header, "body": body}


def _deep_body(depth: int) -> dict[str, Any]:
    body = _nested_json(depth)
    return collection([request("deep", method="POST", body=body, response=[_example(body)])])


def _big_body(items: int) -> dict[str, Any]:
    rows = [{"id": i, "name": f"row {i} " + "x" * 100, "tags": ["a", "b"]} for i in range(items)]
    body = json.dumps({"items": rows})
    return collection([request("big", method="POST", body=body, response=[_example(body)])])


def _long_string(size: int) -> dict[str, Any]:
    return collection([request("long", method="POST", body=json.dumps({"text": "x" * size}))])


def _many(count: int) -> dict[str, Any]:
    folders = [
        {
            "name": f"folder {f}",
            "item": [request(f"get {i}", f"/f{f}/things/{i}") for i in range(100)],
        }
        for f in range(count // 100)
    ]
    return collection(folders)


def _cyclic() -> dict[str, Any]:
    variables = [
        {"key": "a", "value": "{{b}}"},
        {"key": "b", "value": "{{a}}"},
        {"key": "self", "value": "x{{self}}{{self}}"},
        {"key": "base", "value": "https://api.example.com/{{a}}"},
    ]
    items = [
        {"name": "cycle", "request": {"method": "GET", "url": "{{base}}/{{self}}?q={{a}}"}},
    ]
    return collection(items, variable=variables)


def _doubling_variables() -> dict[str, Any]:
    """No cycle, but each variable doubles the next: 2**40 characters if resolved."""
    variables = [{"key": f"v{i}", "value": f"{{{{v{i + 1}}}}}" * 2} for i in range(40)]
    variables.append({"key": "v40", "value": "x"})
    items = [request("laughs", "/{{v0}}"), request("header")]
    items[1]["request"]["header"] = [{"key": "X-Laughs", "value": "{{v0}}"}]
    return collection(items, variable=variables)


def _without_url() -> dict[str, Any]:
    return collection(
        [
            {"name": "no url", "request": {"method": "GET"}},
            {"name": "empty url", "request": {"method": "POST", "url": ""}},
            {"name": "url object", "request": {"url": {}}},
            {"name": "string request", "request": "https://api.example.com/a"},
            {"name": "empty request", "request": {}},
            {"name": "empty folder", "item": []},
        ]
    )


def _without_request() -> dict[str, Any]:
    return collection([request("fine"), {"name": "neither request nor item"}])


def _names() -> dict[str, Any]:
    names = ["", " ", "!!!", "***", "@#$%^&", "x" * 300, "é" * 300, "class", "None", "123", "_"]
    names += ["same", "same", "Same", "SAME", "__init__", "models", "auth", "Client", "_client"]
    items: list[dict[str, Any]] = [request(name) for name in names]
    items += [{"name": name, "item": [request(name), request(name)]} for name in names]
    return collection(items)


_COLLIDING = ["a-b", "a_b", "A B", "aB", "a__b", "A-B", "", "_", "-", "1x", "class", "None"]
_COLLIDING += ["model_config", "model_dump", "json", "schema", "self", "Field", "BaseModel"]


def _colliding() -> dict[str, Any]:
    record = {key: i for i, key in enumerate(_COLLIDING)}
    body = json.dumps({**record, "inner": record, "list": [record]})
    folders = [
        {
            "name": name,
            "item": [
                request(other, "/" + str(i), "POST", body, response=[_example(body)])
                for i, other in enumerate(_COLLIDING[:6])
            ],
        }
        for name in _COLLIDING[:6]
    ]
    return collection(folders)


# name -> (collection builder, what must happen, time budget in seconds)
CASES: dict[str, tuple[Callable[[], dict[str, Any]], str, float]] = {
    "folders-49-deep": (lambda: _folders(49), "generated", 60),
    "folders-49-deep-long-names": (lambda: _folders(49, "f" * 250), "generated", 60),
    "folders-300-deep": (lambda: _folders(300), "refused", 60),
    "json-100-deep": (lambda: _deep_body(100), "generated", 60),
    "json-900-deep": (lambda: _deep_body(900), "generated", 60),
    "json-5000-deep": (lambda: _deep_body(5000), "generated", 60),
    "body-30-mb": (lambda: _big_body(100_000), "generated", 120),
    "string-20-mb": (lambda: _long_string(20_000_000), "generated", 120),
    "requests-3000": (lambda: _many(3000), "generated", 180),
    "cyclic-variables": (_cyclic, "generated", 60),
    "doubling-variables": (_doubling_variables, "generated", 60),
    "requests-without-url": (_without_url, "generated", 60),
    "item-without-request": (_without_request, "refused", 60),
    "odd-names": (_names, "generated", 60),
    "colliding-keys": (_colliding, "generated", 60),
}


@pytest.mark.parametrize("name", CASES)
def test_generates_or_refuses(name: str, tmp_path: Path) -> None:
    build, expected, budget = CASES[name]
    source = write(tmp_path / f"{name}.json", build())
    out = tmp_path / "out"
    done = run("generate", source.name, "--out", out, cwd=tmp_path, timeout=budget)
    assert assert_generated_or_refused(done, out) == expected, done.stderr[-2000:]


def test_colliding_keys_round_trip(tmp_path: Path) -> None:
    """Keys that sanitise to one name stay distinct fields: a body validates and dumps back
    to itself."""
    source = write(tmp_path / "colliding.json", _colliding())
    out = tmp_path / "out"
    assert run("generate", source.name, "--out", out, cwd=tmp_path).returncode == 0
    manifest = json.loads((out / "postgen-manifest.json").read_text(encoding="utf-8"))
    models = {m for op in manifest["operations"] for m in [op["request_model"]] if m}
    assert models
    body = json.loads(_colliding()["item"][0]["item"][0]["request"]["body"]["raw"])
    code = (
        "import importlib, json, sys\n"
        "body = json.loads(sys.argv[1])\n"
        "for dotted in sys.argv[2:]:\n"
        "    module, _, name = dotted.rpartition('.')\n"
        "    model = getattr(importlib.import_module(module), name)\n"
        "    dumped = model.model_validate(body).model_dump(mode='json', by_alias=True,"
        " exclude_unset=True)\n"
        "    assert dumped == body, (dotted, dumped)\n"
    )
    import subprocess
    import sys

    checked = subprocess.run(
        [sys.executable, "-c", code, json.dumps(body), *sorted(models)],
        cwd=out,
        capture_output=True,
        text=True,
        check=False,
    )
    assert checked.returncode == 0, checked.stderr[-2000:]
