"""Encoding arguments and decoding responses: the small steps every operation shares."""

from __future__ import annotations

import json
import os
from collections.abc import Mapping, Sequence
from typing import IO, Any, TypeVar
from urllib.parse import quote, urlencode

import httpx
from pydantic import BaseModel

__all__ = [
    "FileContent",
    "any_json",
    "decode",
    "expand",
    "expand_unencoded",
    "files",
    "fill",
    "form",
    "graphql",
    "model_json",
    "multipart",
    "pairs",
    "parse",
    "path",
    "text",
    "unencoded",
]

FileContent = bytes | IO[bytes] | tuple[str | None, bytes | IO[bytes], str | None]
"""A multipart file: its bytes (or a binary file), or (file name, bytes, Content-Type)."""

_Model = TypeVar("_Model", bound=BaseModel)
# What Postman leaves unencoded in a path segment, besides letters and digits.
_PATH_SAFE = "/!$&'()*+,;=:@-._~"
_UNENCODED_SAFE = "".join(chr(c) for c in range(0x21, 0x7F) if chr(c) not in "?#")


def _text(value: object) -> str:
    """A value as it goes on the wire: booleans as JSON spells them."""
    if isinstance(value, bool):
        return "true" if value else "false"
    return str(value)


def path(value: object) -> str:
    """A path argument, percent-encoded as Postman encodes it (a "/" stays a "/")."""
    return quote(_text(value), safe=_PATH_SAFE)


def unencoded(value: object) -> str:
    """A path argument of a request Postman sends unencoded (``disableUrlEncoding``): as
    given, but for what HTTP cannot carry and what would end the path (``?``, ``#``)."""
    return quote(_text(value), safe=_UNENCODED_SAFE)


def pairs(*items: tuple[str, object]) -> list[tuple[str, str]]:
    """Query parameters or headers in order: None is left out, a sequence repeats its key."""
    out: list[tuple[str, str]] = []
    for key, value in items:
        if value is None:
            continue
        if isinstance(value, Sequence) and not isinstance(value, str | bytes):
            out.extend((key, _text(item)) for item in value)
        else:
            out.append((key, _text(value)))
    return out


def model_json(body: BaseModel) -> bytes:
    """A model as JSON by alias, with just the fields that were set (nothing invented)."""
    return body.model_dump_json(by_alias=True, exclude_unset=True).encode("utf-8")


def any_json(body: Any) -> bytes:
    """Any JSON value (models inside it included) as compact UTF-8 JSON."""
    return json.dumps(body, ensure_ascii=False, separators=(",", ":"), default=_jsonable).encode(
        "utf-8"
    )


def _jsonable(value: Any) -> Any:
    if isinstance(value, BaseModel):
        return value.model_dump(mode="json", by_alias=True, exclude_unset=True)
    raise TypeError(f"{type(value).__name__} is not JSON serializable")


def graphql(body: Mapping[str, Any] | str) -> bytes:
    """A GraphQL body: ``{"query": ..., "variables": ...}`` as JSON, or its text as given."""
    return body.encode("utf-8") if isinstance(body, str) else any_json(body)


def text(body: str) -> bytes:
    return body.encode("utf-8")


def form(body: Mapping[str, str] | Sequence[tuple[str, str]]) -> bytes:
    """An urlencoded form, keys in order (pairs may be tuples or lists)."""
    items = list(body.items()) if isinstance(body, Mapping) else [(k, v) for k, v in body]
    return urlencode(items).encode("ascii")


def multipart(
    fields: Mapping[str, str], parts: Mapping[str, FileContent] | None
) -> list[tuple[str, tuple[str | None, bytes, str | None]]]:
    """A multipart/form-data body: the text fields, then the files. Always multipart, even
    without files (httpx would send text fields alone urlencoded)."""
    texts = [(name, (None, value.encode("utf-8"), None)) for name, value in fields.items()]
    return texts + (files(parts) or [])


def files(
    parts: Mapping[str, FileContent] | None,
) -> list[tuple[str, tuple[str | None, bytes, str | None]]] | None:
    """Multipart files as (field, (file name, bytes, Content-Type)); files are read now, so
    that a retry sends the same bytes."""
    if parts is None:
        return None
    out: list[tuple[str, tuple[str | None, bytes, str | None]]] = []
    for field, part in parts.items():
        name, content, content_type = part if isinstance(part, tuple) else (None, part, None)
        if not isinstance(content, bytes):
            if name is None:
                name = getattr(content, "name", None)
            content = content.read()
        out.append((field, (name, content, content_type)))
    return out


def parse(model: type[_Model], response: httpx.Response) -> _Model:
    """The response body as ``model``."""
    return model.model_validate_json(response.content)


def decode(response: httpx.Response) -> Any:
    """An undocumented body: JSON when it parses, else text; None when empty."""
    if not response.content:
        return None
    try:
        return response.json()
    except ValueError:
        return response.text


def expand(template: str, **values: object) -> str:
    """A path from its template: each ``{name}`` becomes that value, percent-encoded."""
    return template.format_map({name: path(value) for name, value in values.items()})


def expand_unencoded(template: str, **values: object) -> str:
    """``expand`` for a request Postman sends unencoded: each value as ``unencoded`` makes it."""
    return template.format_map({name: unencoded(value) for name, value in values.items()})


def fill(template: str, variables: Mapping[str, str]) -> str:
    """``template`` with each ``{{name}}`` replaced by its env var ("" if one is unset)."""
    text = template
    for name, env_var in variables.items():
        value = os.environ.get(env_var)
        if value is None:
            return ""
        text = text.replace("{{" + name + "}}", value)
    return text
