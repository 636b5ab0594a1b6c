"""Example bodies -> decoded JSON samples per place; warnings for bodies that are not JSON.

A place is an operation's raw request body, or its example responses of one status code
(``"default"`` for an example saved without a code). Whether a body is JSON is decided by
what was declared, most specific first: the Content-Type header (what the server sees),
then Postman's language (``options.raw.language``, ``_postman_previewlanguage``); with
neither, a body is JSON when it decodes as JSON.

Postman bodies are templates. Comments are stripped as Postman strips them, and a bare
``{{variable}}`` where a value belongs (``"version": {{version}}``) is read as a value of
unknown type (see ``infer.PLACEHOLDER``) instead of failing the whole body. Empty bodies
are no samples and no problem; everything else that does not decode is reported as a
warning at the body's JSON pointer, and the operation then sends or returns text.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any, Final

from generator.errors import Level, Problem
from generator.model.operation import BodyMode, Collection, Operation, Param
from generator.parser.infer import PLACEHOLDER
from generator.pointer import join
from generator.postman.json_comments import strip_json_comments

__all__ = [
    "REQUEST",
    "Bodies",
    "Place",
    "Sample",
    "bodies",
    "collect_places",
    "decode_json",
    "samples_by_status",
]

REQUEST: Final = "request"
"""The ``status`` of a request-body place (response places hold a status code string)."""

_JSON_TYPE: Final = re.compile(r"\s*[\w.+-]+/(?:[\w.+-]+\+)?json\s*(?:;.*)?", re.ASCII | re.I)


@dataclass(frozen=True, slots=True)
class Sample:
    """One decoded body and the JSON pointer of the body text in the collection."""

    value: Any
    pointer: str


@dataclass(frozen=True, slots=True)
class Place:
    """The JSON samples of one body role of one operation (request, or a response status)."""

    operation: Operation
    status: str
    samples: tuple[Sample, ...]

    @property
    def is_request(self) -> bool:
        return self.status == REQUEST


class _NotJson(Exception):
    """A body that is not JSON: the message says why."""


def _reject_constant(name: str) -> Any:
    raise ValueError(f"{name} is not JSON")


def _fill_placeholders(text: str) -> str:
    """Replace each ``{{...}}`` outside JSON strings with a PLACEHOLDER string."""
    out: list[str] = []
    i = 0
    in_string = False
    while i < len(text):
        ch = text[i]
        if in_string:
            if ch == "\\":
                out.append(text[i : i + 2])
                i += 2
                continue
            in_string = ch != '"'
        elif ch == '"':
            in_string = True
        elif text.startswith("{{", i) and (end := text.find("}}", i + 2)) != -1:
            out.append(json.dumps(PLACEHOLDER + text[i + 2 : end]))
            i = end + 2
            continue
        out.append(ch)
        i += 1
    return "".join(out)


def _loads(text: str) -> Any:
    try:
        return json.loads(text, parse_constant=_reject_constant)
    except RecursionError:
        raise ValueError("nested too deeply to decode") from None


def decode_json(text: str) -> Any:
    """Decode a body written as JSON (comments and ``{{variables}}`` allowed); ValueError else.

    Nesting too deep for the decoder is a ValueError too.
    """
    try:
        return _loads(text)
    except ValueError:
        templated = text
        if "//" in templated or "/*" in templated:
            templated = strip_json_comments(templated)
        if "{{" in templated:
            templated = _fill_placeholders(templated)
        if templated == text:
            raise
    # Now a failure reports the templated text's error: the first is usually at a placeholder.
    return _loads(templated)


def _declared_json(content_type: str | None, language: str | None) -> bool | None:
    """True/False when the body says whether it is JSON, None when it says nothing."""
    if content_type and "{{" not in content_type:
        return bool(_JSON_TYPE.fullmatch(content_type))
    if language:
        return language.lower() == "json"
    return None


def _content_type(headers: Iterable[Param]) -> str | None:
    for header in headers:
        if not header.disabled and header.key.strip().lower() == "content-type":
            return header.value
    return None


def _decode_body(text: str, content_type: str | None, language: str | None) -> Any:
    """The decoded body; raises _NotJson with the reason when it is no JSON."""
    declared = _declared_json(content_type, language)
    if declared is False:
        raise _NotJson(f"it is {content_type or language}, not JSON")
    try:
        return decode_json(text)
    except ValueError as error:
        if declared is None and not text.lstrip().startswith(("{", "[")):
            raise _NotJson("it is text, not JSON") from None
        raise _NotJson(f"it is not valid JSON ({error})") from None


def _sample(
    text: str | None,
    content_type: str | None,
    language: str | None,
    pointer: str,
    what: str,
    context: _Context,
) -> Sample | None:
    if text is None or not text.strip():
        return None
    try:
        return Sample(_decode_body(text, content_type, language), pointer)
    except _NotJson as why:
        context.warn(pointer, f"{what}: no model, since {why}")
        return None


@dataclass(frozen=True, slots=True)
class _Context:
    file: str
    problems: list[Problem]

    def warn(self, pointer: str, message: str) -> None:
        self.problems.append(Problem(self.file, pointer, message, Level.WARNING))


def _status_order(status: str) -> tuple[int, str]:
    return (int(status), "") if status.isdigit() else (1000, status)


Body = tuple[str | None, str | None, str | None, str]
"""A body as collect_places reads it: text, Content-Type, Postman's language, pointer."""
Bodies = tuple[Body | None, tuple[tuple[str, Body], ...]]
"""What collect_places reads of one operation: its request body (None when it sends no raw
one) and its example responses' (status, body); plain tuples, so they hash fast."""


def bodies(op: Operation) -> Bodies:
    """The part of an operation its places come from (a key of the models memo)."""
    body = op.body
    request = None
    if body is not None and body.mode is BodyMode.RAW and not body.disabled:
        request = (body.raw, _content_type(op.headers), body.language, join(body.pointer, "raw"))
    return request, tuple(
        (
            "default" if example.status is None else str(example.status),
            (
                example.body,
                _content_type(example.headers),
                example.language,
                join(example.pointer, "body"),
            ),
        )
        for example in op.examples
    )


def samples_by_status(
    of: Bodies, file: str, problems: list[Problem]
) -> list[tuple[str, tuple[Sample, ...]]]:
    """An operation's places as (status, samples): its request body's first, then its
    responses' by status; warnings for bodies that are not JSON into ``problems``."""
    context = _Context(file, problems)
    request, examples = of
    found: list[tuple[str, tuple[Sample, ...]]] = []
    if request is not None:
        sample = _sample(*request, "request body", context)
        if sample is not None:
            found.append((REQUEST, (sample,)))
    by_status: dict[str, list[Sample]] = {}
    for status, body in examples:
        sample = _sample(*body, f"example response body ({status})", context)
        if sample is not None:
            by_status.setdefault(status, []).append(sample)
    # By status, not example order: reordering a request's examples renames nothing.
    for status in sorted(by_status, key=_status_order):
        found.append((status, tuple(by_status[status])))
    return found


def collect_places(collection: Collection) -> tuple[tuple[Place, ...], tuple[Problem, ...]]:
    """Every place with at least one JSON sample, in collection order; warnings for the rest."""
    problems: list[Problem] = []
    places = [
        Place(op, status, samples)
        for op in collection.operations
        for status, samples in samples_by_status(bodies(op), collection.file, problems)
    ]
    return tuple(places), tuple(problems)
