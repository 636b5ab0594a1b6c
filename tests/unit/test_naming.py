"""Tests for generator.model.naming: conversion, escaping, truncation and collisions."""

from __future__ import annotations

import builtins
import keyword
import os
import subprocess
import sys
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from generator.model import naming
from generator.model.naming import (
    MAX_LENGTH,
    ClassName,
    ModuleName,
    Namer,
    PyIdent,
    claim,
    class_name,
    ident,
    module_name,
    pascal_case,
    snake_case,
    unique,
)

KINDS = (PyIdent, ClassName, ModuleName)
SOFT_KEYWORDS = ("_", "case", "match", "type")
FALLBACK = "post sso login"


def assert_usable(name: str) -> None:
    assert name.isidentifier(), name
    assert name.isascii(), name
    assert not keyword.iskeyword(name), name
    assert not keyword.issoftkeyword(name), name
    assert name not in SOFT_KEYWORDS, name
    assert len(name) <= MAX_LENGTH, name


def test_all_is_pinned() -> None:
    assert naming.__all__ == [
        "MAX_LENGTH",
        "ClassName",
        "ModuleName",
        "Namer",
        "PyIdent",
        "claim",
        "class_name",
        "ident",
        "module_name",
        "pascal_case",
        "snake_case",
        "unique",
    ]


# --- raw conversion -------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "snake", "pascal"),
    [
        # camelCase and acronym boundaries
        ("getUserByID", "get_user_by_id", "GetUserById"),
        ("HTTPServer", "http_server", "HttpServer"),
        ("sizeInGBs", "size_in_gbs", "SizeInGbs"),
        ("getIDsByName", "get_ids_by_name", "GetIdsByName"),
        ("CreateBootVolumeBackup", "create_boot_volume_backup", "CreateBootVolumeBackup"),
        ("XMLHttpRequest", "xml_http_request", "XmlHttpRequest"),
        ("APIKey", "api_key", "ApiKey"),
        ("ALL_CAPS_NAME", "all_caps_name", "AllCapsName"),
        # digits stay with the word they touch
        ("OAuth2Token", "oauth2_token", "Oauth2Token"),
        ("IPv4Address", "ipv4_address", "Ipv4Address"),
        ("Level2Cache", "level2_cache", "Level2Cache"),
        ("Error404NotFound", "error404_not_found", "Error404NotFound"),
        ("S3Bucket", "s3_bucket", "S3Bucket"),
        ("2fa", "2fa", "2fa"),
        ("2FA", "2fa", "2fa"),
        ("get2FACode", "get2fa_code", "Get2faCode"),
        # separators
        ("List Boot Volume Backups", "list_boot_volume_backups", "ListBootVolumeBackups"),
        ("Get a repository", "get_a_repository", "GetARepository"),
        ("/v1/charges/{charge}", "v1_charges_charge", "V1ChargesCharge"),
        ("Delete {{id}}", "delete_id", "DeleteId"),
        ("X-Api-Key", "x_api_key", "XApiKey"),
        ("__init__", "init", "Init"),
        ("  spaced   out  ", "spaced_out", "SpacedOut"),
        # non-ASCII
        ("Café", "cafe", "Cafe"),
        ("Crème Brûlée", "creme_brulee", "CremeBrulee"),
        ("Straße", "strasse", "Strasse"),
        ("Ørsted", "orsted", "Orsted"),
        ("\uff21\uff22\uff23", "abc", "Abc"),  # full-width ABC
        ("获取用户", "", ""),
        ("get用户list", "get_list", "GetList"),
        ("🚀 Launch", "launch", "Launch"),
        ("👍", "", ""),
        # nothing usable
        ("", "", ""),
        ("!@#$%^&*()", "", ""),
    ],
)
def test_conversion(text: str, snake: str, pascal: str) -> None:
    assert snake_case(text) == snake
    assert pascal_case(text) == pascal


def test_same_name_three_ways() -> None:
    assert {snake_case(t) for t in ("Get User", "get-user", "GetUser", "get_user")} == {"get_user"}


# --- single names ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("CreateBootVolumeBackup", "create_boot_volume_backup"),
        ("List Boot Volume Backups", "list_boot_volume_backups"),
        ("Get a repository", "get_a_repository"),
        ("/v1/charges/{charge}", "v1_charges_charge"),
        ("Delete {{id}}", "delete_id"),
        ("__init__", "init"),
        ("None", "none"),
        # keywords
        ("class", "class_"),
        ("def", "def_"),
        ("from", "from_"),
        ("async", "async_"),
        # soft keywords
        ("match", "match_"),
        ("case", "case_"),
        ("type", "type_"),
        # builtins
        ("id", "id_"),
        ("list", "list_"),
        ("filter", "filter_"),
        ("input", "input_"),
        ("format", "format_"),
        ("hash", "hash_"),
        ("ID", "id_"),
        # site helpers are not escaped on purpose
        ("license", "license"),
        # leading digits
        ("2fa", "n2fa"),
        ("404 Not Found", "n404_not_found"),
        ("123", "n123"),
        # nothing usable: the fallback, converted the same way
        ("获取用户", "post_sso_login"),
        ("", "post_sso_login"),
        ("{{}}", "post_sso_login"),
        ("🚀🚀", "post_sso_login"),
    ],
)
def test_ident(text: str, expected: str) -> None:
    name = ident(text, fallback=FALLBACK)
    assert name == expected
    assert type(name) is PyIdent
    assert_usable(name)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("CreateBootVolumeBackup", "CreateBootVolumeBackup"),
        ("List Boot Volume Backups", "ListBootVolumeBackups"),
        ("获取用户", "PostSsoLogin"),
        ("Get a repository", "GetARepository"),
        ("/v1/charges/{charge}", "V1ChargesCharge"),
        ("Delete {{id}}", "DeleteId"),
        ("class", "Class"),
        ("None", "None_"),
        ("true", "True_"),
        ("exception", "Exception_"),
        ("__init__", "Init"),
        ("2fa", "N2fa"),
    ],
)
def test_class_name(text: str, expected: str) -> None:
    name = class_name(text, fallback=FALLBACK)
    assert name == expected
    assert type(name) is ClassName
    assert_usable(name)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Boot Volumes", "boot_volumes"),
        ("import", "import_"),
        ("2FA", "n2fa"),
        ("获取用户", "post_sso_login"),
    ],
)
def test_module_name(text: str, expected: str) -> None:
    name = module_name(text, fallback=FALLBACK)
    assert name == expected
    assert type(name) is ModuleName
    assert_usable(name)


@pytest.mark.parametrize(
    ("fallback", "snake", "pascal"),
    [
        ("", "operation", "Operation"),
        ("获取", "operation", "Operation"),
        ("GET /users/{{id}}", "get_users_id", "GetUsersId"),
        ("404", "n404", "N404"),
        ("class", "class_", "Class"),
    ],
)
def test_fallback_chain(fallback: str, snake: str, pascal: str) -> None:
    assert ident("获取用户", fallback=fallback) == snake
    assert module_name("!!!", fallback=fallback) == snake
    assert class_name("", fallback=fallback) == pascal


def test_reserved_gets_trailing_underscore() -> None:
    assert ident("client", fallback="", reserved={"client"}) == "client_"
    assert ident("client", fallback="", reserved={"client", "client_"}) == "client__"
    assert class_name("client", fallback="", reserved={"Client"}) == "Client_"
    assert module_name("models", fallback="", reserved={"models"}) == "models_"
    assert ident("other", fallback="", reserved={"client"}) == "other"


def test_every_interpreter_keyword_and_builtin_is_escaped() -> None:
    site_helpers = {"copyright", "credits", "exit", "license", "quit"}
    words = set(keyword.kwlist) | set(keyword.softkwlist) | set(SOFT_KEYWORDS)
    words |= {n for n in dir(builtins) if not n.startswith("_")} - site_helpers
    for word in sorted(words):
        with pytest.raises(ValueError):
            (ClassName if word[0].isupper() else PyIdent)(word)
        if word.isalpha() and word.islower():
            assert ident(word, fallback="") == word + "_"
        if word.isalpha() and word[0].isupper() and pascal_case(word) == word:
            assert class_name(word, fallback="") == word + "_"


# --- long names -----------------------------------------------------------------------------


def test_long_names_are_cut_with_a_stable_hash() -> None:
    text = "a" * 300
    name = ident(text, fallback="")
    assert len(name) <= MAX_LENGTH
    assert name.startswith("a" * 40)
    suffix = name.rsplit("_", 1)[1]
    assert len(suffix) == 8 and all(c in "0123456789abcdef" for c in suffix)
    assert name == ident(text, fallback="")


def test_long_names_sharing_a_prefix_differ() -> None:
    prefix = "List Boot Volume Backups In Compartment " * 8
    a = ident(prefix + "Alpha", fallback="")
    b = ident(prefix + "Beta", fallback="")
    assert a != b
    assert len(a) <= MAX_LENGTH and len(b) <= MAX_LENGTH
    ca = class_name(prefix + "Alpha", fallback="")
    cb = class_name(prefix + "Beta", fallback="")
    assert ca != cb and len(ca) <= MAX_LENGTH


def test_names_at_the_limit_are_not_cut() -> None:
    text = "a" * (MAX_LENGTH - 1)
    assert ident(text, fallback="") == text
    assert len(ident("b" * MAX_LENGTH, fallback="")) <= MAX_LENGTH


@pytest.mark.parametrize("kind", KINDS)
def test_long_duplicates_stay_within_limit(kind: type[PyIdent]) -> None:
    names = unique(["x" * 300] * 12, kind, fallbacks=[""] * 12)
    assert len(set(names)) == 12
    for name in names:
        assert_usable(name)


# --- collisions -----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("texts", "kind", "expected"),
    [
        (["Get User", "get-user", "GetUser"], PyIdent, ["get_user", "get_user_2", "get_user_3"]),
        (["Get User", "get-user", "GetUser"], ClassName, ["GetUser", "GetUser2", "GetUser3"]),
        (["Get User", "get-user", "GetUser"], ModuleName, ["get_user", "get_user_2", "get_user_3"]),
        # a literal suffixed name that comes first keeps its name
        (["Get User", "get_user_2", "get-user"], PyIdent, ["get_user", "get_user_2", "get_user_3"]),
        (["GetUser", "GetUser2", "get user"], ClassName, ["GetUser", "GetUser2", "GetUser3"]),
        # ... and one that comes later yields, because earlier names never change
        (
            ["Get User", "get-user", "get_user_2"],
            PyIdent,
            ["get_user", "get_user_2", "get_user_2_2"],
        ),
        # counters after a trailing digit stay readable
        (["OAuth2", "oauth 2"], ClassName, ["Oauth2", "Oauth2_2"]),
        (["v1", "V1"], PyIdent, ["v1", "v1_2"]),
        # keywords and builtins: escaped once, counters on the stem
        (["class", "Class", "CLASS"], PyIdent, ["class_", "class_2", "class_3"]),
        (["id", "ID", "Id"], PyIdent, ["id_", "id_2", "id_3"]),
        (["None", "none"], ClassName, ["None_", "None2"]),
        # empty names share the fallback
        (
            ["获取用户", "", "🚀"],
            PyIdent,
            ["post_sso_login", "post_sso_login_2", "post_sso_login_3"],
        ),
    ],
)
def test_unique(texts: list[str], kind: type[PyIdent], expected: list[str]) -> None:
    names = unique(texts, kind, fallbacks=[FALLBACK] * len(texts))
    assert list(names) == expected
    assert all(type(n) is kind for n in names)


def test_unique_with_reserved() -> None:
    names = unique(["client", "Client", "other"], PyIdent, fallbacks=[""] * 3, reserved={"client"})
    assert names == ("client_", "client_2", "other")


def test_unique_uses_each_fallback() -> None:
    names = unique(["", "", "x"], PyIdent, fallbacks=["GET /a", "POST /a", "y"])
    assert names == ("get_a", "post_a", "x")


def test_unique_needs_one_fallback_per_text() -> None:
    with pytest.raises(ValueError):
        unique(["a", "b"], PyIdent, fallbacks=[""])


def test_unique_is_deterministic_and_prefix_stable() -> None:
    base = ["Get User", "get-user", "CreateBootVolumeBackup", "class", "获取用户"]
    first = unique(base, PyIdent, fallbacks=[FALLBACK] * 5)
    assert first == unique(base, PyIdent, fallbacks=[FALLBACK] * 5)
    longer = unique([*base, "GetUser", "get_user_2"], PyIdent, fallbacks=[FALLBACK] * 7)
    assert longer[:5] == first


def test_namer_matches_unique_and_is_immutable() -> None:
    texts = ["Get User", "get_user_2", "get-user", "list", "List"]
    namer = Namer(PyIdent, reserved=frozenset({"client"}))
    start = namer
    claimed = []
    for text in texts:
        name, namer = namer.claim(text, fallback="")
        claimed.append(name)
    assert tuple(claimed) == unique(texts, PyIdent, fallbacks=[""] * 5, reserved={"client"})
    assert start.taken == frozenset()
    assert namer.taken == frozenset(claimed)


def test_claim_into_a_set_matches_namer() -> None:
    texts = ["Get User", "get_user_2", "get-user", "list", "List", "Client", "client"]
    namer = Namer(ClassName, reserved=frozenset({"Client"}))
    taken: set[str] = set()
    for text in texts:
        expected, namer = namer.claim(text, fallback="Model")
        got = claim(ClassName, text, fallback="Model", taken=taken, reserved={"Client"})
        assert got == expected
        assert type(got) is ClassName
    assert taken == namer.taken


def test_namer_respects_names_taken_elsewhere() -> None:
    namer = Namer(ClassName, taken=frozenset({"Client"}))
    name, _ = namer.claim("client", fallback="")
    assert name == "Client2"


def test_output_does_not_depend_on_hash_seed() -> None:
    code = (
        "from generator.model.naming import PyIdent, unique\n"
        "print(unique(['a' * 300, 'Get User', 'get-user', 'class', '获取用户'], PyIdent,"
        " fallbacks=['post sso login'] * 5))"
    )
    root = Path(__file__).resolve().parents[2]
    outputs = set()
    for seed in ("0", "1", "12345"):
        env = {**os.environ, "PYTHONHASHSEED": seed, "PYTHONPATH": str(root)}
        result = subprocess.run(
            [sys.executable, "-c", code], env=env, capture_output=True, text=True, check=True
        )
        outputs.add(result.stdout)
    assert len(outputs) == 1


# --- the validated types --------------------------------------------------------------------


@pytest.mark.parametrize(
    ("kind", "value"),
    [
        (PyIdent, ""),
        (PyIdent, "class"),
        (PyIdent, "match"),
        (PyIdent, "id"),
        (PyIdent, "2fa"),
        (PyIdent, "_private"),
        (PyIdent, "GetUser"),
        (PyIdent, "get-user"),
        (PyIdent, "café"),
        (PyIdent, "get_user\n"),
        (PyIdent, "a" * (MAX_LENGTH + 1)),
        (ModuleName, "import"),
        (ModuleName, "Boot"),
        (ClassName, "getUser"),
        (ClassName, "None"),
        (ClassName, "Exception"),
        (ClassName, "2Fa"),
    ],
)
def test_constructors_reject_invalid_values(kind: type[PyIdent], value: str) -> None:
    with pytest.raises(ValueError, match=kind.__name__):
        kind(value)


@pytest.mark.parametrize(
    ("kind", "value"),
    [(PyIdent, "get_user"), (PyIdent, "id_"), (ModuleName, "boot_volumes"), (ClassName, "GetUser")],
)
def test_constructors_accept_valid_values(kind: type[PyIdent], value: str) -> None:
    name = kind(value)
    assert name == value
    assert isinstance(name, str)
    by_name: dict[str, int] = {name: 1}
    assert by_name[value] == 1  # hashes and compares like the plain str


# --- properties -----------------------------------------------------------------------------

# A small alphabet makes collisions, keywords and digits likely; st.text() covers the rest.
collision_prone = st.text(alphabet="aAbB_- 1é用👍", max_size=6)
texts = st.one_of(collision_prone, st.sampled_from(["class", "id", "get_user_2", "9"]), st.text())


@given(
    items=st.lists(st.tuples(texts, st.one_of(collision_prone, st.text())), max_size=12),
    kind=st.sampled_from(KINDS),
)
def test_unique_property(items: list[tuple[str, str]], kind: type[PyIdent]) -> None:
    names_in = [t for t, _ in items]
    fallbacks = [f for _, f in items]
    names = unique(names_in, kind, fallbacks=fallbacks)
    assert len(names) == len(items)
    assert len(set(names)) == len(names)
    for name in names:
        assert_usable(name)
        assert type(name) is kind
    assert names == unique(names_in, kind, fallbacks=fallbacks)
    half = len(items) // 2
    assert names[:half] == unique(names_in[:half], kind, fallbacks=fallbacks[:half])


@given(text=st.text(), fallback=st.text())
def test_single_name_property(text: str, fallback: str) -> None:
    for name in (
        ident(text, fallback=fallback),
        class_name(text, fallback=fallback),
        module_name(text, fallback=fallback),
    ):
        assert_usable(name)
    assert snake_case(text).isascii() and pascal_case(text).isascii()


def test_ascii_text_has_nothing_to_fold() -> None:
    """Words of ASCII text skip the folding (naming.py's fast path): that is only right while
    the transliteration table maps no ASCII character and NFKD leaves ASCII as it is."""
    import unicodedata

    from generator.model.naming import _TRANSLITERATION

    assert all(code > 127 for code in _TRANSLITERATION)
    assert all(unicodedata.normalize("NFKD", chr(code)) == chr(code) for code in range(128))
    assert snake_case("Straße über") == "strasse_uber"  # and the rest still folds
