"""JSON Schema -> ModelSpec: types, field names, structural dedupe and model names."""

from __future__ import annotations

from typing import Any

import pydantic
import pytest
from postman_factory import collection, example, folder, request

from generator.model.naming import ClassName
from generator.model.types import (
    DictOf,
    FieldSpec,
    ListOf,
    ModelRef,
    ModelSet,
    Primitive,
    Scalar,
    UnionOf,
)
from generator.parser.models import PYDANTIC_ATTRIBUTES, build_models, field_names

STR = Scalar(Primitive.STR)
INT = Scalar(Primitive.INT)
NONE = Scalar(Primitive.NONE)
ANY = Scalar(Primitive.ANY)


def models(*items: dict[str, Any]) -> ModelSet:
    model_set, _ = build_models(collection(*items))
    return model_set


def names(*items: dict[str, Any]) -> list[str]:
    return [spec.name for spec in models(*items).models]


def fields(model_set: ModelSet, name: str) -> dict[str, FieldSpec]:
    return {f.alias: f for f in model_set.model(name).fields}


# -- field names ----------------------------------------------------------------------------


def test_field_names_are_snake_case_with_keys_as_aliases() -> None:
    assert field_names(["sizeInGBs", "displayName", "id", "class", "type", "plain"]) == (
        "size_in_gbs",
        "display_name",
        "id_",
        "class_",
        "type_",
        "plain",
    )


def test_pydantic_attributes_are_escaped() -> None:
    keys = ["model_config", "json", "schema", "copy", "dict", "fields", "validate", "construct"]
    assert field_names(keys) == tuple(f"{key}_" for key in keys)
    assert field_names(["date", "datetime"]) == ("date_", "datetime_")  # the imported types


def test_reserved_pydantic_attributes_cover_the_installed_pydantic() -> None:
    public = {name for name in dir(pydantic.BaseModel) if not name.startswith("_")}
    assert public <= PYDANTIC_ATTRIBUTES


def test_keys_differing_in_case_or_punctuation_get_unique_names() -> None:
    assert field_names(["Name", "name", "NAME"]) == ("name_2", "name", "name_3")
    assert field_names(["a.b", "a-b", "a b", "a_b"]) == ("a_b_2", "a_b_3", "a_b_4", "a_b")
    assert field_names(["", "$", "日本", "2fa"]) == ("field", "field_2", "field_3", "n2fa")


def test_no_field_name_is_another_fields_key() -> None:
    # With populate_by_name, an input key equal to another field's name would fill it too.
    assert field_names(["fooBar", "foo_bar"]) == ("foo_bar_2", "foo_bar")
    assert field_names(["fooBar", "foo_bar_2", "Foo Bar"]) == ("foo_bar", "foo_bar_2", "foo_bar_3")
    assert field_names(["a-b", "a_b_2"]) == ("a_b", "a_b_2")
    assert field_names(["A", "a_2", "a"]) == ("a_3", "a_2", "a")


# -- types ----------------------------------------------------------------------------------


def test_types_and_optionality() -> None:
    item = request(
        "Get",
        examples=(
            example(200, {"a": 1, "b": None, "c": [], "d": {}, "e": "x", "f": 1.5, "t": True}),
            example(200, {"a": 2, "b": "y", "c": [], "d": {}, "f": 2}),
        ),
    )
    got = fields(models(item), "GetResponse")
    assert got["a"] == FieldSpec("a", "a", INT, True)  # type: ignore[arg-type]
    assert got["b"].type == UnionOf((STR, NONE))
    assert got["b"].required
    assert got["c"].type == ListOf(ANY)
    assert got["d"].type == DictOf(ANY)
    assert not got["e"].required
    assert got["f"].type == Scalar(Primitive.FLOAT)
    assert got["t"].type == Scalar(Primitive.BOOL)
    assert not got["t"].required


def test_unions_are_in_canonical_order_with_none_last() -> None:
    item = request("Get", examples=(example(200, [None, "x", 1, {"k": 1}, [2], True]),))
    root = models(item).model("GetResponse").root
    assert root == ListOf(
        UnionOf(
            (
                ModelRef(ClassName("GetResponseItem")),
                ListOf(INT),
                Scalar(Primitive.BOOL),
                INT,
                STR,
                NONE,
            )
        )
    )


def test_top_level_arrays_and_scalars_are_root_models() -> None:
    item = request("Count", examples=(example(200, 3), example(201, '"x"'), example(202, [1])))
    model_set = models(item)
    assert [(m.name, m.root) for m in model_set.models] == [
        ("CountResponse", INT),
        ("Count201Response", STR),
        ("Count202Response", ListOf(INT)),
    ]


# -- model names ----------------------------------------------------------------------------


def test_request_and_response_names_come_from_the_operation() -> None:
    item = request(
        "Search things",
        "POST",
        "/search",
        body={"q": "x"},
        examples=(example(200, {"hits": 1}), example(202, {"queued": True})),
    )
    model_set = models(item)
    assert [m.name for m in model_set.models] == [
        "SearchThingsRequest",
        "SearchThingsResponse",
        "SearchThings202Response",
    ]
    assigned = model_set.for_operation("/item/0")
    assert assigned is not None
    assert assigned.request == "SearchThingsRequest"
    assert assigned.response_map() == {
        "200": "SearchThingsResponse",
        "202": "SearchThings202Response",
    }


@pytest.mark.parametrize(
    ("method", "path", "body", "expected"),
    [
        ("GET", "/bootVolumeBackups/:id", {"id": "x"}, ["BootVolumeBackup"]),
        ("GET", "/v1/users/{{userId}}", {"id": "x"}, ["User"]),
        ("POST", "/bootVolumeBackups", {"id": "x"}, ["BootVolumeBackup"]),
        ("PUT", "/policies", {"id": "x"}, ["Policy"]),
        ("GET", "/bootVolumeBackups", [{"id": "x"}], ["BootVolumeBackup", "BootVolumeBackupList"]),
        # A wrapper object from a collection path is not the resource.
        ("GET", "/search/repositories", {"total": 1}, ["OpResponse"]),
        # Not a plural noun, or too many ids after it, or an action: no resource.
        ("GET", "/status", {"ok": True}, ["OpResponse"]),
        ("GET", "/repos/:owner/:repo", {"id": 1}, ["OpResponse"]),
        ("POST", "/users/:id/actions/resend", {"id": 1}, ["OpResponse"]),
        ("GET", "/users", ["x"], ["OpResponse"]),
    ],
)
def test_response_names_come_from_the_resource_when_clear(
    method: str, path: str, body: Any, expected: list[str]
) -> None:
    assert names(request("Op", method, path, examples=(example(200, body),))) == expected


def test_nested_objects_and_array_items() -> None:
    body = {
        "owner": {"login": "x"},
        "addresses": [{"city": "y"}],
        "data": [{"v": 1}],
        "tags": [[{"n": 1}]],
    }
    assert names(request("Get", "/thing", examples=(example(200, body),))) == [
        "GetResponseOwner",
        "GetResponseAddress",
        "GetResponseDataItem",
        "GetResponseTag",
        "GetResponse",
    ]


def test_shared_error_bodies_are_one_error_model() -> None:
    error = {"code": "x", "message": "y"}
    items = [
        request(f"Op{i}", examples=(example(200, {f"ok{i}": 1}), example(status, error)))
        for i, status in enumerate((400, 404, 500))
    ]
    model_set = models(*items)
    assert "Error" in [m.name for m in model_set.models]
    for i, status in enumerate((400, 404, 500)):
        entry = model_set.for_operation(f"/item/{i}")
        assert entry is not None
        assert entry.response_map()[str(status)] == "Error"


def test_an_error_body_of_one_operation_is_named_after_it() -> None:
    item = request("Op", examples=(example(404, {"e": 1}), example(409, {"e": 1})))
    assert names(item) == ["Op404Error"]


def test_identical_structures_are_one_model_named_by_the_first() -> None:
    model_set = models(
        request("Create", "POST", "/x", body={"a": 1, "b": "x"}),
        request("Update", "PUT", "/x/1", body={"b": "y", "a": 2}),
        request("Other", "POST", "/y", body={"a": 1}),
    )
    assert [m.name for m in model_set.models] == ["CreateRequest", "OtherRequest"]
    entry = model_set.for_operation("/item/1")
    assert entry is not None
    assert entry.request == "CreateRequest"


def test_collisions_take_the_folder_path_then_a_counter() -> None:
    items = [
        folder("Users", request("List", examples=(example(200, {"u": 1}),))),
        folder("Orders", request("List", examples=(example(200, {"o": 1}),))),
        request("List", examples=(example(200, {"x": 1}),)),
        folder("Admin", request("List", examples=(example(200, {"z": 1}),))),
    ]
    assert names(*items) == [
        "ListResponse",
        "OrdersListResponse",
        "ListResponse2",
        "AdminListResponse",
    ]


def test_class_names_avoid_the_imported_names() -> None:
    assert names(request("Field", examples=(example(200, 1),))) == ["FieldResponse"]
    item = request("Op", "GET", "/fields/:id", examples=(example(200, {"a": 1}),))
    assert names(item) == ["Field_"]


def test_adding_unrelated_requests_renames_nothing() -> None:
    base = [
        request("Get thing", "GET", "/things/:id", examples=(example(200, {"id": 1}),)),
        request("Make", "POST", "/make", body={"n": {"deep": 1}}),
    ]
    unrelated = request("Ping", "GET", "/ping", body={"p": 1}, examples=(example(200, [1]),))
    before = names(*base)
    assert set(before) <= set(names(unrelated, *base))
    assert set(before) <= set(names(*base, unrelated))
    assert names(*base) == before  # deterministic


def test_models_are_defined_before_use() -> None:
    item = request("Get", examples=(example(200, {"a": {"b": {"c": {}}}, "d": [{"e": 1}]}),))
    assert names(item) == ["GetResponseAB", "GetResponseA", "GetResponseDItem", "GetResponse"]


def test_deep_bodies_are_cut_with_a_warning() -> None:
    value: Any = 1
    for _ in range(300):
        value = {"k": value}
    model_set, problems = build_models(collection(request("Deep", "POST", body=value)))
    assert len(model_set.models) == 33
    assert [p.pointer for p in problems] == ["/item/0/request/body/raw"]
    assert "deeper than 32 levels" in problems[0].message
