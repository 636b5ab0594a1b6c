"""Warnings are gathered over the whole run and printed once, at the end, each with its JSON
pointer; one found at many places is one line with a count; `--strict` makes them errors."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from cli_support import collection, pets, request, run, snapshot, tree, write_json

UNSET = "no collection variable or script sets it, and no environment was given"


def _four_kinds() -> dict[str, Any]:
    """One request per warning kind, and what must not be warned of."""
    json_type = [{"key": "Content-Type", "value": "application/json"}]
    items = [
        request(
            "Signed",
            "https://api.example.test/a",
            auth={"type": "ntlm", "ntlm": [{"key": "username", "value": "ann"}]},
        ),
        request("Keyed", "https://api.example.test/b", headers=(("X-API-Key", "sk_live_51abc"),)),
        request(
            "Report",
            "https://api.example.test/c",
            response=[{"name": "ok", "code": 200, "header": json_type, "body": "<html>no</html>"}],
        ),
        request(
            "Thing",
            "https://api.example.test/things/{{thingId}}?a={{defined}}&b={{$guid}}&c={{fromScript}}",
            headers=(("X-Env", "{{fromEnv}}"),),
        ),
    ]
    items[3]["request"]["header"].append({"key": "X-Off", "value": "{{off}}", "disabled": True})
    script = {"listen": "test", "script": {"exec": ["pm.environment.set('fromScript', 2);"]}}
    return collection("Warn", *items, variable=[{"key": "defined", "value": "1"}], event=[script])


def _lines(file: str, unset: str = UNSET) -> list[str]:
    return [
        f"{file}: /item/3/request/url: warning: variable {{{{thingId}}}} is defined nowhere "
        f"({unset}): it is left unresolved in the output",
        f"{file}: /item/2/response/0/body: warning: example response body (200): no model, "
        "since it is not valid JSON (Expecting value: line 1 column 1 (char 0))",
        f"{file}: /item/0/request/auth/type: warning: auth type 'ntlm' has no signer in the "
        "generated client: pass your own httpx.Auth (auth.AuthHook) as Client(auth=...)",
        f"{file}: /item/1/request/header/0/value: warning: header 'X-API-Key' holds what looks "
        "like a credential: it is not copied into snippets (pass it at run time)",
    ]


def test_the_four_kinds_once_each_at_the_end(tmp_path: Path) -> None:
    write_json(tmp_path / "warn.json", _four_kinds())
    write_json(tmp_path / "env.json", {"name": "dev", "values": [{"key": "fromEnv", "value": "e"}]})
    done = run("generate", "warn.json", "--out", "out", "--env", "env.json", cwd=tmp_path)
    assert done.returncode == 0, done.stderr
    unset = "no collection variable, environment value or script sets it"
    written = len(tree(tmp_path / "out"))
    assert done.stderr.splitlines() == [
        f"out: 4 operations, written ({written} files new or changed, 0 removed, 0 unchanged)",
        *_lines("warn.json", unset),
        "postgen: 4 warnings",
    ]
    # Without the environment, {{fromEnv}} is defined nowhere too.
    done = run("validate", "warn.json", cwd=tmp_path)
    assert (
        f"/item/3/request/header/0: warning: variable {{{{fromEnv}}}} is defined nowhere ({UNSET})"
        in done.stderr
    )
    assert "{{off}}" not in done.stderr and "$guid" not in done.stderr
    assert "defined}}" not in done.stderr and "fromScript" not in done.stderr


def test_warnings_of_several_collections_come_once_at_the_end(tmp_path: Path) -> None:
    write_json(tmp_path / "api" / "warn.json", _four_kinds())
    write_json(tmp_path / "api" / "pets.json", pets())
    (tmp_path / "postgen.toml").write_text(
        '[[collections]]\ncollection = "api/warn.json"\nout = "a"\n'
        '[[collections]]\ncollection = "api/pets.json"\nout = "b"\n'
        '[[collections]]\ncollection = "api/warn.json"\nout = "c"\nonly = ["curl"]\n'
    )
    done = run("generate", cwd=tmp_path)
    assert done.returncode == 0, done.stderr
    lines = done.stderr.splitlines()
    assert [line.split(":")[0] for line in lines[:3]] == ["a", "b", "c"]  # the status lines
    # The same warning from two collections (a, c read the same file) is printed once; the
    # curl-only run (c) locates the credential at its request (it has no client's view).
    assert lines[3:] == [
        _lines("api/warn.json")[0],
        f"api/warn.json: /item/3/request/header/0: warning: variable {{{{fromEnv}}}} is "
        f"defined nowhere ({UNSET}): it is left unresolved in the output",
        *_lines("api/warn.json")[1:],
        "api/warn.json: /item/1: warning: header 'X-API-Key' holds what looks like a "
        "credential: it is not copied into snippets (pass it at run time)",
        "postgen: 6 warnings",
    ]


def test_a_warning_at_many_places_is_one_line(tmp_path: Path) -> None:
    items = [request(f"Get {i}", f"{{{{baseUrl}}}}/things/{i}") for i in range(6)]
    write_json(tmp_path / "many.json", collection("Many", *items))
    done = run("generate", "many.json", "--out", "out", "--only", "curl", "--json", cwd=tmp_path)
    assert done.returncode == 0, done.stderr
    assert done.stderr.splitlines()[1:] == [
        f"many.json: /item/0/request/url: warning: variable {{{{baseUrl}}}} is defined nowhere "
        f"({UNSET}): it is left unresolved in the output (and at 5 more places)",
        "postgen: 6 warnings; --json lists every place",
    ]
    [entry] = json.loads(done.stdout)["collections"]
    assert [w["pointer"] for w in entry["warnings"]] == [f"/item/{i}/request/url" for i in range(6)]
    assert {w["file"] for w in entry["warnings"]} == {"many.json"}


def test_strict_makes_warnings_errors_and_writes_nothing(tmp_path: Path) -> None:
    write_json(tmp_path / "warn.json", _four_kinds())
    write_json(tmp_path / "pets.json", pets())
    assert run("generate", "pets.json", "--out", "out", cwd=tmp_path).returncode == 0
    before = snapshot(tmp_path / "out")
    done = run("generate", "warn.json", "--out", "out", "--strict", "--json", cwd=tmp_path)
    assert done.returncode == 1
    assert done.stderr.splitlines() == [
        _lines("warn.json")[0],
        f"warn.json: /item/3/request/header/0: warning: variable {{{{fromEnv}}}} is defined "
        f"nowhere ({UNSET}): it is left unresolved in the output",
        *_lines("warn.json")[1:],
        "postgen: 5 warnings, errors with --strict: nothing written",
    ]
    assert snapshot(tmp_path / "out") == before
    # The files staged while the run rendered are gone with it.
    assert sorted(p.name for p in tmp_path.iterdir()) == ["out", "pets.json", "warn.json"]
    document = json.loads(done.stdout)
    assert document["ok"] is False and document["strict"] is True
    assert len(document["errors"]) == 5
    assert document["collections"][0]["files"] is None

    # Even --quiet prints them then: they are errors.
    quiet = run("check", "warn.json", "--out", "out", "--strict", "-q", cwd=tmp_path)
    assert quiet.returncode == 1 and quiet.stderr == done.stderr
    # A warning-free collection passes --strict.
    assert run("check", "pets.json", "--out", "out", "--strict", cwd=tmp_path).returncode == 0


def test_validate_strict(tmp_path: Path) -> None:
    write_json(tmp_path / "warn.json", _four_kinds())
    done = run("validate", "warn.json", "--strict", cwd=tmp_path)
    assert done.returncode == 1
    assert done.stderr.splitlines()[0] == "warn.json: valid (4 operations)"
    assert done.stderr.splitlines()[-1] == "postgen: 2 warnings, errors with --strict"
