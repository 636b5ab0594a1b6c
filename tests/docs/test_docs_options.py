"""The docs' own options through the real CLI: ``--only docs``, ``--docs-base-url`` and the
configuration's ``docs_base_url``."""

from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "cli"))

from cli_support import collection, request, run, write_json

DESCRIPTION = "Read [the guide](/guides/pets#list) or [the spec](https://spec.example.test/)."


def _pets(tmp_path: Path) -> Path:
    item = request("List pets", "https://pets.example.test/v1/pets")
    item["request"]["description"] = DESCRIPTION
    return write_json(tmp_path / "pets.postman_collection.json", collection("Pets", item))


def test_relative_links_keep_their_text_without_a_base(tmp_path: Path) -> None:
    done = run("generate", _pets(tmp_path), "--out", "out", "--only", "docs", cwd=tmp_path)
    assert done.returncode == 0, done.stderr
    index = (tmp_path / "out" / "docs" / "index.md").read_text(encoding="utf-8")
    assert "Read the guide or [the spec](https://spec.example.test/)." in index
    # --only docs writes the docs and the manifest, nothing else.
    files = {p.relative_to(tmp_path / "out").as_posix() for p in (tmp_path / "out").rglob("*")}
    assert {f for f in files if "." in f} == {
        "docs/index.md",
        "docs/models.md",
        "postgen-manifest.json",
    }


def test_docs_base_url_resolves_relative_links(tmp_path: Path) -> None:
    base = "https://docs.example.test/en/"
    done = run("generate", _pets(tmp_path), "--out", "out", "--docs-base-url", base, cwd=tmp_path)
    assert done.returncode == 0, done.stderr
    index = (tmp_path / "out" / "docs" / "index.md").read_text(encoding="utf-8")
    assert "Read [the guide](https://docs.example.test/guides/pets#list) or" in index


def test_docs_base_url_from_the_configuration(tmp_path: Path) -> None:
    _pets(tmp_path)
    (tmp_path / "postgen.toml").write_text(
        'docs_base_url = "https://docs.example.test/"\n\n[[collections]]\n'
        'collection = "pets.postman_collection.json"\nout = "sdk"\n',
        encoding="utf-8",
    )
    done = run("generate", cwd=tmp_path)
    assert done.returncode == 0, done.stderr
    index = (tmp_path / "sdk" / "docs" / "index.md").read_text(encoding="utf-8")
    assert "[the guide](https://docs.example.test/guides/pets#list)" in index


def test_a_docs_base_url_that_is_not_absolute_is_refused(tmp_path: Path) -> None:
    done = run(
        "generate", _pets(tmp_path), "--out", "out", "--docs-base-url", "/docs", cwd=tmp_path
    )
    assert done.returncode == 2
    assert done.stderr == "postgen: --docs-base-url: '/docs' is not an absolute http(s) URL\n"
    assert not (tmp_path / "out").exists()
    (tmp_path / "postgen.toml").write_text(
        '[[collections]]\ncollection = "pets.postman_collection.json"\nout = "sdk"\n'
        'docs_base_url = "javascript:alert(1)"\n',
        encoding="utf-8",
    )
    done = run("generate", cwd=tmp_path)
    assert done.returncode != 0
    assert (
        "postgen.toml: collections[0].docs_base_url: 'javascript:alert(1)' is not an absolute "
        "http(s) URL" in done.stderr
    )
