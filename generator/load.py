"""Load stage: read a collection or environment file, detect its format version, validate it.

Everything a user can get wrong about the *file* (missing, empty, UTF-16, not JSON, a v1
collection, an OpenAPI document, an item of the wrong type...) is reported here as a
`CollectionError` whose problems render as `FILE: POINTER: message`, one per line (for faults
below the JSON level the pointer is `line L, column C`, or absent). Later stages receive a
`Loaded` whose `data` has the shapes `schemas/collection-v2.json` promises.
"""

from __future__ import annotations

import copy
import functools
import importlib
import json
import os
import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any, NoReturn

# Typed when types-jsonschema is installed; without it mypy must still pass (CI installs only
# the project's extras), hence the ignore that tolerates being unused.
from generator import pointer
from generator.errors import CollectionError, Level, Problem
from generator.resources import SCHEMA_DIR

# jsonschema is imported where it is used: a valid collection never needs it. Typed when
# types-jsonschema is installed; without it mypy must still pass (CI installs only the
# project's extras), hence the ignore that tolerates being unused.
if TYPE_CHECKING:
    import jsonschema  # type: ignore[import-untyped, unused-ignore]
    from jsonschema.exceptions import ValidationError  # type: ignore[import-untyped, unused-ignore]

__all__ = [
    "VERSIONS",
    "Loaded",
    "collection_schema",
    "load_collection",
    "load_environment",
    "read_json",
    "validate_collection",
]

#: The collection format versions postgen reads; `Loaded.version` is one of these.
VERSIONS = ("2.0.0", "2.1.0")

# Real collections nest folders at most 6 deep. The bound keeps jsonschema (and the
# recursive stages after us) far from Python's recursion limit; it fails near 90 levels.
MAX_FOLDER_DEPTH = 50

_ASSUMED_VERSION = "2.1.0"
_SHORT = 80  # longest rendering of an offending value inside a message

# Postman's schema URLs: schema.getpostman.com or schema.postman.com, with or without a
# draft segment, "collection.json", a trailing slash or fragment. Only the version matters.
_SCHEMA_URL = re.compile(
    r"(?:get)?postman\.com/.*?collection/v(\d+)(?:\.(\d+))?(?:\.(\d+))?", re.IGNORECASE
)
_V1_HINT = (
    "open it in Postman and export it as Collection v2.1, or convert it with "
    "`postman-collection-transformer convert -i IN.json -o OUT.json -j 1.0.0 -p 2.1.0`"
)


@dataclass(frozen=True, slots=True)
class Loaded:
    """A decoded, version-detected collection that passed validation."""

    file: str  # path as the user gave it, used in messages
    data: dict[str, Any]  # the decoded collection (BOM stripped)
    version: str  # "2.0.0" or "2.1.0"
    problems: tuple[Problem, ...]  # warnings only (errors raise)


# --------------------------------------------------------------------------- public API


def read_json(path: str | Path) -> Any:
    """Read and decode a JSON file, turning every I/O, encoding or syntax fault into one line."""
    return _read_json(os.fspath(path), "JSON")


def load_collection(path: str | Path) -> Loaded:
    """Read, detect and validate a collection; raises CollectionError listing every fault."""
    file = os.fspath(path)
    return validate_collection(_read_json(file, "a Postman collection (JSON)"), file)


def validate_collection(data: Any, file: str) -> Loaded:
    """Detect the format of already-decoded `data` and validate it (load_collection minus I/O)."""
    version, problems = _detect_version(data, file)
    problems.extend(_folder_depth(data, file))
    if not any(p.level is Level.ERROR for p in problems):
        problems.extend(_validate(data, f"collection-{version}", file))
    ordered = _sorted(problems)
    if any(p.level is Level.ERROR for p in ordered):
        _raise(ordered)
    return Loaded(file=file, data=data, version=version, problems=ordered)


def load_environment(path: str | Path) -> dict[str, str | None]:
    """Read a Postman environment (or globals) file: the enabled values by key, as text."""
    file = os.fspath(path)
    data = _read_json(file, "a Postman environment (JSON)")
    if not isinstance(data, dict):
        _fail(file, "", f"the file holds {_describe(data)}, not a Postman environment")
    if "item" in data or "info" in data:
        _fail(
            file,
            "",
            "this is a Postman collection, not an environment file; "
            "give it as the collection, and the environment separately",
        )
    problems = _validate(data, "environment", file)
    if problems:
        _raise(_sorted(problems))
    values: dict[str, str | None] = {}
    for entry in data["values"]:
        # Postman skips disabled entries; a missing "enabled" means enabled.
        if entry.get("enabled", True):
            values[entry["key"]] = _as_text(entry.get("value"))
    return values


@functools.cache
def collection_schema(version: str) -> dict[str, Any]:
    """The project's schema for one collection version (read once, then shared; do not mutate)."""
    if version not in VERSIONS:
        raise ValueError(f"unknown collection version {version!r}")
    schema: dict[str, Any] = copy.deepcopy(_read_schema("collection-v2.json"))
    # The versions differ only in how auth parameters are written; point the hole at one.
    schema["definitions"]["auth-params"] = {"$ref": f"#/definitions/auth-params-v{version}"}
    return schema


# --------------------------------------------------------------------------- bytes -> JSON


def _read_json(file: str, expected: str) -> Any:
    """Bytes -> text -> JSON value, each step failing with one clear line."""
    raw = _read_bytes(file)
    text = _decode(raw, file, expected)
    return _parse(text, file)


_READ: dict[tuple[str, int, int, int], bytes] = {}
"""The last input file read, by its path and stat (see read_input)."""


def read_input(file: str) -> bytes:
    """A collection's or environment's bytes, read once for both the run cache's key
    (cache.inputs_key) and loading (an 11 MB file is read once); read again if its size,
    modification time or inode changed since. OSError as reading raises it."""
    stat = os.stat(file)
    mark = (file, stat.st_size, stat.st_mtime_ns, stat.st_ino)
    found = _READ.pop(mark, None)
    if found is None:
        _READ.clear()
        with open(file, "rb") as handle:
            found = handle.read()
        _READ[mark] = found
    return found


def _read_bytes(file: str) -> bytes:
    """Read the whole file; map OS errors to messages a user can act on."""
    try:
        return read_input(file)
    except IsADirectoryError:
        _fail(file, "", "is a directory, not a file")
    except FileNotFoundError:
        _fail(file, "", "no such file")
    except PermissionError:
        _fail(file, "", "permission denied")
    except OSError as exc:
        _fail(file, "", f"cannot read: {exc.strerror or exc}")


# JSON text starts with an ASCII character, so the NUL pattern of the first four bytes
# tells UTF-16/32 apart even without a byte-order mark (RFC 4627, section 3).
_WIDE_ENCODINGS: tuple[tuple[bytes, str], ...] = (
    (b"\x00\x00\xfe\xff", "UTF-32 (big-endian, with byte-order mark)"),
    (b"\xff\xfe\x00\x00", "UTF-32 (little-endian, with byte-order mark)"),
    (b"\xfe\xff", "UTF-16 (big-endian, with byte-order mark)"),
    (b"\xff\xfe", "UTF-16 (little-endian, with byte-order mark)"),
)


def _wide_encoding(raw: bytes) -> str | None:
    """Name the UTF-16/32 variant `raw` is written in, or None for a byte-oriented encoding."""
    for bom, name in _WIDE_ENCODINGS:
        if raw.startswith(bom):
            return name
    head = raw[:4]
    if len(head) == 4 and head[:3] == b"\x00\x00\x00" and head[3]:
        return "UTF-32 (big-endian)"
    if len(head) == 4 and head[0] and head[1:] == b"\x00\x00\x00":
        return "UTF-32 (little-endian)"
    if len(head) >= 2 and head[0] == 0 and head[1]:
        return "UTF-16 (big-endian)"
    if len(head) >= 2 and head[0] and head[1] == 0:
        return "UTF-16 (little-endian)"
    return None


def _decode(raw: bytes, file: str, expected: str) -> str:
    """UTF-8 (with or without BOM) -> str; anything else is an error naming what it is."""
    if not raw:
        _fail(file, "", f"the file is empty, expected {expected}")
    wide = _wide_encoding(raw)
    if wide is not None:
        _fail(file, "", f"encoded as {wide}; save it as UTF-8")
    start = 3 if raw.startswith(b"\xef\xbb\xbf") else 0
    try:
        text = raw[start:].decode("utf-8")
    except UnicodeDecodeError as exc:
        offset = start + exc.start
        line_start = raw.rfind(b"\n", 0, offset) + 1
        line = raw.count(b"\n", 0, offset) + 1
        column = len(raw[line_start:offset].decode("utf-8", "replace")) + 1
        _fail(
            file,
            f"line {line}, column {column}",
            f"invalid UTF-8 (byte 0x{raw[offset]:02X} at byte offset {offset}); "
            "save the file as UTF-8",
        )
    if not text:  # a byte-order mark and nothing else
        _fail(file, "", f"the file is empty, expected {expected}")
    if not text.strip(" \t\r\n"):
        _fail(file, "", f"the file holds only whitespace, expected {expected}")
    return text


class _NotJsonConstant(ValueError):
    """NaN/Infinity: Python's json accepts them, JSON (and Postman) does not."""


def _reject_constant(name: str) -> NoReturn:
    raise _NotJsonConstant(name)


# A JSON string, or one of the constants Python accepts beyond JSON: used to find the
# first constant outside strings when json.loads rejected one (it gives no position).
_CONSTANT = re.compile(r'"(?:[^"\\]|\\.)*"|(-?Infinity|NaN)', re.DOTALL)


def _parse(text: str, file: str) -> Any:
    """json.loads with every failure turned into `FILE: line L, column C: invalid JSON: ...`."""
    try:
        return json.loads(text, parse_constant=_reject_constant)
    except json.JSONDecodeError as exc:
        reason = exc.msg.removesuffix(" starting at")
        if exc.msg.startswith("Unterminated string") or exc.pos >= len(text.rstrip()):
            # Nothing left to read where a value or a closing quote was due.
            reason += "; the file ends too early (truncated?)"
        _fail(
            file,
            f"line {exc.lineno}, column {exc.colno}",
            f"invalid JSON: {reason}{_yaml_hint(text)}",
        )
    except _NotJsonConstant as exc:
        found = next((m for m in _CONSTANT.finditer(text) if m.group(1)), None)
        where = _line_column(text, found.start(1)) if found else ""
        _fail(file, where, f"invalid JSON: {exc} is not a JSON value")
    except RecursionError:
        # The C decoder recurses once per [ or {; a hostile or broken file must not
        # escape as a traceback.
        _fail(file, "", "invalid JSON: arrays/objects nested too deeply to read")


def _yaml_hint(text: str) -> str:
    """A hint when a non-JSON file looks like YAML (an OpenAPI file, typically)."""
    first = text.lstrip().split("\n", 1)[0]
    if re.match(r"^(---|%YAML|[A-Za-z_][\w-]*:(\s|$))", first):
        return " (this looks like YAML; postgen reads Postman collections exported as JSON)"
    return ""


def _line_column(text: str, offset: int) -> str:
    """Render a character offset the way json.JSONDecodeError does."""
    line = text.count("\n", 0, offset) + 1
    column = offset - (text.rfind("\n", 0, offset) + 1) + 1
    return f"line {line}, column {column}"


# --------------------------------------------------------------------------- what is it?


def _detect_version(data: Any, file: str) -> tuple[str, list[Problem]]:
    """Tell a v2.0/v2.1 collection from everything else; returns the version and warnings."""
    if not isinstance(data, dict):
        _fail(file, "", f"the file holds {_describe(data)}, not a Postman collection")
    _reject_other_formats(data, file)
    info = data.get("info")
    if "info" not in data:
        return _ASSUMED_VERSION, [
            _warn(file, "", f"no 'info' block; reading it as a v{_ASSUMED_VERSION} collection")
        ]
    if not isinstance(info, dict) or not isinstance(info.get("schema"), str):
        # A wrong type is reported by the schema; a missing schema URL only costs a guess.
        warnings = []
        if isinstance(info, dict) and "schema" not in info:
            warnings.append(
                _warn(
                    file,
                    "/info",
                    f"no 'schema' URL; reading it as a v{_ASSUMED_VERSION} collection",
                )
            )
        return _ASSUMED_VERSION, warnings
    url: str = info["schema"]
    match = _SCHEMA_URL.search(url)
    if match is None:
        return _ASSUMED_VERSION, [
            _warn(
                file,
                "/info/schema",
                f"not a Postman collection schema URL: {_short(url)}; "
                f"reading it as a v{_ASSUMED_VERSION} collection",
            )
        ]
    major, minor = int(match.group(1)), int(match.group(2) or 0)
    if major == 1:
        _fail(
            file,
            "/info/schema",
            f"this is a Postman collection v1, which postgen does not read; {_V1_HINT}",
        )
    if major != 2:
        _fail(
            file,
            "/info/schema",
            f"collection format v{major} is not supported (postgen reads v2.0 and v2.1)",
        )
    if minor == 0:
        return "2.0.0", []
    if minor == 1:
        return "2.1.0", []
    return _ASSUMED_VERSION, [
        _warn(
            file,
            "/info/schema",
            f"collection format v2.{minor} is newer than postgen knows; "
            f"reading it as v{_ASSUMED_VERSION}",
        )
    ]


def _reject_other_formats(data: dict[str, Any], file: str) -> None:
    """Name what a JSON object that is not a v2 collection looks like, and how to get one."""
    if "item" in data:
        return
    if any(key in data for key in ("requests", "folders", "order")):
        _fail(
            file,
            "",
            "this is a Postman collection v1 (top-level 'requests'/'folders'/'order'), "
            f"which postgen does not read; {_V1_HINT}",
        )
    if isinstance(data.get("openapi"), str) or isinstance(data.get("swagger"), str):
        kind = f"OpenAPI {data['openapi']}" if "openapi" in data else f"Swagger {data['swagger']}"
        _fail(
            file,
            "",
            f"this is an {kind} description, not a Postman collection; import it into Postman "
            "and export the collection as v2.1 (or convert it with openapi-to-postmanv2)",
        )
    if "values" in data or data.get("_postman_variable_scope") in ("environment", "globals"):
        _fail(
            file,
            "",
            "this is a Postman environment file (it has 'values' and no 'item'), "
            "not a collection; give it as the environment",
        )
    if isinstance(data.get("collection"), dict):
        _fail(
            file,
            "",
            "this is a Postman API response with the collection under 'collection'; "
            "save the value of 'collection' as the file",
        )
    if isinstance(data.get("collections"), list):
        _fail(
            file,
            "",
            "this is a Postman data dump holding several collections; "
            "export the one you want from Postman as Collection v2.1",
        )
    if "info" not in data:
        keys = ", ".join(repr(k) for k in list(data)[:5]) or "none"
        _fail(
            file,
            "",
            f"not a Postman collection: a JSON object without 'info' or 'item' (keys: {keys})",
        )


def _folder_depth(data: Any, file: str) -> list[Problem]:
    """Bound folder nesting before anything recursive (jsonschema, the parser) walks it."""
    if not isinstance(data, dict):
        return []
    stack: list[tuple[Any, int, str]] = [(data.get("item"), 1, "/item")]
    while stack:
        items, depth, where = stack.pop()
        if not isinstance(items, list):
            continue
        for index, entry in enumerate(items):
            if isinstance(entry, dict) and "item" in entry:
                here = pointer.join(where, index)
                if depth > MAX_FOLDER_DEPTH:
                    return [
                        Problem(
                            file,
                            here,
                            f"folders nested more than {MAX_FOLDER_DEPTH} levels deep",
                        )
                    ]
                stack.append((entry["item"], depth + 1, pointer.join(here, "item")))
    return []


# --------------------------------------------------------------------------- validation


def _read_schema(name: str) -> dict[str, Any]:
    """One schema file from generator/schemas."""
    schema: dict[str, Any] = json.loads((SCHEMA_DIR / name).read_text(encoding="utf-8"))
    return schema


@functools.cache
def _validator(kind: str) -> jsonschema.protocols.Validator:
    """The full validator, built once per kind; it is the authority and lists every error."""
    import jsonschema  # type: ignore[import-untyped, unused-ignore]

    schema = _read_schema("environment.json") if kind == "environment" else _kind_schema(kind)
    # No check_schema() here: the schema is ours and a unit test checks it once.
    validator: jsonschema.protocols.Validator = jsonschema.Draft7Validator(schema)
    return validator


def _kind_schema(kind: str) -> dict[str, Any]:
    return collection_schema(kind.removeprefix("collection-"))


@functools.cache
def _fast_check(kind: str) -> Callable[[Any], object] | None:
    """A compiled accept/reject check: jsonschema-rs (Rust: an 11 MB collection in ~10 ms),
    else fastjsonschema (~15x faster than jsonschema), whichever is installed.

    Only its verdict "valid" is used; on "invalid" (or any trouble) the full validator runs
    to list every error, so the two can never disagree on what the user sees.
    """
    schema = _read_schema("environment.json") if kind == "environment" else _kind_schema(kind)
    try:
        jsonschema_rs = importlib.import_module("jsonschema_rs")
        validator = jsonschema_rs.Draft7Validator(schema)
    except Exception:  # not installed, or a release that reads the schema differently
        pass
    else:

        def check_rs(data: Any) -> None:
            if not validator.is_valid(data):
                raise ValueError("invalid")

        return check_rs
    try:
        fastjsonschema = importlib.import_module("fastjsonschema")
    except ImportError:
        return None
    try:
        check: Callable[[Any], object] = fastjsonschema.compile(schema)
    except Exception:
        return None  # an incompatible release: the full validator alone is still correct
    return check


def _validate(data: Any, kind: str, file: str) -> list[Problem]:
    """Every schema violation in `data`, one Problem each, located by JSON pointer."""
    check = _fast_check(kind)
    if check is not None:
        try:
            check(data)
            return []
        except Exception:
            # Invalid (JsonSchemaException) or anything unexpected, RecursionError included:
            # the full validator decides and reports, exactly as without the fast path.
            pass
    try:
        return [_problem(error, file) for error in _validator(kind).iter_errors(data)]
    except RecursionError:
        return [Problem(file, "", "nested too deeply to validate")]


def _problem(error: ValidationError, file: str) -> Problem:
    """One jsonschema error -> `pointer: short message[; hint]`."""
    where = pointer.join("", *error.absolute_path)
    message = _message(error)
    schema = error.schema if isinstance(error.schema, dict) else {}
    hint = schema.get("x-hint")
    if isinstance(hint, str):
        message = f"{message}; {hint}"
    return Problem(file, where, message.replace("\n", "\\n"))


_TYPE_NAMES = {
    "object": "an object",
    "array": "a list",
    "string": "a string",
    "integer": "an integer",
    "number": "a number",
    "boolean": "true or false",
    "null": "null",
}


def _message(error: ValidationError) -> str:
    """A short message; values are shown as JSON, cut to ~80 characters."""
    instance = error.instance
    if error.validator == "type":
        expected: Any = error.validator_value
        names = [expected] if isinstance(expected, str) else list(expected)
        wanted = " or ".join(_TYPE_NAMES.get(n, n) for n in names)
        got = _TYPE_NAMES[_json_type(instance)].replace("an integer", "a number")
        if instance is None:
            return f"expected {wanted}, got null"
        return f"expected {wanted}, got {got}: {_short(instance)}"
    if error.validator == "enum":
        options: Any = error.validator_value
        allowed = ", ".join(_short(v) for v in options)
        return f"{_short(instance)} is not one of {allowed}"
    # Other keywords (required, ...) have short messages unless they quote the instance.
    message: str = error.message
    return message.replace(repr(instance), _short(instance))


def _json_type(value: Any) -> str:
    """The JSON Schema type name of a decoded JSON value."""
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "boolean"
    if isinstance(value, int):
        return "integer"
    if isinstance(value, float):
        return "number"
    if isinstance(value, str):
        return "string"
    if isinstance(value, list):
        return "array"
    return "object"


def _describe(value: Any) -> str:
    """What a whole file holds, when it is not a JSON object."""
    return {
        "null": "JSON null",
        "boolean": "a JSON boolean",
        "integer": "a JSON number",
        "number": "a JSON number",
        "string": "a JSON string",
        "array": "a JSON array",
        "object": "a JSON object",
    }[_json_type(value)]


def _short(value: Any) -> str:
    """JSON rendering of a value, at most ~80 characters, always on one line."""
    text = json.dumps(value, ensure_ascii=False, default=str)
    return text if len(text) <= _SHORT else text[: _SHORT - 3] + "..."


# --------------------------------------------------------------------------- helpers


def _as_text(value: Any) -> str | None:
    """An environment value as the text Postman substitutes for it."""
    if value is None or isinstance(value, str):
        return value
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, float) and value.is_integer():
        return str(int(value))  # JavaScript prints 1.0 as "1"
    return json.dumps(value)


def _fail(file: str, where: str, message: str) -> NoReturn:
    """Stop at once with one problem (the file cannot be read any further)."""
    _raise([Problem(file, where, message)])


def _raise(problems: Iterable[Problem]) -> NoReturn:
    """The one raise point of the load stage."""
    raise CollectionError(problems)


def _warn(file: str, where: str, message: str) -> Problem:
    return Problem(file, where, message, Level.WARNING)


def _pointer_key(where: str) -> tuple[tuple[int, int, str], ...]:
    """Sort key: pointers in document order (/item/2 before /item/10)."""
    tokens = where.split("/")[1:] if where.startswith("/") else [where] if where else []
    return tuple((0, int(t), "") if t.isdigit() else (1, 0, t) for t in tokens)


def _sorted(problems: Iterable[Problem]) -> tuple[Problem, ...]:
    """Problems ordered by pointer, then message; duplicates dropped."""
    unique = dict.fromkeys(problems)
    return tuple(sorted(unique, key=lambda p: (_pointer_key(p.pointer), p.message)))
