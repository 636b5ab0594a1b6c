"""Inference rules (samples -> JSON Schema) and which bodies count as JSON samples."""

from __future__ import annotations

import json
from typing import Any

import pytest
from postman_factory import collection, example, request

from generator.errors import Level
from generator.parser.infer import MAX_DEPTH, PLACEHOLDER, infer_schema, string_format
from generator.parser.samples import collect_places, decode_json


def schema(*samples: Any) -> dict[str, Any]:
    return infer_schema(samples).schema


# -- merging samples ------------------------------------------------------------------------


def test_key_absent_from_some_samples_is_not_required() -> None:
    assert schema({"a": 1, "b": 2}, {"a": 3}) == {
        "type": "object",
        "properties": {"a": {"type": "integer"}, "b": {"type": "integer"}},
        "required": ["a"],
    }


def test_null_makes_a_value_nullable_but_not_optional() -> None:
    result = schema({"a": None}, {"a": "x"})
    assert result["properties"]["a"] == {"anyOf": [{"type": "string"}, {"type": "null"}]}
    assert result["required"] == ["a"]


def test_only_null_is_null() -> None:
    assert schema({"a": None})["properties"]["a"] == {"type": "null"}


def test_int_and_float_widen_to_number() -> None:
    assert schema(1, 2.5) == {"type": "number"}
    assert schema(1, 2) == {"type": "integer"}
    assert schema(1.0) == {"type": "number"}


def test_int_beyond_float_precision_stays_apart_from_float() -> None:
    # float(2**53 + 1) would lose the last digit: keep int and float as a union instead.
    assert schema(2**53 + 1, 0.5) == {"anyOf": [{"type": "integer"}, {"type": "number"}]}


def test_bool_is_never_widened_to_a_number() -> None:
    assert schema(True, 1) == {"anyOf": [{"type": "integer"}, {"type": "boolean"}]}
    assert schema(False, 1.5) == {"anyOf": [{"type": "number"}, {"type": "boolean"}]}


def test_mixed_kinds_become_a_union() -> None:
    assert schema("x", 1, [1], {"k": 1}, None) == {
        "anyOf": [
            {"type": "object", "properties": {"k": {"type": "integer"}}, "required": ["k"]},
            {"type": "array", "items": {"type": "integer"}},
            {"type": "string"},
            {"type": "integer"},
            {"type": "null"},
        ]
    }


def test_empty_array_only_is_a_list_of_anything() -> None:
    assert schema([], []) == {"type": "array", "items": {}}
    assert schema([], [1]) == {"type": "array", "items": {"type": "integer"}}


def test_empty_object_only_is_a_dict_of_anything() -> None:
    assert schema({}, {}) == {"type": "object"}
    assert schema({}, {"a": 1}) == {
        "type": "object",
        "properties": {"a": {"type": "integer"}},
        "required": [],
    }


def test_nested_objects_and_array_items_merge_across_samples() -> None:
    result = schema(
        {"owner": {"id": 1}, "tags": [{"name": "a"}, {"name": "b", "color": "red"}]},
        {"owner": {"id": 2, "login": "x"}, "tags": []},
    )
    owner = result["properties"]["owner"]
    assert owner["required"] == ["id"]
    assert set(owner["properties"]) == {"id", "login"}
    tag = result["properties"]["tags"]["items"]
    assert tag["required"] == ["name"]
    assert tag["properties"]["color"] == {"type": "string"}


def test_no_samples_give_anything() -> None:
    assert schema() == {}


# -- string formats -------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("2020-01-01T10:20:30Z", "date-time"),
        ("2020-01-01T10:20:30.123456+05:30", "date-time"),
        ("2020-01-01T10:20:30", "date-time"),
        ("2020-01-01T10:20:30.123456789Z", None),  # pydantic keeps microseconds only
        ("2020-01-01 10:20:30", None),  # would be sent back with a "T"
        ("2020-01-01T10:20:30+0000", None),  # would be sent back as "Z"
        ("2020-02-30T10:20:30Z", None),
        ("2020-01-01T24:00:00Z", None),
        ("2020-01-01", "date"),
        ("2020-13-01", None),
        ("0000-01-01", None),
        ("123e4567-e89b-12d3-a456-426614174000", "uuid"),
        ("123E4567-E89B-12D3-A456-426614174000", None),  # pydantic dumps lower case
        ("hello", None),
        ("", None),
    ],
)
def test_string_formats(text: str, expected: str | None) -> None:
    assert string_format(text) == expected


def test_a_format_holds_only_when_every_sample_has_it() -> None:
    assert schema("2020-01-01T00:00:00Z", "2021-01-01T00:00:00Z") == {
        "type": "string",
        "format": "date-time",
    }
    assert schema("2020-01-01T00:00:00Z", "not a date") == {"type": "string"}
    assert schema("2020-01-01T00:00:00Z", "2020-01-01") == {"type": "string"}
    assert schema({"at": "2020-01-01"}, {"at": None}) == {
        "type": "object",
        "properties": {"at": {"anyOf": [{"type": "string", "format": "date"}, {"type": "null"}]}},
        "required": ["at"],
    }


# -- placeholders and depth -----------------------------------------------------------------


def test_placeholders_add_no_evidence() -> None:
    unknown = PLACEHOLDER + "version"
    assert schema({"v": unknown}) == {
        "type": "object",
        "properties": {"v": {}},
        "required": ["v"],
    }
    assert schema({"v": unknown}, {"v": 3})["properties"]["v"] == {"type": "integer"}


def nested(depth: int) -> Any:
    value: Any = 1
    for i in range(depth):
        value = {"k": value} if i % 2 else [value]
    return value


def test_deep_nesting_is_cut_to_any_without_recursion_error() -> None:
    inferred = infer_schema([{"shallow": 1}, nested(600)])
    assert inferred.truncated == (1,)
    level = inferred.schema
    depth = 0
    while level:
        level = level.get("items") or level.get("properties", {}).get("k") or {}
        depth += 1
    assert depth == MAX_DEPTH + 1
    assert not infer_schema([nested(MAX_DEPTH)]).truncated


# -- which bodies are JSON samples ----------------------------------------------------------


def test_decode_json_reads_postman_templates() -> None:
    text = '{\n  // comment\n  "v": {{version}}, "s": "{{x}}", "n": [{{a}}, 1] /* c */\n}'
    assert decode_json(text) == {
        "v": PLACEHOLDER + "version",
        "s": "{{x}}",
        "n": [PLACEHOLDER + "a", 1],
    }
    assert decode_json('"a \\" {{b}}"') == 'a " {{b}}'
    with pytest.raises(ValueError, match="line 1"):
        decode_json('{"a": 1,}')
    with pytest.raises(ValueError):
        decode_json("NaN")


def test_decode_json_refuses_nesting_beyond_the_decoder() -> None:
    with pytest.raises(ValueError, match="nested too deeply"):
        decode_json("[" * 100_000 + "]" * 100_000)


def _places(*items: dict[str, Any]) -> tuple[list[tuple[str, list[Any]]], list[tuple[str, str]]]:
    places, problems = collect_places(collection(*items))
    assert all(p.level is Level.WARNING for p in problems)
    return (
        [(place.status, [s.value for s in place.samples]) for place in places],
        [(p.pointer, p.message) for p in problems],
    )


def test_places_group_response_bodies_by_status_in_status_order() -> None:
    item = request(
        "Get",
        body={"q": 1},
        examples=(
            example(404, {"error": "x"}),
            example(200, {"id": 1}),
            example(None, {"e": 1}),
            example(200, {"id": 2}),
            example(204, ""),
        ),
    )
    places, problems = _places(item)
    assert places == [
        ("request", [{"q": 1}]),
        ("200", [{"id": 1}, {"id": 2}]),
        ("404", [{"error": "x"}]),
        ("default", [{"e": 1}]),
    ]
    assert problems == []


def test_bodies_that_are_not_json_are_warned_about_at_their_pointer() -> None:
    items = (
        request("Xml", "POST", body="<a/>", language="xml"),
        request("Text", "POST", body="hello there"),
        request("Broken", "POST", body='{"a": 1,,}'),
        request("Declared", "POST", body='{"a": 1}', headers=(("Content-Type", "text/csv"),)),
        request("Html", examples=(example(200, "<p>x</p>", _postman_previewlanguage="html"),)),
    )
    places, problems = _places(*items)
    assert places == []
    assert problems == [
        ("/item/0/request/body/raw", "request body: no model, since it is xml, not JSON"),
        ("/item/1/request/body/raw", "request body: no model, since it is text, not JSON"),
        (
            "/item/2/request/body/raw",
            "request body: no model, since it is not valid JSON "
            "(Expecting property name enclosed in double quotes: line 1 column 9 (char 8))",
        ),
        ("/item/3/request/body/raw", "request body: no model, since it is text/csv, not JSON"),
        (
            "/item/4/response/0/body",
            "example response body (200): no model, since it is html, not JSON",
        ),
    ]


def test_content_type_header_wins_over_the_language() -> None:
    saved = example(
        200,
        {"a": 1},
        _postman_previewlanguage="text",
        header=[{"key": "Content-Type", "value": "application/problem+json; charset=utf-8"}],
    )
    body = request(
        "B", "POST", body="[1]", language="text", headers=(("content-type", "application/json"),)
    )
    places, problems = _places({**body, "response": [saved]})
    assert places == [("request", [[1]]), ("200", [{"a": 1}])]
    assert problems == []


def test_undeclared_json_is_json_and_bare_placeholders_are_values() -> None:
    places, _ = _places(request("P", "POST", body='{"version": {{v}}, "id": 3}'))
    assert places == [("request", [{"version": PLACEHOLDER + "v", "id": 3}])]


def test_too_deep_to_decode_is_a_warning() -> None:
    text = json.dumps(nested(10)).replace("1", "[" * 5000 + "]" * 5000)
    places, problems = _places(request("Deep", "POST", body=text))
    assert places == []
    assert problems == [
        (
            "/item/0/request/body/raw",
            "request body: no model, since it is not valid JSON (nested too deeply to decode)",
        )
    ]
