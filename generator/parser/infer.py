"""Inference: the JSON samples of one place -> one JSON Schema (our rules, genson's role).

A *place* is where bodies of one meaning appear: an operation's request body, or its
response bodies of one status code. All samples of a place are merged into one schema:

* a key absent from some object samples is not ``required`` (the model makes it optional);
* ``null`` adds ``{"type": "null"}`` (the model makes it ``| None``);
* integers and floats together are ``number`` (``float``), unless an integer beyond 2**53
  was seen, which a float cannot hold: then ``integer`` and ``number`` stay apart (a union);
* booleans are never widened to numbers; other mixed kinds become ``anyOf`` (a union);
* ``[]`` only gives ``{"type": "array", "items": {}}`` (``list[Any]``); ``{}`` only gives
  ``{"type": "object"}`` with no ``properties`` (``dict[str, Any]``);
* strings get ``format`` ``date-time``, ``date`` or ``uuid`` only when *every* string sample
  of the place has that format (so a disagreeing later sample widens the type to ``str``),
  and only in spellings pydantic parses and dumps back as the same value (RFC 3339 with a
  ``T``, at most microseconds; lower-case UUIDs), so that no data is lost.

A string starting with :data:`PLACEHOLDER` stands for a ``{{variable}}`` written where a
JSON value belongs: its type is unknown, so it adds no evidence (alone it gives ``{}``,
``Any``). Values nested deeper than :data:`MAX_DEPTH` are not looked into: the location
becomes ``{}`` (``Any``, which keeps any data), and the sample is reported as truncated.
The result only uses ``type``, ``properties``, ``required``, ``items``, ``format`` and
``anyOf``, so ``generator/parser/models.py`` can read real JSON Schemas the same way.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Any, Final

__all__ = ["MAX_DEPTH", "PLACEHOLDER", "Inferred", "infer_schema", "string_format"]

MAX_DEPTH: Final = 32
"""Containers nested deeper than this are typed Any (bounds recursion everywhere after)."""

PLACEHOLDER: Final = "\ue000postgen:placeholder\ue000"
"""Prefix of the string that stands in for a ``{{variable}}`` JSON value (private-use marks)."""

# The largest magnitude every integer up to which a float (IEEE double) holds exactly.
_EXACT_FLOAT_INTEGERS: Final = 2**53

_DATETIME: Final = re.compile(
    r"\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(?:\.\d{1,6})?(?:Z|[+-]\d{2}:\d{2})?", re.ASCII
)
_DATE: Final = re.compile(r"\d{4}-\d{2}-\d{2}", re.ASCII)
_UUID: Final = re.compile(r"[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}")


def string_format(text: str) -> str | None:
    """``date-time``, ``date`` or ``uuid`` when ``text`` is one, exactly as pydantic dumps it."""
    if _DATETIME.fullmatch(text):
        try:
            datetime.fromisoformat(text)  # rejects 2020-02-30, hour 24, year 0
        except ValueError:
            return None
        return "date-time"
    if _DATE.fullmatch(text):
        try:
            date.fromisoformat(text)
        except ValueError:
            return None
        return "date"
    if _UUID.fullmatch(text):
        return "uuid"
    return None


@dataclass(slots=True)
class _Location:
    """What the samples at one location of a place held: mutable only while merging."""

    capped: bool = False
    null: bool = False
    boolean: bool = False
    integer: bool = False
    big_integer: bool = False
    number: bool = False
    string: bool = False
    formats: set[str | None] = field(default_factory=set)
    array: bool = False
    items: _Location | None = None
    objects: int = 0
    properties: dict[str, _Location] = field(default_factory=dict)
    present: dict[str, int] = field(default_factory=dict)

    def add(self, value: Any, depth: int) -> bool:
        """Merge one value found ``depth`` containers deep; True when it was cut at MAX_DEPTH."""
        if isinstance(value, str) and value.startswith(PLACEHOLDER):
            return False
        if depth > MAX_DEPTH:
            self.capped = True
            return True
        if value is None:
            self.null = True
        elif isinstance(value, bool):  # before int: bool is an int subclass
            self.boolean = True
        elif isinstance(value, int):
            self.integer = True
            self.big_integer |= abs(value) > _EXACT_FLOAT_INTEGERS
        elif isinstance(value, float):
            self.number = True
        elif isinstance(value, str):
            self.string = True
            self.formats.add(string_format(value))
        elif isinstance(value, list):
            return self._add_array(value, depth)
        elif isinstance(value, dict):
            return self._add_object(value, depth)
        return False

    def _add_array(self, values: list[Any], depth: int) -> bool:
        self.array = True
        cut = False
        for item in values:
            if self.items is None:
                self.items = _Location()
            cut |= self.items.add(item, depth + 1)
        return cut

    def _add_object(self, values: dict[str, Any], depth: int) -> bool:
        self.objects += 1
        cut = False
        for key, item in values.items():
            if key.startswith(PLACEHOLDER):  # a {{variable}} key: which field is unknown
                continue
            self.present[key] = self.present.get(key, 0) + 1
            cut |= self.properties.setdefault(key, _Location()).add(item, depth + 1)
        return cut

    def schema(self) -> dict[str, Any]:
        """The JSON Schema of everything merged here (see the module docstring)."""
        if self.capped:
            return {}
        options: list[dict[str, Any]] = []
        if self.objects:
            options.append(self._object_schema())
        if self.array:
            options.append({"type": "array", "items": self.items.schema() if self.items else {}})
        if self.string:
            only = next(iter(self.formats)) if len(self.formats) == 1 else None
            options.append({"type": "string", "format": only} if only else {"type": "string"})
        if self.integer and self.number and not self.big_integer:
            options.append({"type": "number"})
        else:
            if self.integer:
                options.append({"type": "integer"})
            if self.number:
                options.append({"type": "number"})
        if self.boolean:
            options.append({"type": "boolean"})
        if self.null:
            options.append({"type": "null"})
        if len(options) > 1:
            return {"anyOf": options}
        return options[0] if options else {}

    def _object_schema(self) -> dict[str, Any]:
        if not self.properties:
            return {"type": "object"}
        return {
            "type": "object",
            "properties": {key: loc.schema() for key, loc in self.properties.items()},
            "required": [key for key, n in self.present.items() if n == self.objects],
        }


@dataclass(frozen=True, slots=True)
class Inferred:
    """The merged schema of one place, and which samples (by index) were cut at MAX_DEPTH."""

    schema: dict[str, Any]
    truncated: tuple[int, ...] = ()


def infer_schema(samples: Iterable[Any]) -> Inferred:
    """Merge decoded JSON values (all samples of one place) into one JSON Schema."""
    root = _Location()
    truncated = tuple(i for i, sample in enumerate(samples) if root.add(sample, 0))
    return Inferred(root.schema(), truncated)
