"""What a run prints: the `--json` summary, `--quiet`, and the progress bar (a terminal only)."""

from __future__ import annotations

import json
import os
import pty
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
from cli_support import OCI, ROOT, pets, run, tree, write_json


def _summary(done: subprocess.CompletedProcess[str]) -> dict[str, Any]:
    document = json.loads(done.stdout)  # stdout is the one JSON document, nothing else
    assert isinstance(document, dict)
    return document


def test_json_summary_counts_written_unchanged_and_removed(tmp_path: Path) -> None:
    source = write_json(tmp_path / "pets.json", pets(extra=True))
    first = run("generate", source, "--out", "out", "--json", cwd=tmp_path)
    assert first.returncode == 0, first.stderr
    document = _summary(first)
    files = sorted(tree(tmp_path / "out"))
    assert document["postgen"] and document["command"] == "generate"
    assert document["ok"] is True and document["errors"] == []
    assert document["config"] is None and document["strict"] is False
    [entry] = document["collections"]
    memo = entry.pop("memo")  # a first run into OUT: every step made, none reused
    assert memo["reused"] == 0 and memo["made"] > 0
    assert entry == {
        "collection": str(source),
        "out": "out",
        "operations": 3,
        "cached": False,
        "files": {"written": len(files), "unchanged": 0, "removed": 0},
        "written": files,
        "removed": [],
        "warnings": [],
    }
    assert document["totals"] == {
        "operations": 3,
        "written": len(files),
        "unchanged": 0,
        "removed": 0,
        "warnings": 0,
    }

    second = _summary(run("generate", source, "--out", "out", "--json", cwd=tmp_path))
    [entry] = second["collections"]
    assert entry["files"] == {"written": 0, "unchanged": len(files), "removed": 0}
    assert entry["written"] == [] and entry["removed"] == []

    write_json(source, pets())  # "Delete pet" is gone
    third = _summary(run("generate", source, "--out", "out", "--json", cwd=tmp_path))
    [entry] = third["collections"]
    removed = [
        "snippets/curl/delete_pet.sh",
        "snippets/python/delete_pet.py",
    ]
    assert [p for p in entry["removed"] if p.startswith("snippets/")] == removed
    assert not any((tmp_path / "out" / p).exists() for p in entry["removed"])
    now = sorted(tree(tmp_path / "out"))
    assert entry["files"]["written"] + entry["files"]["unchanged"] == len(now)
    assert entry["files"]["removed"] == len(entry["removed"]) == len(set(files) - set(now))
    assert set(entry["written"]) <= set(now)
    assert "postgen-manifest.json" in entry["written"]


def test_json_summary_of_a_stale_check(tmp_path: Path) -> None:
    source = write_json(tmp_path / "pets.json", pets())
    assert run("generate", source, "--out", "out", cwd=tmp_path).returncode == 0
    (tmp_path / "out" / "snippets" / "curl" / "get_pet.sh").write_text("edited\n")
    (tmp_path / "out" / "snippets" / "curl" / "list_pets.sh").unlink()
    done = run("check", source, "--out", "out", "--json", cwd=tmp_path)
    assert done.returncode == 1
    document = _summary(done)  # no diff on stdout with --json
    assert document["command"] == "check" and document["ok"] is False
    [entry] = document["collections"]
    total = len(tree(tmp_path / "out")) + 1  # what generate writes: one file is gone
    assert entry["up_to_date"] is False
    assert entry["stale"] == ["snippets/curl/get_pet.sh"]
    assert entry["missing"] == ["snippets/curl/list_pets.sh"]
    assert entry["extra"] == []
    assert entry["files"] == {"unchanged": total - 2, "stale": 1, "missing": 1, "extra": 0}
    assert "out: stale: 1 changed, 1 missing, 0 extra" in done.stderr


def test_json_summary_of_a_failed_run(tmp_path: Path) -> None:
    bad = write_json(tmp_path / "bad.json", {"info": {"name": "x"}, "item": [{"request": 1}]})
    done = run("generate", bad, "--out", "out", "--json", cwd=tmp_path)
    assert done.returncode == 1
    document = _summary(done)
    assert document["ok"] is False and document["collections"] == []
    assert document["errors"] and all(e["file"] == str(bad) for e in document["errors"])
    lines = [line for line in done.stderr.splitlines() if ": warning: " not in line]
    assert [f"{e['file']}: {e['pointer']}: {e['message']}" for e in document["errors"]] == lines
    assert not (tmp_path / "out").exists()


def test_quiet_prints_nothing_but_errors(tmp_path: Path) -> None:
    # The OCI collection has warnings ({{region}} is defined nowhere): quiet hides them too.
    done = run("generate", OCI, "--out", "out", "--quiet", cwd=tmp_path)
    assert (done.returncode, done.stdout, done.stderr) == (0, "", "")
    assert (tmp_path / "out" / "postgen-manifest.json").is_file()
    checked = run("check", OCI, "--out", "out", "-q", cwd=tmp_path)
    assert (checked.returncode, checked.stdout, checked.stderr) == (0, "", "")
    (tmp_path / "out" / "README.md").write_text("edited\n")
    stale = run("check", OCI, "--out", "out", "-q", cwd=tmp_path)
    assert stale.returncode == 1
    assert stale.stdout.startswith("--- a/README.md\n")  # the diff is the error's detail
    assert stale.stderr == (
        f"out: stale: 1 changed, 0 missing, 0 extra; run: postgen generate {OCI} --out out\n"
    )
    missing = run("check", tmp_path / "none.json", "--out", "out", "-q", cwd=tmp_path)
    assert (missing.returncode, missing.stderr) == (1, f"{tmp_path / 'none.json'}: no such file\n")


def _run_in_terminal(*args: str | Path, cwd: Path) -> tuple[int, str]:
    """Run the CLI with a terminal as stderr (stdout a pipe); returns status and stderr."""
    controller, terminal = pty.openpty()
    env = {**os.environ, "PYTHONPATH": str(ROOT), "COLUMNS": "100"}
    process = subprocess.Popen(
        [sys.executable, "-m", "generator", *map(str, args)],
        cwd=cwd,
        env=env,
        stdin=subprocess.DEVNULL,
        stdout=subprocess.DEVNULL,
        stderr=terminal,
    )
    os.close(terminal)
    chunks = []
    while True:
        try:
            chunk = os.read(controller, 65536)
        except OSError:  # EIO: the child closed the terminal
            break
        if not chunk:
            break
        chunks.append(chunk)
    os.close(controller)
    return process.wait(timeout=300), b"".join(chunks).decode("utf-8", "replace")


@pytest.mark.skipif(sys.platform == "win32", reason="needs a pseudo-terminal")
def test_a_terminal_gets_a_progress_bar_and_a_pipe_does_not(tmp_path: Path) -> None:
    status, terminal = _run_in_terminal("generate", OCI, "--out", "tty", cwd=tmp_path)
    assert status == 0, terminal
    assert "postgen  [" in terminal and "100%" in terminal
    for stage in ("oci_core: models", "oci_core: client", "oci_core: curl", "oci_core: write"):
        assert stage in terminal
    assert "tty: 5 operations, written" in terminal

    piped = run("generate", OCI, "--out", "piped", cwd=tmp_path)
    assert piped.returncode == 0
    assert "\r" not in piped.stderr and "%" not in piped.stderr and "[#" not in piped.stderr
    assert piped.stderr.startswith("piped: 5 operations, written (")

    status, terminal = _run_in_terminal("generate", OCI, "--out", "tty", "-q", cwd=tmp_path)
    assert (status, terminal) == (0, "")
