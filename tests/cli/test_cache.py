"""The run cache: a regeneration or check whose inputs have not changed renders nothing, yet
says what a full run says; anything that could change the output, or OUT itself, defeats it."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest
from cli_support import OCI, run, write_json

from generator.cache import CACHE_ENV


@pytest.fixture(autouse=True)
def private_cache(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    cache = tmp_path / "cache"
    monkeypatch.setenv(CACHE_ENV, str(cache))
    return cache


def _summary(*args: str | Path, cwd: Path) -> tuple[int, dict]:  # type: ignore[type-arg]
    done = run(*args, "--json", cwd=cwd)
    return done.returncode, json.loads(done.stdout)


def _entry(document: dict) -> dict:  # type: ignore[type-arg]
    (entry,) = document["collections"]
    return entry  # type: ignore[no-any-return]


def test_an_unchanged_run_is_answered_from_the_cache(tmp_path: Path) -> None:
    code, first = _summary("generate", OCI, "--out", "out", cwd=tmp_path)
    assert code == 0 and _entry(first)["cached"] is False
    code, again = _summary("generate", OCI, "--out", "out", cwd=tmp_path)
    assert code == 0 and _entry(again)["cached"] is True
    # It says what the full run said: operations, warnings, every file unchanged.
    assert _entry(again)["operations"] == _entry(first)["operations"] == 5
    assert _entry(again)["warnings"] == _entry(first)["warnings"] != []
    files = _entry(first)["files"]
    assert _entry(again)["files"] == {"written": 0, "unchanged": files["written"], "removed": 0}
    code, checked = _summary("check", OCI, "--out", "out", cwd=tmp_path)
    assert code == 0 and _entry(checked)["cached"] is True and _entry(checked)["up_to_date"]
    # --strict still fails on the remembered warnings, and writes nothing.
    code, strict = _summary("check", OCI, "--out", "out", "--strict", cwd=tmp_path)
    assert code == 1 and strict["errors"]


def test_an_edited_output_file_is_not_vouched_for(tmp_path: Path) -> None:
    assert run("generate", OCI, "--out", "out", cwd=tmp_path).returncode == 0
    target = tmp_path / "out" / "docs" / "index.md"
    target.write_text(target.read_text(encoding="utf-8") + "edited\n", encoding="utf-8")
    done = run("check", OCI, "--out", "out", cwd=tmp_path)
    assert done.returncode == 1 and "+edited" not in done.stdout and "-edited" in done.stdout
    code, regenerated = _summary("generate", OCI, "--out", "out", cwd=tmp_path)
    assert code == 0 and _entry(regenerated)["cached"] is False
    assert _entry(regenerated)["written"] == ["docs/index.md"]
    (
        tmp_path / "out" / "snippets" / "curl" / "boot_volume_backups" / "get_boot_volume_backup.sh"
    ).unlink()
    done = run("check", OCI, "--out", "out", cwd=tmp_path)
    assert done.returncode == 1 and "missing: snippets/curl/" in done.stdout


def test_any_input_that_changes_the_output_misses(tmp_path: Path) -> None:
    collection = tmp_path / "c.postman_collection.json"
    collection.write_bytes(OCI.read_bytes())
    assert run("generate", collection, "--out", "out", cwd=tmp_path).returncode == 0
    variants: list[tuple[str, ...]] = [
        ("--package", "other"),
        ("--only", "curl"),
        ("--vars", "shell"),
        ("--docs-base-url", "https://docs.example.test/"),
    ]
    for options in variants:
        code, document = _summary("check", collection, "--out", "out", *options, cwd=tmp_path)
        assert _entry(document)["cached"] is False and code == 1, options
    data = json.loads(collection.read_text(encoding="utf-8"))
    data["item"][0]["item"][0]["name"] = "CreateBackup"
    write_json(collection, data)
    code, document = _summary("check", collection, "--out", "out", cwd=tmp_path)
    assert code == 1 and _entry(document)["cached"] is False
    templates = tmp_path / "templates" / "project"
    templates.mkdir(parents=True)
    (templates / "README.md.jinja").write_text("# {{ view.title }}\n", encoding="utf-8")
    code, document = _summary(
        "check", collection, "--out", "out", "--templates", tmp_path / "templates", cwd=tmp_path
    )
    assert code == 1 and _entry(document)["cached"] is False


def test_turning_the_cache_off(tmp_path: Path, private_cache: Path) -> None:
    assert run("generate", OCI, "--out", "out", cwd=tmp_path).returncode == 0
    assert list((private_cache / "runs").glob("*.json"))
    _, document = _summary("check", OCI, "--out", "out", "--no-cache", cwd=tmp_path)
    assert _entry(document)["cached"] is False
    os.environ[CACHE_ENV] = ""
    try:
        _, document = _summary("check", OCI, "--out", "out", cwd=tmp_path)
    finally:
        os.environ[CACHE_ENV] = str(private_cache)
    assert _entry(document)["cached"] is False


def test_an_unwritable_cache_costs_only_time(tmp_path: Path, private_cache: Path) -> None:
    private_cache.write_text("not a directory", encoding="utf-8")
    for _ in range(2):
        code, document = _summary("generate", OCI, "--out", "out", cwd=tmp_path)
        assert code == 0 and _entry(document)["cached"] is False
    assert run("check", OCI, "--out", "out", cwd=tmp_path).returncode == 0


def test_a_templates_folder_with_subfolders_is_cached_by_its_files(
    tmp_path: Path, private_cache: Path
) -> None:
    # A user's override sits in a subfolder (project/README.md.jinja), as the shipped one does.
    override = tmp_path / "tpl" / "project" / "README.md.jinja"
    override.parent.mkdir(parents=True)
    override.write_text("# {{ view.title }}\n", encoding="utf-8")
    options = ("--out", "out", "--templates", "tpl")
    code, first = _summary("generate", OCI, *options, cwd=tmp_path)
    assert code == 0 and _entry(first)["cached"] is False
    assert list((private_cache / "memo").glob("*.marshal"))  # per-output memo, too
    code, again = _summary("generate", OCI, *options, cwd=tmp_path)
    assert code == 0 and _entry(again)["cached"] is True
    # Editing the nested template misses, and its new text is what lands.
    override.write_text("# Edited {{ view.title }}\n", encoding="utf-8")
    code, edited = _summary("generate", OCI, *options, cwd=tmp_path)
    assert code == 0 and _entry(edited)["cached"] is False
    assert _entry(edited)["written"] == ["README.md", "postgen-manifest.json"]
    assert (tmp_path / "out" / "README.md").read_text(encoding="utf-8").startswith("# Edited ")
