"""Secrets: no credential planted in a collection or an environment file reaches any
generated file (code, python and curl snippets, README, manifest), and a warning names the
request of each place one was found.

secrets_collection.py plants a distinctive ``SECRET-<place>-7f3a9c`` in every place a
credential can live: auth blocks of every type, credential headers, query parameters,
urlencoded, multipart and JSON body fields, environment values those reference, and a PEM
private key in a variable.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from robust_cli import run, write
from secrets_collection import SECRET_RE, collection, environment, planted

# Every file kind postgen writes; a secret in any of them is a leak.
_ONLY = {"all": (), "curl": ("--only", "curl"), "python": ("--only", "python")}


@pytest.fixture(scope="module")
def sources(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("secrets")
    write(root / "secrets.postman_collection.json", collection())
    write(root / "env.postman_environment.json", environment())
    return root


def _generate(root: Path, out: Path, *options: str) -> str:
    done = run(
        "generate",
        "secrets.postman_collection.json",
        "--env",
        "env.postman_environment.json",
        "--out",
        out,
        *options,
        cwd=root,
    )
    assert done.returncode == 0, done.stderr
    return done.stderr


@pytest.mark.parametrize("only", _ONLY)
@pytest.mark.parametrize("style", ["postman", "shell"])
def test_no_secret_in_any_file(sources: Path, tmp_path: Path, only: str, style: str) -> None:
    out = tmp_path / "out"
    _generate(sources, out, "--vars", style, *_ONLY[only])
    leaks = {}
    for path in sorted(out.rglob("*")):
        if path.is_file():
            found = SECRET_RE.findall(path.read_text(encoding="utf-8", errors="replace"))
            if found:
                leaks[str(path.relative_to(out))] = sorted(set(found))
    assert leaks == {}


@pytest.mark.parametrize("only", _ONLY)
def test_each_place_is_warned_of(sources: Path, tmp_path: Path, only: str) -> None:
    stderr = _generate(sources, tmp_path / "out", *_ONLY[only])
    warned = re.findall(r"^\S+: (/item/\d+)\S*: warning: .*credential", stderr, re.M)
    unwarned = {place: item for place, item in planted().items() if item not in warned}
    assert unwarned == {}
    assert not SECRET_RE.search(stderr), "a warning prints the secret it warns of"


def test_curl_keeps_everything_else(sources: Path, tmp_path: Path) -> None:
    """The placeholders replace the credential only: the header, the user name, the other
    fields are still sent."""
    out = tmp_path / "out"
    _generate(sources, out)
    curl = out / "snippets" / "curl"
    assert "'Authorization: Bearer <token>'" in (curl / "auth_bearer.sh").read_text()
    assert "--user 'alice:<password>'" in (curl / "auth_basic.sh").read_text()
    form = (curl / "urlencoded.sh").read_text()
    assert "grant_type=password" in form and "password=%3Cpassword%3E" in form
    body = (curl / "json.sh").read_text()
    assert '"user": "alice"' in body and '"password": "<password>"' in body
    manifest = json.loads((out / "postgen-manifest.json").read_text(encoding="utf-8"))
    assert any("access_token=<access_token>" in op["url"] for op in manifest["operations"])
