"""The models module: exact text for small model sets, black-clean, importable, the seed."""

from __future__ import annotations

import ast
import importlib.util
import json
import os
import subprocess
import sys
from datetime import UTC, datetime
from pathlib import Path
from types import ModuleType

import black
from black.mode import TargetVersion
from conftest import ROOT
from json_compare import same
from postman_factory import collection, example, request

from generator.model.naming import ClassName, PyIdent
from generator.model.types import (
    DictOf,
    FieldSpec,
    ListOf,
    ModelRef,
    ModelSet,
    ModelSpec,
    Primitive,
    Scalar,
    UnionOf,
)
from generator.pipeline import load
from generator.render.imports import Import, Imports
from generator.render.literals import docstring
from generator.render.models import render_model_set, render_models, type_hint

SEED = ROOT / "collections" / "oci_core.postman_collection.json"
BLACK = black.Mode(target_versions={TargetVersion.PY311}, line_length=100)


def scalar(kind: Primitive) -> Scalar:
    return Scalar(kind)


def import_module(text: str, tmp_path: Path, name: str = "models_under_test") -> ModuleType:
    path = tmp_path / f"{name}.py"
    path.write_text(text)
    spec = importlib.util.spec_from_file_location(name, path)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[name] = module  # pydantic resolves annotations through sys.modules
    try:
        spec.loader.exec_module(module)
    finally:
        del sys.modules[name]
    return module


SMALL = ModelSet(
    models=(
        ModelSpec(
            ClassName("Owner"),
            "/item/0/response/0/body",
            fields=(FieldSpec(PyIdent("login"), "login", scalar(Primitive.STR), True),),
            description="The owner.",
        ),
        ModelSpec(
            ClassName("Thing"),
            "/item/0/response/0/body",
            fields=(
                FieldSpec(PyIdent("id_"), "id", scalar(Primitive.UUID), True),
                FieldSpec(PyIdent("size_in_gbs"), "sizeInGBs", scalar(Primitive.INT), False),
                FieldSpec(
                    PyIdent("at"),
                    "at",
                    UnionOf((scalar(Primitive.DATETIME), scalar(Primitive.NONE))),
                    True,
                ),
                FieldSpec(PyIdent("owner"), "owner", ModelRef(ClassName("Owner")), False),
                FieldSpec(PyIdent("extra"), "extra", scalar(Primitive.ANY), False),
                FieldSpec(PyIdent("tags"), "tags", DictOf(scalar(Primitive.ANY)), True),
            ),
            description='Response body (200) of "Get thing" (GET /things/:id).',
        ),
        ModelSpec(
            ClassName("ThingList"),
            "/item/1/response/0/body",
            root=ListOf(ModelRef(ClassName("Thing"))),
            description="Things.",
        ),
    )
)

SMALL_TEXT = '''\
"""Pydantic models of the shop API, inferred from example bodies."""

from datetime import datetime
from typing import Annotated, Any, TypeAlias
from uuid import UUID

from pydantic import (
    BaseModel,
    ConfigDict,
    Field,
    RootModel,
    SerializerFunctionWrapHandler,
    ValidatorFunctionWrapHandler,
    WrapSerializer,
    WrapValidator,
)

__all__: list[str] = [
    "Owner",
    "Thing",
    "ThingList",
]


class _Spelled(datetime):
    """A datetime parsed from text, which it keeps."""

    spelling: str


def _keep_spelling(value: Any, handler: ValidatorFunctionWrapHandler) -> datetime:
    parsed: datetime = handler(value)
    if not isinstance(value, str) or type(parsed) is not datetime:
        return parsed
    spelled = _Spelled.combine(parsed.date(), parsed.timetz())
    spelled.spelling = value
    return spelled


def _spelling(value: datetime, handler: SerializerFunctionWrapHandler) -> Any:
    return getattr(value, "spelling", None) or handler(value)


_Timestamp: TypeAlias = Annotated[
    datetime, WrapValidator(_keep_spelling), WrapSerializer(_spelling, when_used="json")
]
"""A timestamp sent back as it was written (``.358Z`` stays ``.358Z``, not ``.358000Z``):
equal instants, but an API may read only one spelling, and a signed body must not change."""


class Owner(BaseModel):
    """The owner."""

    model_config = ConfigDict(populate_by_name=True, extra="allow", protected_namespaces=())

    login: str


class Thing(BaseModel):
    """Response body (200) of "Get thing" (GET /things/:id)."""

    model_config = ConfigDict(populate_by_name=True, extra="allow", protected_namespaces=())

    id_: UUID = Field(alias="id")
    size_in_gbs: int | None = Field(default=None, alias="sizeInGBs")
    at: _Timestamp | None
    owner: Owner | None = None
    extra: Any = None
    tags: dict[str, Any]


class ThingList(RootModel[list[Thing]]):
    """Things."""
'''


def test_small_model_set_renders_exactly() -> None:
    assert render_model_set(SMALL, "shop") == SMALL_TEXT


def test_output_is_black_clean_and_imports(tmp_path: Path) -> None:
    assert black.format_str(SMALL_TEXT, mode=BLACK) == SMALL_TEXT
    module = import_module(SMALL_TEXT, tmp_path)
    body = {"id": "123e4567-e89b-12d3-a456-426614174000", "at": None, "tags": {}, "new": 1}
    thing = module.Thing.model_validate(body)
    assert thing.model_dump(mode="json", by_alias=True, exclude_unset=True) == body
    assert module.Thing(id_=thing.id_, at=None, tags={}).size_in_gbs is None  # by name too


def test_timestamps_are_sent_back_as_written(tmp_path: Path) -> None:
    module = import_module(SMALL_TEXT, tmp_path)
    body = {"id": "123e4567-e89b-12d3-a456-426614174000", "tags": {}}
    for spelling in (
        "2020-01-02T03:04:05.358Z",
        "2020-01-02T03:04:05.000Z",
        "2020-01-02T03:04:05+02:00",
    ):
        thing = module.Thing.model_validate({**body, "at": spelling})
        assert thing.at == datetime.fromisoformat(spelling)
        assert json.loads(thing.model_dump_json(by_alias=True))["at"] == spelling
        assert module.Thing.model_validate_json(thing.model_dump_json()).at.spelling == spelling
    # a datetime the caller sets is sent as pydantic spells it
    thing.at = datetime(2020, 1, 2, 3, 4, 5, 358000, tzinfo=UTC)
    assert json.loads(thing.model_dump_json())["at"] == "2020-01-02T03:04:05.358000Z"


def test_an_empty_model_set_is_a_valid_module(tmp_path: Path) -> None:
    text = render_model_set(ModelSet(), "empty")
    assert black.format_str(text, mode=BLACK) == text
    assert import_module(text, tmp_path).__all__ == []


def test_type_hints() -> None:
    nested = ListOf(UnionOf((ModelRef(ClassName("A")), DictOf(scalar(Primitive.INT)))))
    assert type_hint(nested) == "list[A | dict[str, int]]"
    assert type_hint(scalar(Primitive.NONE)) == "None"


def test_imports_are_grouped_and_sorted() -> None:
    imports = Imports().add(
        Import("pydantic", "RootModel"),
        Import("uuid", "UUID"),
        Import("pydantic", "BaseModel"),
        Import("datetime", "datetime"),
        Import("datetime", "date"),
    )
    assert imports.groups() == (
        ("from datetime import date, datetime", "from uuid import UUID"),
        ("from pydantic import BaseModel, RootModel",),
    )
    assert imports.add(Import("uuid", "UUID")) == imports


def test_long_docstrings_wrap_to_the_line_length() -> None:
    literal = docstring("word " * 40, indent=4)
    assert all(len(line) + 4 <= 100 for line in literal.splitlines())
    assert " ".join(ast.literal_eval(literal).split()) == " ".join(["word"] * 40)


# -- rendered from collections --------------------------------------------------------------

AWKWARD = {
    "sizeInGBs": 1,
    "model_config": "a",
    "json": 1,
    "schema": {"$ref": "#/x"},
    "copy": True,
    "dict": [],
    "fields": {},
    "validate": None,
    "class": "k",
    "id": 2,
    "Name": "A",
    "name": "a",
    "NAME": "á",
    "a.b": 1,
    "a-b": 2,
    "a b": 3,
    "a_b": 4,
    "": "empty",
    'quote"d': "q",
    "back\\slash": "b",
    "new\nline": "n",
    '"""': "triple",
    "日本": "ja",
    "2fa": True,
    "date": "2020-01-01",
    "datetime": "2020-01-01T00:00:00Z",
    "uuid": "123e4567-e89b-12d3-a456-426614174000",
    "big": 2**70,
    "mixed": [1, 2.5, "x", None, True, {"k": 1}, [1]],
}


def test_awkward_keys_render_import_and_round_trip(tmp_path: Path) -> None:
    item = request(
        "Awkward",
        "POST",
        body=AWKWARD,
        examples=(example(200, AWKWARD), example(200, {**AWKWARD, "big": 0.5})),
    )
    text, assignments, problems = render_models(collection(item), "awkward")
    assert problems == ()
    assert black.format_str(text, mode=BLACK) == text
    module = import_module(text, tmp_path)
    entry = assignments["/item/0"]
    assert entry.request == "AwkwardRequest"
    for name, body in ((entry.request, AWKWARD), (entry.response_map()["200"], AWKWARD)):
        model = getattr(module, name)
        value = model.model_validate(body)
        dumped = value.model_dump(mode="json", by_alias=True, exclude_unset=True)
        assert same(body, dumped), dumped
    names = set(module.AwkwardRequest.model_fields)
    assert {"model_config_", "json_", "schema_", "copy_", "dict_", "fields_", "validate_"} <= names
    assert {"name", "name_2", "name_3", "a_b", "a_b_2", "a_b_3", "a_b_4", "class_", "n2fa"} <= names


def test_seed_models(tmp_path: Path) -> None:
    text, assignments, problems = render_models(load(SEED).collection, "oci_core")
    assert problems == ()
    assert black.format_str(text, mode=BLACK) == text
    module = import_module(text, tmp_path)
    create = assignments["/item/0/item/0"]
    assert create.request == "CreateBootVolumeBackupRequest"
    request_fields = module.CreateBootVolumeBackupRequest.model_fields
    assert request_fields["boot_volume_id"].alias == "bootVolumeId"
    assert request_fields["display_name"].alias == "displayName"
    assert module.BootVolumeBackup.model_fields["size_in_gbs"].alias == "sizeInGBs"
    assert module.BootVolumeBackup.model_fields["time_created"].annotation.__name__ == "datetime"
    # Every error status of every operation (the seed has five kinds) is the one Error model.
    errors = {
        status: name
        for entry in assignments.values()
        for status, name in entry.responses
        if int(status) >= 400
    }
    assert set(errors) == {"400", "401", "404", "409", "500"}
    assert set(errors.values()) == {"Error"}
    assert list(module.Error.model_fields) == ["code", "message"]
    assert assignments["/item/0/item/2"].response_map() == {
        "200": "BootVolumeBackupList",
        "400": "Error",
        "401": "Error",
        "404": "Error",
        "500": "Error",
    }
    assert module.BootVolumeBackupList.__base__.__name__ == "RootModel[list[BootVolumeBackup]]"


def test_output_does_not_depend_on_the_hash_seed() -> None:
    script = (
        "import sys; from pathlib import Path; from generator.pipeline import load; "
        "from generator.render.models import render_models; "
        "sys.stdout.write(render_models(load(Path(sys.argv[1])).collection, 'p')[0])"
    )
    outputs = {
        subprocess.run(
            [sys.executable, "-c", script, str(SEED)],
            capture_output=True,
            text=True,
            check=True,
            cwd=ROOT,
            env={**os.environ, "PYTHONHASHSEED": seed},
        ).stdout
        for seed in ("0", "1", "2")
    }
    assert len(outputs) == 1
