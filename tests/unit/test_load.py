"""Load stage: decoding, version detection and validation, checked on the shared corpus.

The official Postman schemas in shared/corpus/schemas are the outside oracle: where they accept
a corpus collection ours must too, and hand-made broken documents must be rejected by both.
"""

from __future__ import annotations

import copy
import functools
import importlib
import json
import time
from pathlib import Path
from typing import Any

import jsonschema
import pytest

from generator.errors import CollectionError, Level, Problem
from generator.load import (
    Loaded,
    collection_schema,
    load_collection,
    load_environment,
    read_input,
    read_json,
    validate_collection,
)

# `generator.load` the attribute is the pipeline's load(); the module is reached by name.
load = importlib.import_module("generator.load")

ROOT = Path(__file__).resolve().parents[2]
SHARED = ROOT / ".." / "shared"
CORPUS = SHARED / "corpus"
OFFICIAL = CORPUS / "schemas" / "compiled"
COLLECTIONS = sorted(
    [*(CORPUS / "real").glob("*.postman_collection.json"), *(CORPUS / "generated").glob("*.json")]
)
V1 = "postman-echo-v1.postman_collection.json"
NO_INFO = "newman-inherited-entities.postman_collection.json"
GITHUB = CORPUS / "generated" / "github-rest-api.postman_collection.json"

V20 = "https://schema.getpostman.com/json/collection/v2.0.0/collection.json"
V21 = "https://schema.getpostman.com/json/collection/v2.1.0/collection.json"


def test_corpus_is_there() -> None:
    # Guards every corpus test below against passing vacuously on an empty glob.
    assert len(COLLECTIONS) >= 20, f"shared corpus not found under {CORPUS.resolve()}"


@functools.cache
def corpus_data(name: str) -> Any:
    path = next(p for p in COLLECTIONS if p.name == name)
    return read_json(path)


@functools.cache
def official_validator(version: str) -> jsonschema.Draft7Validator:
    schema = json.loads((OFFICIAL / f"collection-v{version}.draft-07.json").read_text())
    return jsonschema.Draft7Validator(schema)


def declared_version(data: Any) -> str | None:
    info = data.get("info") if isinstance(data, dict) else None
    schema = info.get("schema") if isinstance(info, dict) else None
    if not isinstance(schema, str):
        return None
    return next((v for v in load.VERSIONS if f"/v{v}/" in schema), None)


def problems_of(data: Any, file: str = "doc.json") -> tuple[Problem, ...]:
    """The problems validate_collection raises (empty if it accepts)."""
    try:
        validate_collection(data, file)
    except CollectionError as exc:
        return exc.problems
    return ()


def collection(*items: Any, schema: str = V21, **extra: Any) -> dict[str, Any]:
    return {"info": {"name": "t", "schema": schema}, "item": list(items), **extra}


# --------------------------------------------------------------------------- corpus


@pytest.mark.parametrize("path", COLLECTIONS, ids=lambda p: p.name)
def test_corpus_collection_loads(path: Path) -> None:
    if path.name == V1:
        with pytest.raises(CollectionError) as caught:
            load_collection(path)
        (problem,) = caught.value.problems
        assert problem.file == str(path)
        assert "Postman collection v1" in problem.message
        assert "v2.1" in problem.message
        assert "postman-collection-transformer" in problem.message
        return
    loaded = load_collection(path)
    assert isinstance(loaded, Loaded)
    assert loaded.file == str(path)
    assert loaded.data == corpus_data(path.name)
    if path.name == NO_INFO:
        assert loaded.version == "2.1.0"
        assert [(p.level, p.pointer) for p in loaded.problems] == [(Level.WARNING, "")]
        assert "no 'info'" in loaded.problems[0].message
    else:
        assert loaded.version == declared_version(loaded.data)
        assert loaded.problems == ()


@pytest.mark.parametrize("path", COLLECTIONS, ids=lambda p: p.name)
def test_our_schema_accepts_corpus_without_fast_path(path: Path) -> None:
    """The full jsonschema validator (the authority behind the fast path) accepts it too."""
    data = corpus_data(path.name)
    if path.name == V1:
        pytest.skip("v1 is rejected before validation")
    version = declared_version(data) or "2.1.0"
    validator = jsonschema.Draft7Validator(collection_schema(version))
    assert [e.message[:200] for e in validator.iter_errors(data)] == []


@pytest.mark.parametrize("path", COLLECTIONS, ids=lambda p: p.name)
def test_official_schema_agrees_on_corpus(path: Path) -> None:
    """Where Postman's official schema accepts a collection, we accept it."""
    data = corpus_data(path.name)
    version = declared_version(data)
    if version is None:
        # Only the v1 file and the info-less one have no v2 schema URL; the official
        # schema rejects the latter (no info), which we accept with a warning.
        assert path.name in (V1, NO_INFO)
        assert not official_validator("2.1.0").is_valid(data)
        return
    assert official_validator(version).is_valid(data), "the oracle itself rejects the corpus"
    assert problems_of(data) == ()


# Each: a v2.1 document (or a change to one), and the pointer our error must name.
# Every one of them is also rejected by the official schema (checked below).
_REQ: dict[str, Any] = {"name": "r", "request": {"method": "GET", "url": "https://x.test/"}}


def _with(path: str, value: Any, *, schema: str = V21) -> dict[str, Any]:
    """A one-request collection with the value at `path` (dotted, ints index lists) replaced."""
    doc = collection(copy.deepcopy(_REQ), schema=schema)
    *parents, last = path.split(".")
    node: Any = doc
    for token in parents:
        node = node[int(token)] if token.isdigit() else node.setdefault(token, {})
    node[int(last) if last.isdigit() else last] = value
    return doc


INVALID: dict[str, tuple[dict[str, Any], str]] = {
    "item is not a list": (collection() | {"item": {"name": "x"}}, "/item"),
    "item entry is a string": (collection("GET /users"), "/item/0"),
    "item entry is a number": (collection(_REQ, 3), "/item/1"),
    "item without request": (collection({"name": "no request"}), "/item/0"),
    "folder item not a list": (collection({"name": "f", "item": "x"}), "/item/0/item"),
    "request is a number": (_with("item.0.request", 5), "/item/0/request"),
    "method is a number": (_with("item.0.request.method", 5), "/item/0/request/method"),
    "method is null": (_with("item.0.request.method", None), "/item/0/request/method"),
    "url is a number": (_with("item.0.request.url", 42), "/item/0/request/url"),
    "url is a list": (_with("item.0.request.url", ["https://x.test"]), "/item/0/request/url"),
    "host is a number": (
        _with("item.0.request.url", {"host": 1, "path": []}),
        "/item/0/request/url/host",
    ),
    "query is an object": (
        _with("item.0.request.url", {"raw": "x", "query": {"a": "b"}}),
        "/item/0/request/url/query",
    ),
    "header is a number": (_with("item.0.request.header", 7), "/item/0/request/header"),
    "header entry without key": (
        _with("item.0.request.header", [{"value": "v"}]),
        "/item/0/request/header/0",
    ),
    "header entry is a list": (
        _with("item.0.request.header", [["k", "v"]]),
        "/item/0/request/header/0",
    ),
    "body is a string": (_with("item.0.request.body", "{}"), "/item/0/request/body"),
    "unknown body mode": (
        _with("item.0.request.body", {"mode": "json", "raw": "{}"}),
        "/item/0/request/body/mode",
    ),
    "raw body is an object": (
        _with("item.0.request.body", {"mode": "raw", "raw": {"a": 1}}),
        "/item/0/request/body/raw",
    ),
    "urlencoded is an object": (
        _with("item.0.request.body", {"mode": "urlencoded", "urlencoded": {"a": "1"}}),
        "/item/0/request/body/urlencoded",
    ),
    "auth without type": (_with("item.0.request.auth", {"bearer": []}), "/item/0/request/auth"),
    "v2.0 auth object in v2.1": (
        _with("item.0.request.auth", {"type": "basic", "basic": {"username": "u"}}),
        "/item/0/request/auth/basic",
    ),
    "v2.1 auth list in v2.0": (
        _with(
            "item.0.request.auth",
            {"type": "basic", "basic": [{"key": "username", "value": "u"}]},
            schema=V20,
        ),
        "/item/0/request/auth/basic",
    ),
    "auth attribute without key": (
        _with("item.0.request.auth", {"type": "bearer", "bearer": [{"value": "t"}]}),
        "/item/0/request/auth/bearer/0",
    ),
    "event without listen": (
        collection(_REQ, event=[{"script": {"exec": []}}]),
        "/event/0",
    ),
    "script exec is a number": (
        collection(_REQ, event=[{"listen": "test", "script": {"exec": 1}}]),
        "/event/0/script/exec",
    ),
    "variable is an object": (collection(_REQ, variable={"a": 1}), "/variable"),
    "response code is a string": (
        _with("item.0.response", [{"name": "ok", "code": "200"}]),
        "/item/0/response/0/code",
    ),
    "info is a string": (collection(_REQ) | {"info": "v2.1"}, "/info"),
    "info.schema is a number": (
        collection(_REQ) | {"info": {"name": "t", "schema": 2.1}},
        "/info/schema",
    ),
}


@pytest.mark.parametrize("name", INVALID)
def test_invalid_documents_rejected_by_both(name: str) -> None:
    doc, where = INVALID[name]
    version = declared_version(doc) or "2.1.0"
    assert not official_validator(version).is_valid(doc), "the oracle accepts it"
    problems = problems_of(doc)
    assert where in [p.pointer for p in problems if p.level is Level.ERROR], problems
    # Each problem is one short line.
    assert all("\n" not in str(p) and len(p.message) < 400 for p in problems)


# Where we are deliberately stricter than the official schema: shapes it lets through that a
# generator could only turn into garbage (or a crash).
STRICTER: dict[str, tuple[dict[str, Any], str]] = {
    "example is a string": (_with("item.0.response", ["ok"]), "/item/0/response/0"),
    "example is null": (_with("item.0.response", [None]), "/item/0/response/0"),
}


@pytest.mark.parametrize("name", STRICTER)
def test_stricter_than_official_where_a_generator_needs_it(name: str) -> None:
    doc, where = STRICTER[name]
    assert official_validator("2.1.0").is_valid(doc)
    assert [p.pointer for p in problems_of(doc)] == [where]


@pytest.mark.parametrize("name", [*INVALID, *STRICTER])
def test_fast_path_agrees_with_full_validator(name: str) -> None:
    check = load._fast_check("collection-2.1.0")
    if check is None:
        pytest.skip("neither jsonschema-rs nor fastjsonschema is installed: no fast path")
    doc, _ = INVALID.get(name) or STRICTER[name]
    version = declared_version(doc) or "2.1.0"
    fast = load._fast_check(f"collection-{version}")
    assert fast is not None
    with pytest.raises(Exception):  # noqa: B017 - fastjsonschema's exception type is untyped
        fast(doc)


# Shapes real collections use that the official schema (or a naive one) rejects, or that a
# strict reading would: each must load without error.
LENIENT: dict[str, dict[str, Any]] = {
    "request as a bare URL": collection({"request": "https://x.test/{{path}}"}),
    "url object without raw": _with(
        "item.0.request.url", {"protocol": "https", "host": "api.x.test", "path": "/v1/a"}
    ),
    "host as a string": _with("item.0.request.url", {"raw": "x", "host": "x.test"}),
    "host as a list": _with("item.0.request.url", {"raw": "x", "host": ["x", "test"]}),
    "port as a number": _with("item.0.request.url", {"raw": "x", "port": 8080}),
    "lower-case method": _with("item.0.request.method", "post"),
    "custom method": _with("item.0.request.method", "PROPPATCH"),
    "header block as a string": _with("item.0.request.header", "Accept: */*\nX-A: b"),
    "v2.0 auth params as an object": _with(
        "item.0.request.auth", {"type": "basic", "basic": {"username": "u"}}, schema=V20
    ),
    "v2.1 auth as a list": _with(
        "item.0.request.auth", {"type": "bearer", "bearer": [{"key": "token", "value": "t"}]}
    ),
    "auth type beyond the enum (jwt)": _with(
        "item.0.request.auth",
        {"type": "jwt", "jwt": [{"key": "algorithm", "value": "HS256", "type": "string"}]},
    ),
    "auth type beyond the enum (asap)": _with(
        "item.0.request.auth", {"type": "asap", "asap": [{"key": "kid", "value": "k"}]}
    ),
    "auth null": _with("item.0.request.auth", None),
    "noauth with empty object": _with("item.0.request.auth", {"type": "noauth", "noauth": {}}),
    "legacy variables key": collection(_REQ, schema=V20, variables=[{"key": "a", "value": "1"}]),
    "variable with id only": collection(_REQ, variable=[{"id": "base", "value": 1}]),
    "variable type outside the enum": collection(
        _REQ, variable=[{"key": "k", "value": "v", "type": "secret"}]
    ),
    "missing names": collection({"request": {"url": "x"}}, {"item": []})
    | {"info": {"schema": V21}},
    "empty body object": _with("item.0.request.body", {}),
    "null body": _with("item.0.request.body", None),
    "graphql with null variables": _with(
        "item.0.request.body", {"mode": "graphql", "graphql": {"query": "{a}", "variables": None}}
    ),
    "file body without file": _with("item.0.request.body", {"mode": "file"}),
    "formdata file with list src": _with(
        "item.0.request.body",
        {"mode": "formdata", "formdata": [{"key": "f", "type": "file", "src": []}]},
    ),
    "example without code or originalRequest": _with(
        "item.0.response", [{"name": "ok", "body": "{}", "header": None}]
    ),
    "query value null": _with(
        "item.0.request.url", {"raw": "x?a", "query": [{"key": "a", "value": None}]}
    ),
    "single event object": collection(_REQ, event={"listen": "test", "script": {"exec": "1"}}),
    "description as an object": collection(
        _REQ, info={"name": "t", "schema": V21, "description": {"content": "d", "type": "text/md"}}
    ),
    "extra unknown members": collection(_REQ, _postman_isSubFolder=True, x={"y": 1}),
}


@pytest.mark.parametrize("name", LENIENT)
def test_lenient_where_postman_is(name: str) -> None:
    assert problems_of(LENIENT[name]) == ()


@pytest.mark.parametrize("name", [*LENIENT])
def test_fast_path_accepts_what_the_full_validator_accepts(name: str) -> None:
    """Else every valid collection would pay for the slow validator."""
    kind = f"collection-{declared_version(LENIENT[name]) or '2.1.0'}"
    fast = load._fast_check(kind)
    if fast is None:
        pytest.skip("neither jsonschema-rs nor fastjsonschema is installed: no fast path")
    assert not list(load._validator(kind).iter_errors(LENIENT[name]))
    fast(LENIENT[name])


# --------------------------------------------------------------------------- versions


@pytest.mark.parametrize(
    ("url", "version"),
    [
        (V21, "2.1.0"),
        (V20, "2.0.0"),
        ("https://schema.postman.com/json/collection/v2.1.0/collection.json", "2.1.0"),
        ("https://schema.postman.com/json/collection/v2.0.0/collection.json", "2.0.0"),
        ("https://schema.getpostman.com/json/collection/v2.1.0/", "2.1.0"),
        ("https://schema.getpostman.com/json/collection/v2.1.0", "2.1.0"),
        ("http://schema.getpostman.com/json/collection/v2.0.0/collection.json#", "2.0.0"),
        ("https://schema.getpostman.com/json/draft-07/collection/v2.1.0/collection.json", "2.1.0"),
        ("https://schema.getpostman.com/json/collection/v2.1/collection.json", "2.1.0"),
        ("HTTPS://SCHEMA.GETPOSTMAN.COM/JSON/COLLECTION/V2.0.0/COLLECTION.JSON", "2.0.0"),
    ],
)
def test_version_from_schema_url(url: str, version: str) -> None:
    loaded = validate_collection(collection(_REQ, schema=url), "c.json")
    assert (loaded.version, loaded.problems) == (version, ())


@pytest.mark.parametrize(
    ("info", "where"),
    [
        (
            {"name": "t", "schema": "https://schema.getpostman.com/json/collection/v2.3.0/"},
            "/info/schema",
        ),
        ({"name": "t", "schema": "https://example.test/my-schema.json"}, "/info/schema"),
        ({"name": "t"}, "/info"),
    ],
)
def test_unknown_schema_url_is_read_as_v21_with_a_warning(info: dict[str, Any], where: str) -> None:
    loaded = validate_collection({"info": info, "item": [_REQ]}, "c.json")
    assert loaded.version == "2.1.0"
    assert [(p.level, p.pointer) for p in loaded.problems] == [(Level.WARNING, where)]


def test_no_info_loads_as_v21_with_a_warning() -> None:
    loaded = validate_collection({"name": "bare", "item": [{"request": "https://x.test"}]}, "c")
    assert loaded.version == "2.1.0"
    assert [str(p) for p in loaded.problems] == [
        "c: warning: no 'info' block; reading it as a v2.1.0 collection"
    ]


@pytest.mark.parametrize(
    "doc",
    [
        collection(
            _REQ, schema="https://schema.getpostman.com/json/collection/v1.0.0/collection.json"
        ),
        collection(_REQ, schema="https://schema.getpostman.com/collection/v1"),
        {"id": "x", "name": "n", "order": [], "folders": [], "requests": []},
        {"id": "x", "name": "n", "requests": [{"id": "r", "url": "x", "method": "GET"}]},
    ],
)
def test_v1_gets_one_error_with_the_fix(doc: dict[str, Any]) -> None:
    (problem,) = problems_of(doc)
    assert "Postman collection v1" in problem.message
    assert "export it as Collection v2.1" in problem.message
    assert "postman-collection-transformer" in problem.message


def test_v3_is_not_supported() -> None:
    doc = collection(_REQ, schema="https://schema.postman.com/json/collection/v3.0.0/")
    assert [p.message for p in problems_of(doc)] == [
        "collection format v3 is not supported (postgen reads v2.0 and v2.1)"
    ]


@pytest.mark.parametrize(
    ("doc", "says"),
    [
        ([1, 2], "the file holds a JSON array, not a Postman collection"),
        ("https://x.test", "the file holds a JSON string, not a Postman collection"),
        (3, "the file holds a JSON number, not a Postman collection"),
        (None, "the file holds JSON null, not a Postman collection"),
        (True, "the file holds a JSON boolean, not a Postman collection"),
        ({"openapi": "3.0.3", "paths": {}}, "this is an OpenAPI 3.0.3 description"),
        ({"swagger": "2.0", "paths": {}}, "this is an Swagger 2.0 description"),
        (
            {"id": "e", "name": "env", "values": [], "_postman_variable_scope": "environment"},
            "this is a Postman environment file",
        ),
        ({"values": [{"key": "k", "value": "v"}]}, "this is a Postman environment file"),
        (
            {"_postman_variable_scope": "globals", "values": []},
            "this is a Postman environment file",
        ),
        ({"collection": {"info": {}, "item": []}}, "under 'collection'"),
        ({"version": 1, "collections": []}, "Postman data dump"),
        ({"hello": "world"}, "not a Postman collection: a JSON object without 'info' or 'item'"),
        ({}, "not a Postman collection: a JSON object without 'info' or 'item' (keys: none)"),
    ],
)
def test_not_a_collection_says_what_it_looks_like(doc: Any, says: str) -> None:
    (problem,) = problems_of(doc)
    assert problem.pointer == ""
    assert says in problem.message


# --------------------------------------------------------------------------- bytes


def _write(tmp_path: Path, data: bytes, name: str = "c.json") -> Path:
    path = tmp_path / name
    path.write_bytes(data)
    return path


def _error(path: Path | str) -> str:
    with pytest.raises(CollectionError) as caught:
        load_collection(path)
    assert len(caught.value.problems) == 1
    return str(caught.value.problems[0])


MINIMAL = json.dumps(collection(_REQ), ensure_ascii=False)


def test_utf8_bom_is_stripped(tmp_path: Path) -> None:
    path = _write(tmp_path, b"\xef\xbb\xbf" + MINIMAL.encode())
    assert load_collection(path).data == json.loads(MINIMAL)


def test_non_ascii_utf8_loads(tmp_path: Path) -> None:
    doc = collection({"name": "获取用户", "request": "https://x.test/é"})
    path = _write(tmp_path, json.dumps(doc, ensure_ascii=False).encode())
    assert load_collection(path).data["item"][0]["name"] == "获取用户"


@pytest.mark.parametrize(
    ("codec", "bom", "named"),
    [
        ("utf-16-le", b"\xff\xfe", "UTF-16 (little-endian, with byte-order mark)"),
        ("utf-16-be", b"\xfe\xff", "UTF-16 (big-endian, with byte-order mark)"),
        ("utf-16-le", b"", "UTF-16 (little-endian)"),
        ("utf-16-be", b"", "UTF-16 (big-endian)"),
        ("utf-32-le", b"\xff\xfe\x00\x00", "UTF-32 (little-endian, with byte-order mark)"),
        ("utf-32-be", b"\x00\x00\xfe\xff", "UTF-32 (big-endian, with byte-order mark)"),
        ("utf-32-le", b"", "UTF-32 (little-endian)"),
        ("utf-32-be", b"", "UTF-32 (big-endian)"),
    ],
)
def test_wide_encodings_are_named(tmp_path: Path, codec: str, bom: bytes, named: str) -> None:
    path = _write(tmp_path, bom + MINIMAL.encode(codec))
    assert _error(path) == f"{path}: encoded as {named}; save it as UTF-8"


def test_invalid_utf8_names_the_byte_offset(tmp_path: Path) -> None:
    data = b'{\n  "info": {"name": "caf\xe9"},\n  "item": []\n}'
    path = _write(tmp_path, data)
    offset = data.index(b"\xe9")
    assert _error(path) == (
        f"{path}: line 2, column 24: invalid UTF-8 (byte 0xE9 at byte offset {offset}); "
        "save the file as UTF-8"
    )


def test_invalid_utf8_offset_counts_the_bom(tmp_path: Path) -> None:
    data = b'\xef\xbb\xbf{"a": "\xff"}'
    path = _write(tmp_path, data)
    offset = data.index(b"\xff")
    assert f"byte offset {offset}" in _error(path)


@pytest.mark.parametrize(
    ("data", "says"),
    [
        (b"", "the file is empty, expected a Postman collection (JSON)"),
        (b" \n\t\r\n ", "the file holds only whitespace, expected a Postman collection (JSON)"),
        (b"\xef\xbb\xbf", "the file is empty, expected a Postman collection (JSON)"),
    ],
)
def test_empty_and_blank_files(tmp_path: Path, data: bytes, says: str) -> None:
    path = _write(tmp_path, data)
    assert _error(path) == f"{path}: {says}"


@pytest.mark.parametrize(
    ("text", "where", "reason"),
    [
        ("not json", "line 1, column 1", "invalid JSON: Expecting value"),
        (
            '{"info": {"name": "x"},\n "item": [',
            "line 2, column 11",
            "invalid JSON: Expecting value",
        ),
        ('{"a": 1,}', "line 1, column 9", "invalid JSON: Expecting property name"),
        ('{"a": 1} {"b": 2}', "line 1, column 10", "invalid JSON: Extra data"),
        ('{"a": "tab\there"}', "line 1, column 11", "invalid JSON: Invalid control character"),
        ('{"a": NaN}', "line 1, column 7", "invalid JSON: NaN is not a JSON value"),
        ('{"NaN": "x", "b": -Infinity}', "line 1, column 19", "invalid JSON: -Infinity is not"),
        (
            "openapi: 3.0.0\ninfo:\n  title: x\n",
            "line 1, column 1",
            "(this looks like YAML; postgen reads Postman collections exported as JSON)",
        ),
    ],
)
def test_invalid_json_gives_line_and_column(
    tmp_path: Path, text: str, where: str, reason: str
) -> None:
    path = _write(tmp_path, text.encode())
    message = _error(path)
    assert message.startswith(f"{path}: {where}: "), message
    assert reason in message


@pytest.mark.parametrize("opener", ["[", '{"a":'])
def test_deep_nesting_is_reported_not_raised(tmp_path: Path, opener: str) -> None:
    path = _write(tmp_path, (opener * 100_000).encode())
    assert _error(path) == f"{path}: invalid JSON: arrays/objects nested too deeply to read"


def test_directory_and_missing_file(tmp_path: Path) -> None:
    assert _error(tmp_path) == f"{tmp_path}: is a directory, not a file"
    missing = tmp_path / "nope.json"
    assert _error(missing) == f"{missing}: no such file"
    assert _error(str(missing)) == f"{missing}: no such file"


def test_read_json_is_generic(tmp_path: Path) -> None:
    assert read_json(_write(tmp_path, b"[1, 2]")) == [1, 2]
    with pytest.raises(CollectionError, match="the file is empty, expected JSON"):
        read_json(_write(tmp_path, b""))


def test_file_is_reported_as_given(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    _write(tmp_path, b"[]", "rel.json")
    assert _error("rel.json") == "rel.json: the file holds a JSON array, not a Postman collection"
    (tmp_path / "sub").mkdir()
    message = _error(Path("sub") / ".." / "rel.json")
    assert message.startswith("sub/../rel.json: ")


# --------------------------------------------------------------------------- reporting


def test_every_problem_is_reported_sorted_by_pointer() -> None:
    items = [copy.deepcopy(_REQ) for _ in range(12)]
    items[10]["request"]["method"] = 1
    items[2]["request"]["url"] = 2
    items[2]["request"]["header"] = 3
    doc = collection(*items, variable="v")
    assert [(p.pointer, p.message) for p in problems_of(doc)] == [
        ("/item/2/request/header", "expected a list or a string, got a number: 3"),
        ("/item/2/request/url", "expected a string or an object, got a number: 2"),
        ("/item/10/request/method", "expected a string, got a number: 1"),
        ("/variable", 'expected a list, got a string: "v"'),
    ]


def test_messages_cut_long_values() -> None:
    doc = _with("item.0.request.url", ["https://x.test/" + "a" * 500])
    (problem,) = problems_of(doc)
    assert problem.message.startswith('expected a string or an object, got a list: ["https://')
    assert problem.message.endswith("...")
    assert len(problem.message) < 80 + 60


def test_hints_explain_version_specific_shapes() -> None:
    doc, _ = INVALID["v2.0 auth object in v2.1"]
    (problem,) = problems_of(doc, "c.json")
    assert str(problem) == (
        'c.json: /item/0/request/auth/basic: expected a list, got an object: {"username": "u"}; '
        "in a v2.1.0 collection auth parameters are a list of {key, value}; "
        "an object is the v2.0.0 form (check info.schema)"
    )


def test_item_hints() -> None:
    assert [str(p) for p in problems_of(collection("x", {"name": "n"}), "c")] == [
        'c: /item/0: expected an object, got a string: "x"; '
        "every entry of an 'item' list is an object: a request item or a folder",
        "c: /item/1: 'request' is a required property; "
        "an item needs a 'request' (or an 'item' list, to be a folder)",
    ]


def test_pointers_escape_slash_and_tilde() -> None:
    doc = collection(_REQ, protocolProfileBehavior=[])
    doc["auth"] = {"type": "x", "a/b~c": {}}
    pointers = [p.pointer for p in problems_of(doc)]
    assert pointers == ["/auth/a~1b~0c", "/protocolProfileBehavior"]


def test_warnings_ride_along_with_errors() -> None:
    problems = problems_of({"name": "bare", "item": [{"request": 5}]}, "c")
    assert [(p.level, p.pointer) for p in problems] == [
        (Level.WARNING, ""),
        (Level.ERROR, "/item/0/request"),
    ]


def test_folder_depth_is_bounded() -> None:
    def nested(depth: int) -> dict[str, Any]:
        node: dict[str, Any] = {"name": "leaf", "request": "https://x.test"}
        for _ in range(depth):
            node = {"name": "f", "item": [node]}
        return collection(node)

    assert problems_of(nested(load.MAX_FOLDER_DEPTH)) == ()
    (problem,) = problems_of(nested(load.MAX_FOLDER_DEPTH + 1))
    assert problem.pointer == "/item/0" + "/item/0" * load.MAX_FOLDER_DEPTH
    assert problem.message == f"folders nested more than {load.MAX_FOLDER_DEPTH} levels deep"
    # Far deeper than the bound, and far deeper than jsonschema can recurse: still one line.
    (problem,) = problems_of(nested(400))
    assert "folders nested more than" in problem.message


# --------------------------------------------------------------------------- schemas


@pytest.mark.parametrize("version", load.VERSIONS)
def test_our_schemas_are_valid_draft7(version: str) -> None:
    jsonschema.Draft7Validator.check_schema(collection_schema(version))


def test_environment_schema_is_valid_draft7() -> None:
    jsonschema.Draft7Validator.check_schema(load._read_schema("environment.json"))


def test_versions_differ_only_in_auth_params() -> None:
    v20, v21 = (copy.deepcopy(collection_schema(v)) for v in load.VERSIONS)
    assert v20["definitions"].pop("auth-params") != v21["definitions"].pop("auth-params")
    assert v20 == v21


def test_schema_is_ours_not_the_official_one() -> None:
    ours = collection_schema("2.1.0")
    official = json.loads((OFFICIAL / "collection-v2.1.0.draft-07.json").read_text())

    def keywords(node: Any) -> set[str]:
        if isinstance(node, dict):
            return set(node).union(*(keywords(v) for v in node.values()))
        if isinstance(node, list):
            return set().union(*(keywords(v) for v in node))
        return set()

    # One message per failure: no "is not valid under any of the given schemas".
    assert not keywords(ours) & {"oneOf", "anyOf"}
    assert keywords(official) & {"oneOf", "anyOf"}
    assert ours["definitions"].keys() != official["definitions"].keys()


def test_unknown_version_is_a_bug() -> None:
    with pytest.raises(ValueError, match="unknown collection version"):
        collection_schema("1.0.0")


def test_public_api() -> None:
    assert sorted(load.__all__) == [
        "Loaded",
        "VERSIONS",
        "collection_schema",
        "load_collection",
        "load_environment",
        "read_json",
        "validate_collection",
    ]


def test_validation_speed_on_the_largest_collection() -> None:
    """11 MB, 1,223 requests, 3,437 examples: validation must stay well under a second."""
    data = corpus_data(GITHUB.name)
    validate_collection(data, "warm-up")  # builds (compiles) the validator once
    start = time.perf_counter()
    validate_collection(data, str(GITHUB))
    elapsed = time.perf_counter() - start
    print(f"validation of {GITHUB.name}: {elapsed:.3f} s")
    if load._fast_check("collection-2.1.0") is None:
        pytest.skip(f"fastjsonschema not installed; jsonschema alone took {elapsed:.2f} s")
    assert elapsed < 1.0


# --------------------------------------------------------------------------- environments


def test_corpus_environment_loads() -> None:
    values = load_environment(CORPUS / "real" / "oci-credentials.postman_environment.json")
    assert values["region"] == "us-ashburn-1"
    assert values["compartmentId"] == "{{compartment_ocid}}"


def test_environment_keeps_enabled_values_as_text(tmp_path: Path) -> None:
    env = {
        "name": "e",
        "values": [
            {"key": "a", "value": "1", "enabled": True},
            {"key": "b", "value": "2", "enabled": False},
            {"key": "c", "value": "3"},
            {"key": "n", "value": 5},
            {"key": "f", "value": 2.0},
            {"key": "g", "value": 2.5},
            {"key": "t", "value": True},
            {"key": "z", "value": None},
            {"key": "m"},
        ],
    }
    path = _write(tmp_path, json.dumps(env).encode(), "e.json")
    assert load_environment(path) == {
        "a": "1",
        "c": "3",
        "n": "5",
        "f": "2",
        "g": "2.5",
        "t": "true",
        "z": None,
        "m": None,
    }


@pytest.mark.parametrize(
    ("doc", "expected"),
    [
        (collection(_REQ), "e.json: this is a Postman collection, not an environment file"),
        ({"name": "x"}, "e.json: 'values' is a required property"),
        ([], "e.json: the file holds a JSON array, not a Postman environment"),
        ({"values": [{"value": "v"}]}, "e.json: /values/0: 'key' is a required property"),
        ({"values": [{"key": "k", "value": {"a": 1}}]}, "e.json: /values/0/value: expected a"),
        ({"values": [{"key": "k", "enabled": "no"}]}, "e.json: /values/0/enabled: expected true"),
    ],
)
def test_environment_errors(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, doc: Any, expected: str
) -> None:
    monkeypatch.chdir(tmp_path)
    _write(tmp_path, json.dumps(doc).encode(), "e.json")
    with pytest.raises(CollectionError) as caught:
        load_environment("e.json")
    assert str(caught.value).startswith(expected), str(caught.value)


def test_environment_decoding_errors_match_collections(tmp_path: Path) -> None:
    path = _write(tmp_path, "{}".encode("utf-16"), "e.json")
    with pytest.raises(CollectionError, match="encoded as UTF-16"):
        load_environment(path)


def test_an_input_is_read_once_for_the_run_cache_and_loading(tmp_path: Path) -> None:
    """cache.inputs_key and loading read the same bytes: the second read takes the first's;
    a file changed since is read again."""
    path = tmp_path / "c.json"
    path.write_bytes(b'{"a": 1}')
    first = read_input(str(path))
    assert read_input(str(path)) is first  # taken, not read again
    assert read_input(str(path)) == first  # (and not kept after)
    path.write_bytes(b'{"a": 22}')
    assert read_input(str(path)) == b'{"a": 22}'
