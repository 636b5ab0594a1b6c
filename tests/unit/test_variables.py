"""Variable resolution: precedence, nesting, dynamic variables, cycles."""

from __future__ import annotations

from generator.parser.items import parse_collection
from generator.postman.variables import Scope, find_cycles, substitute


def test_environment_wins_over_collection() -> None:
    scope = Scope([{"host": "env.example"}, {"host": "coll.example", "port": "8080"}])
    assert substitute("https://{{host}}:{{port}}/", scope) == "https://env.example:8080/"


def test_nested_references_resolve() -> None:
    scope = Scope(
        [
            {},
            {
                "baseUrl": "https://{{host}}/v{{version}}",
                "host": "api.{{tld}}",
                "tld": "io",
                "version": "2",
            },
        ]
    )
    assert substitute("{{baseUrl}}/users", scope) == "https://api.io/v2/users"


def test_undefined_and_dynamic_stay_visible() -> None:
    scope = Scope([{"a": "1"}])
    assert substitute(
        "{{a}}-{{missing}}-{{$guid}}-{x}-{{ spaced }}", scope
    ) == "{{a}}-{{missing}}-{{$guid}}-{x}-{{ spaced }}".replace("{{a}}", "1")


def test_names_with_dots_and_dashes() -> None:
    scope = Scope([{"portal.mall": "http://mall", "tenancy-id": "ocid1.tenancy"}])
    assert substitute("{{portal.mall}}/t/{{tenancy-id}}", scope) == "http://mall/t/ocid1.tenancy"


def test_empty_and_null_values_replace_with_empty() -> None:
    scope = Scope([{"empty": "", "null": None}])
    assert substitute("[{{empty}}][{{null}}]", scope) == "[][]"


def test_cycle_terminates_like_postman() -> None:
    # Postman stops after 19 substitution passes; the text is left with a reference in it.
    scope = Scope([{"a": "x{{b}}", "b": "y{{a}}"}])
    result = substitute("{{a}}", scope)
    assert result.startswith("xyxy") and "{{" in result


def test_find_cycles_reports_each_once() -> None:
    values = {
        "a": "{{b}}",
        "b": "{{c}}",
        "c": "{{a}}",
        "self": "{{self}}",
        "ok": "{{a}}",
        "leaf": "v",
    }
    assert find_cycles(values) == [("a", "b", "c"), ("self",)]


def test_parser_warns_about_cycles_with_pointer() -> None:
    data = {
        "info": {"name": "c", "schema": "https://schema.getpostman.com/json/collection/v2.1.0/"},
        "item": [],
        "variable": [{"key": "a", "value": "{{b}}"}, {"key": "b", "value": "{{a}}"}],
    }
    _, problems = parse_collection("c.json", data, "2.1.0")
    cycle = "{{a}} -> {{b}} -> {{a}}"
    assert [str(p) for p in problems] == [
        f"c.json: /variable/0: warning: variables reference each other in a cycle: {cycle}"
    ]


def test_environment_overrides_and_last_enabled_collection_value_wins() -> None:
    from generator.parser.variables import scope_of

    data = {
        "info": {"name": "c", "schema": "https://schema.getpostman.com/json/collection/v2.1.0/"},
        "item": [],
        "variable": [
            {"key": "v", "value": "first"},
            {"key": "v", "value": "second"},
            {"key": "v", "value": "disabled", "disabled": True},
            {"key": "w", "value": "coll"},
        ],
    }
    collection, _ = parse_collection("c.json", data, "2.1.0")
    scope = scope_of(collection.variables, {"w": "env"})
    assert substitute("{{v}} {{w}}", scope) == "second env"
