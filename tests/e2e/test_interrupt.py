"""Killing postgen mid-run (SIGKILL or Ctrl-C) leaves OUT exactly as before or exactly new."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from conftest import CORPUS, ROOT, run_cli

OLD = CORPUS / "real" / "stripe-api.postman_collection.json"
NEW = CORPUS / "generated" / "github-rest-api.postman_collection.json"


def _tree(root: Path) -> dict[str, bytes]:
    return {p.relative_to(root).as_posix(): p.read_bytes() for p in root.rglob("*") if p.is_file()}


@pytest.fixture(scope="module")
def trees(tmp_path_factory: pytest.TempPathFactory) -> tuple[dict[str, bytes], dict[str, bytes]]:
    base = tmp_path_factory.mktemp("trees")
    for name, collection in (("old", OLD), ("new", NEW)):
        assert run_cli("generate", collection, "--out", base / name).returncode == 0
    return _tree(base / "old"), _tree(base / "new")


@pytest.mark.parametrize("sig", [signal.SIGKILL, signal.SIGINT])
@pytest.mark.parametrize("delay", [0.3, 0.9, 1.4, 1.8, 2.3])
def test_interrupted_run_leaves_a_whole_tree(
    tmp_path: Path, trees: tuple[dict[str, bytes], dict[str, bytes]], sig: int, delay: float
) -> None:
    old, new = trees
    out = tmp_path / "out"
    assert run_cli("generate", OLD, "--out", out).returncode == 0
    (out / "mine.txt").write_text("user file\n")
    process = subprocess.Popen(
        [sys.executable, "-m", "generator", "generate", str(NEW), "--out", str(out)],
        cwd=ROOT,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        env={**os.environ},
    )
    time.sleep(delay)
    process.send_signal(sig)
    _, stderr = process.communicate(timeout=60)
    assert b"Traceback" not in stderr
    tree = _tree(out)
    assert tree.pop("mine.txt") == b"user file\n"
    assert tree in (old, new), "OUT holds a mix of the old and the new output"
    # The next run finishes the job from whatever state was left.
    assert run_cli("generate", NEW, "--out", out).returncode == 0
    tree = _tree(out)
    assert tree.pop("mine.txt") == b"user file\n"
    assert tree == new
    assert [p.name for p in tmp_path.iterdir()] == ["out"]  # no staging leftovers
