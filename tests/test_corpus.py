"""Every corpus collection generates a working SDK; script libraries stay out of output.

Each collection is generated once per session with the real CLI. The SDKs must then pass
``ruff check`` (with the config the generated pyproject.toml carries) and ``mypy --strict``,
pip-install into a venv, import from there, build their clients, and resolve every operation
the manifest lists.
"""

from __future__ import annotations

import functools
import json
import os
import subprocess
import sys
import venv
from pathlib import Path
from typing import Any

import pytest
from conftest import CORPUS, corpus_collections, corpus_output, run_cli, scratch_dir

V2 = [
    path
    for path in corpus_collections()
    if "item" in json.loads(path.read_text(encoding="utf-8-sig"))
]


generated = corpus_output


def _package(out: Path) -> str:
    return str(json.loads((out / "postgen-manifest.json").read_text())["package"])


def _requests(items: list[Any]) -> int:
    count = 0
    for item in items:
        if isinstance(item, dict) and isinstance(item.get("item"), list):
            count += _requests(item["item"])
        elif isinstance(item, dict) and item.get("request") is not None:
            count += 1
    return count


@pytest.mark.parametrize(
    "collection", sorted(set(corpus_collections()) - set(V2)), ids=lambda p: p.name.split(".")[0]
)
def test_v1_collections_get_a_clear_error(collection: Path, tmp_path: Path) -> None:
    out = tmp_path / "out"
    done = run_cli("generate", collection, "--out", out)
    assert done.returncode == 1
    assert "Postman collection v1" in done.stderr and "Traceback" not in done.stderr
    assert not out.exists()


@pytest.mark.parametrize("collection", V2, ids=lambda p: p.name.split(".")[0])
def test_corpus_collection_generates(collection: Path) -> None:
    out = generated(collection)
    data = json.loads(collection.read_text(encoding="utf-8-sig"))
    manifest = json.loads((out / "postgen-manifest.json").read_text())
    assert len(manifest["operations"]) == _requests(data.get("item", []))
    for op in manifest["operations"]:
        assert (out / op["curl"]).is_file()
        assert (out / op["python"]).is_file()
        page, anchor = op["docs"].split("#")
        assert f'<a id="{anchor}"></a>' in (out / page).read_text(encoding="utf-8")
        assert op["module"].startswith(f"{manifest['package']}.api")
        assert op["client_attr"].endswith(op["function"])
        assert op["auth"] in {
            "none",
            "oci",
            "awsv4",
            "oauth1",
            "basic",
            "bearer",
            "apikey",
            "digest",
            "hawk",
            "oauth2",
            "other",
        }


def _run(args: list[str], **env: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        args, capture_output=True, text=True, env={**os.environ, **env}, timeout=1200
    )


def test_generated_sdks_pass_ruff() -> None:
    outs = [generated(path) for path in V2]
    targets = [str(out / name) for out in outs for name in (_package(out), "snippets/python")]
    done = _run([sys.executable, "-m", "ruff", "check", "--no-cache", *targets])
    assert done.returncode == 0, done.stdout[-3000:] + done.stderr[-1000:]


def test_black_changes_nothing_in_generated_python() -> None:
    """The proof behind format_blocks: what the templates write is already black's, as a
    user's plain ``black --check .`` in the generated project sees it (its pyproject.toml
    gives black the line length and target postgen formats with)."""
    black = [sys.executable, "-m", "black", "--check", "-q", "--workers", str(os.cpu_count() or 1)]
    for out in (generated(path) for path in V2):
        done = subprocess.run([*black, "."], cwd=out, capture_output=True, text=True, check=False)
        assert done.returncode == 0, f"{out}: {done.stdout[-3000:]}{done.stderr[-3000:]}"


def test_generated_sdks_pass_mypy_strict(tmp_path: Path) -> None:
    outs = [generated(path) for path in V2]
    packages = [arg for out in outs for arg in ("-p", _package(out))]
    done = _run(
        [sys.executable, "-m", "mypy", "--strict", "--cache-dir", str(tmp_path), *packages],
        MYPYPATH=os.pathsep.join(str(out) for out in outs),
    )
    assert done.returncode == 0, done.stdout[-3000:] + done.stderr[-1000:]


_CHECK = """
import importlib, json, sys
out = sys.argv[1]
manifest = json.load(open(out + "/postgen-manifest.json"))
package = importlib.import_module(manifest["package"])
assert package.__file__.startswith(sys.prefix), package.__file__  # the installed copy
client = package.Client(base_url="http://127.0.0.1:9")
async_client = package.AsyncClient(base_url="http://127.0.0.1:9")
for op in manifest["operations"]:
    for root in (client, async_client):
        target = root
        for part in op["client_attr"].split("."):
            target = getattr(target, part)
        assert callable(target), op["client_attr"]
    module = importlib.import_module(op["module"])
    assert hasattr(module, "_" + op["function"]), op["module"]
print(len(manifest["operations"]))
"""


@functools.cache
def installed() -> Path:
    """A venv with every generated SDK pip-installed (dependencies from the system site)."""
    env_dir = scratch_dir() / "venv"
    venv.EnvBuilder(with_pip=True, system_site_packages=True).create(env_dir)
    python = env_dir / "bin" / "python"
    outs = [str(generated(path)) for path in V2]
    wheels = scratch_dir() / "wheels"
    # Built once with this interpreter's setuptools (no isolated build env per project).
    build = [sys.executable, "-m", "pip", "wheel", "-q", "--no-deps", "--no-build-isolation"]
    done = _run([*build, "-w", str(wheels), *outs])
    assert done.returncode == 0, done.stderr[-3000:]
    install = [str(python), "-m", "pip", "install", "-q", "--no-deps"]
    done = _run([*install, *map(str, sorted(wheels.glob("*.whl")))])
    assert done.returncode == 0, done.stderr[-3000:]
    return python


@pytest.mark.parametrize("collection", V2, ids=lambda p: p.name.split(".")[0])
def test_generated_sdk_imports_and_resolves_every_operation(collection: Path) -> None:
    out = generated(collection)
    done = _run([str(installed()), "-c", _CHECK, str(out)], PYTHONSAFEPATH="1")
    assert done.returncode == 0, done.stderr[-3000:]
    manifest = json.loads((out / "postgen-manifest.json").read_text())
    assert int(done.stdout) == len(manifest["operations"])


def test_javascript_library_variable_never_reaches_output(tmp_path: Path) -> None:
    collection = CORPUS / "real" / "oci-containerengine.postman_collection.json"
    data = json.loads(collection.read_text(encoding="utf-8-sig"))
    library = next(v["value"] for v in data["variable"] if v["key"] == "jsrsasign")
    assert len(library) > 300_000
    out = tmp_path / "out"
    assert run_cli("generate", collection, "--out", out).returncode == 0
    probes = [library[i : i + 64] for i in range(1000, len(library), 50_000)]
    for path in out.rglob("*"):
        if path.is_file():
            text = path.read_text()
            assert not any(probe in text for probe in probes), path
