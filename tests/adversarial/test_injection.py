"""Property tests: no string from a collection changes the structure of any output.

Hypothesis builds Postman v2.1 collections whose every string (names, descriptions, headers,
URL parts, variables, bodies, example bodies, auth parameters, scripts) is drawn from quotes,
backslashes, controls, bidi characters, lone surrogates, template and shell syntax, then the
real pipeline generates the whole tree and the checks of ``nasty.py`` run over it.
"""

from __future__ import annotations

import itertools
import json
import os
import re
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from nasty import (
    FRAGMENTS,
    Expected,
    Importer,
    all_snippets,
    argv_problems,
    generate_tree,
    hidden_characters,
    python_problems,
    read_tree,
    recorder_bin,
    run_snippet,
    sendable,
)

from generator.config import Config
from generator.pipeline import generate
from generator.render.curl import VarStyle

PKG = ("--package", "pkg")
SCHEMA = "https://schema.getpostman.com/json/collection/v2.1.0/collection.json"

# Bounded and reproducible: CI runs the same examples every time.
BOUNDED = settings(
    max_examples=80,
    deadline=None,
    derandomize=True,
    database=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)

NASTY = st.lists(
    st.one_of(
        st.sampled_from(FRAGMENTS),
        st.text(st.characters(exclude_characters="~"), max_size=4),
    ),
    max_size=3,
).map("".join)

# What Postman reads as URL structure (delimiters, pre-encoded escapes, {{variables}}); a value
# holding one is not expected back whole from the URL, only never to break the snippet.
_URL_STRUCTURE = re.compile(r"[?#&=/\\{}%\s@:;]")


class Marks:
    """Hands out marked values: ``q~N~<nasty text>~N~q``."""

    def __init__(self, draw: st.DrawFn) -> None:
        self._draw = draw
        self._count = itertools.count()

    def __call__(self) -> str:
        n = next(self._count)
        return f"q~{n}~{self._draw(NASTY)}~{n}~q"


def _json_sample(draw: st.DrawFn, mark: Marks, depth: int = 0) -> Any:
    """An example JSON body: marked keys (they become model fields) and values."""
    size = draw(st.integers(1, 3))
    obj: dict[str, Any] = {}
    for _ in range(size):
        kind = draw(st.sampled_from(["str", "int", "list", "obj"] if depth < 2 else ["str"]))
        key = mark()
        if kind == "str":
            obj[key] = mark()
        elif kind == "int":
            obj[key] = draw(st.integers(-(2**63), 2**63))
        elif kind == "list":
            obj[key] = [mark(), mark()]
        else:
            obj[key] = _json_sample(draw, mark, depth + 1)
    return obj


def _body(draw: st.DrawFn, mark: Marks, expected: Expected) -> dict[str, Any] | None:
    mode = draw(st.sampled_from(["none", "text", "json", "urlencoded", "formdata", "graphql"]))
    if mode == "text":
        text = mark()
        expected.exact.append(sendable(text))
        return {"mode": "raw", "raw": text, "options": {"raw": {"language": "text"}}}
    if mode == "json":
        return {
            "mode": "raw",
            "raw": json.dumps(_json_sample(draw, mark), ensure_ascii=False),
            "options": {"raw": {"language": "json"}},
        }
    if mode == "urlencoded":
        fields = [(mark(), mark()) for _ in range(draw(st.integers(1, 2)))]
        expected.decoded += [sendable(f"{k}={v}", argument=False) for k, v in fields]
        return {"mode": "urlencoded", "urlencoded": [{"key": k, "value": v} for k, v in fields]}
    if mode == "formdata":
        fields = [(mark(), mark()) for _ in range(draw(st.integers(1, 2)))]
        expected.exact += [sendable(f"{k}={v}") for k, v in fields]
        parts = [{"key": k, "value": v, "type": "text"} for k, v in fields]
        return {"mode": "formdata", "formdata": parts}
    if mode == "graphql":
        return {"mode": "graphql", "graphql": {"query": mark(), "variables": mark()}}
    return None


def _auth(draw: st.DrawFn, mark: Marks) -> dict[str, Any] | None:
    """Auth parameters: credentials become placeholders in snippets (see parser/secrets.py),
    so only their quoting is checked, not their arrival."""
    kind = draw(st.sampled_from(["none", "bearer", "basic", "apikey", "oauth1"]))
    if kind == "bearer":
        return {"type": "bearer", "bearer": [{"key": "token", "value": mark()}]}
    if kind == "basic":
        params = [{"key": "username", "value": mark()}, {"key": "password", "value": mark()}]
        return {"type": "basic", "basic": params}
    if kind == "apikey":
        params = [{"key": "key", "value": mark()}, {"key": "value", "value": mark()}]
        return {"type": "apikey", "apikey": params}
    if kind == "oauth1":
        params = [{"key": "consumerKey", "value": mark()}, {"key": "realm", "value": mark()}]
        return {"type": "oauth1", "oauth1": [*params, {"key": "consumerSecret", "value": mark()}]}
    return None


def _request(
    draw: st.DrawFn, mark: Marks, variables: list[tuple[str, str]]
) -> tuple[dict[str, Any], Expected]:
    name = mark()
    expected = Expected(snippet=name)
    headers = [(mark(), mark()) for _ in range(draw(st.integers(0, 2)))]
    expected.exact += [sendable(f"{k}: {v}") for k, v in headers]
    for key, value in variables:
        if not re.search(r"[{}]", key) and "{{" not in value:
            headers.append(("X-Var", "{{" + key + "}}"))
            expected.exact.append(sendable(f"X-Var: {value}"))
    segment, variable, variable_value = mark(), mark(), mark()
    query = [(mark(), mark()) for _ in range(draw(st.integers(0, 2)))]
    host = draw(st.sampled_from(["example.com", None])) or mark()
    # A path variable's name ends at a dot (`:id.json`), as in Postman; a part holding URL
    # structure may end the URL early (`#`), so parts are expected back only from clean URLs.
    filled = () if "." in variable else (variable_value,)
    parts = (segment, variable, *filled, host, *itertools.chain(*query))
    if not any(_URL_STRUCTURE.search(text) for text in parts):
        for text in (segment, *filled, *itertools.chain(*query)):
            expected.decoded.append(sendable(text, argument=False))
    path = [segment, ":" + variable]
    raw = f"https://{host}/{'/'.join(path)}"
    if query:
        raw += "?" + "&".join(f"{k}={v}" for k, v in query)
    request: dict[str, Any] = {
        "method": draw(st.sampled_from(["GET", "POST", "PUT", "PATCH", "DELETE"])),
        "description": mark(),
        "header": [{"key": k, "value": v} for k, v in headers],
        "url": {
            "raw": raw,
            "protocol": "https",
            "host": host.split("."),
            "path": path,
            "query": [{"key": k, "value": v, "description": mark()} for k, v in query],
            "variable": [{"key": variable, "value": variable_value, "description": mark()}],
        },
    }
    body = _body(draw, mark, expected)
    if body is not None:
        request["method"] = "POST"
        request["body"] = body
    auth = _auth(draw, mark)
    if auth is not None:
        request["auth"] = auth
    responses = [
        {
            "name": mark(),
            "code": draw(st.sampled_from([200, 201, 404])),
            "header": [{"key": "Content-Type", "value": "application/json"}],
            "body": json.dumps(_json_sample(draw, mark), ensure_ascii=False),
        }
        for _ in range(draw(st.integers(0, 2)))
    ]
    events = [{"listen": "prerequest", "script": {"type": "text/javascript", "exec": [mark()]}}]
    item = {
        "name": name,
        "description": mark(),
        "request": request,
        "response": responses,
        "event": events if draw(st.booleans()) else [],
    }
    return item, expected


@st.composite
def collections(draw: st.DrawFn) -> tuple[dict[str, Any], list[Expected]]:
    """A collection whose every string is marked and nasty, and the arguments curl must get."""
    mark = Marks(draw)
    variables = [(mark(), mark()) for _ in range(draw(st.integers(0, 2)))]
    expected: list[Expected] = []
    folders = []
    for _ in range(draw(st.integers(1, 2))):
        items = []
        for _ in range(draw(st.integers(1, 2))):
            item, wanted = _request(draw, mark, variables)
            items.append(item)
            expected.append(wanted)
        folders.append({"name": mark(), "description": mark(), "item": items})
    collection: dict[str, Any] = {
        "info": {"name": mark(), "description": mark(), "schema": SCHEMA},
        "variable": [{"key": k, "value": v} for k, v in variables],
        "item": folders,
        "event": [{"listen": "test", "script": {"exec": [mark(), mark()]}}],
    }
    return collection, expected


_counter = itertools.count()


def _write(directory: Path, collection: dict[str, Any]) -> Path:
    directory.mkdir(parents=True, exist_ok=True)
    path = directory / "c.postman_collection.json"
    # ensure_ascii: the file is valid UTF-8 even when a value holds a lone surrogate.
    path.write_text(json.dumps(collection, ensure_ascii=True), encoding="utf-8")
    return path


@pytest.fixture(scope="module")
def importer() -> Iterator[Importer]:
    worker = Importer()
    yield worker
    worker.close()


@pytest.fixture(scope="module")
def work(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return tmp_path_factory.mktemp("adversarial")


def check_tree(out: Path, package: str, importer: Importer) -> list[str]:
    """Every output file: Python is data-safe and imports, nothing hides characters."""
    problems: list[str] = []
    for path in sorted(out.rglob("*")):
        if not path.is_file():
            continue
        name = path.relative_to(out).as_posix()
        text = path.read_text(encoding="utf-8")  # fails on a raw lone surrogate
        problems += [f"{name}:{line}: raw {ch!r}" for line, ch in hidden_characters(text)]
        if name.endswith(".py"):
            problems += python_problems(name, text)
    if (out / package).is_dir() and not problems:
        importer.import_all(out, package)
    return problems


def check_snippets(
    out: Path, bin_dir: Path, scratch: Path, expected: list[Expected] | None
) -> list[str]:
    """Every curl snippet passes `bash -n` and hands curl each value whole."""
    problems: list[str] = []
    snippets = list(all_snippets(out))
    assert snippets
    for snippet in snippets:
        recorded = run_snippet(snippet, bin_dir, scratch)
        text = snippet.read_text(encoding="utf-8")
        if "\\x00" in text and "NUL character" not in text:
            problems.append(f"{snippet.name}: cuts a value at a NUL without saying so")
        title = text.splitlines()[1]
        wanted = None
        for candidate in expected or ():
            n = re.match(r"q~(\d+)~", candidate.snippet)
            assert n is not None
            if f"~{n.group(1)}~q" in title and f"q~{n.group(1)}~" in title:
                wanted = candidate
        problems += argv_problems(snippet.name, recorded.argv, wanted)
    return problems


@BOUNDED
@given(case=collections(), style=st.sampled_from(VarStyle))
def test_collection_text_stays_data(
    case: tuple[dict[str, Any], list[Expected]],
    style: VarStyle,
    work: Path,
    importer: Importer,
) -> None:
    collection, expected = case
    n = next(_counter)
    base = work / f"case{n}"
    path = _write(base, collection)
    package = f"adversarial_{n}"
    out = base / "out"
    generate(Config(collection=path, out=out, package=package, var_style=style))
    problems = check_tree(out, package, importer)
    wanted = expected if style is VarStyle.POSTMAN else None
    problems += check_snippets(out, recorder_bin(work / "bin"), base, wanted)
    assert not problems, "\n".join(problems)


@settings(BOUNDED, max_examples=20)
@given(case=collections())
def test_same_input_same_bytes(case: tuple[dict[str, Any], list[Expected]], work: Path) -> None:
    """In-process and in a CLI subprocess with another hash seed: byte-identical trees."""
    n = next(_counter)
    base = work / f"det{n}"
    path = _write(base, case[0])
    first = read_tree(generate_tree(path, base / "one", "pkg"))
    done = subprocess.run(
        [sys.executable, "-m", "generator", "generate", path, "--out", base / "two", *PKG],
        capture_output=True,
        text=True,
        env={**os.environ, "PYTHONHASHSEED": str(n + 1)},
    )
    assert done.returncode == 0, done.stderr
    assert "Traceback" not in done.stderr
    assert read_tree(base / "two") == first
