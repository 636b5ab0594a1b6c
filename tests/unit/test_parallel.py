"""The forked child of generator/render/parallel.py: its result, its failures, its absence."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import CORPUS, ROOT

from generator.render.parallel import JOBS_ENV, background


def test_the_work_runs_in_a_child_and_its_result_comes_back() -> None:
    if sys.platform != "linux" or (os.cpu_count() or 1) < 2:
        pytest.skip("no fork here: the work runs serially")
    result = background(lambda: (os.getpid(), {"big": "x" * 5_000_000}))()
    assert result[0] != os.getpid()
    assert result[1]["big"] == "x" * 5_000_000  # more than a pipe's buffer


def test_a_failing_child_is_redone_here_so_its_error_is_the_usual_one() -> None:
    calls: list[int] = []

    def work() -> None:
        calls.append(os.getpid())
        raise ValueError("the template broke")

    wait = background(work)
    with pytest.raises(ValueError, match="the template broke"):
        wait()
    assert calls[-1] == os.getpid()


def test_small_jobs_and_postgen_jobs_1_run_serially(monkeypatch: pytest.MonkeyPatch) -> None:
    assert background(os.getpid, worth_it=False)() == os.getpid()
    monkeypatch.setenv(JOBS_ENV, "1")
    assert background(os.getpid)() == os.getpid()


def _tree(root: Path) -> dict[str, bytes]:
    return {p.relative_to(root).as_posix(): p.read_bytes() for p in root.rglob("*") if p.is_file()}


def test_parallel_and_serial_runs_write_the_same_bytes(tmp_path: Path) -> None:
    """The largest corpus collection (1,223 requests: the package renders in a child)."""
    collection = CORPUS / "generated" / "github-rest-api.postman_collection.json"
    trees = []
    for jobs in ("1", "2"):
        out = tmp_path / f"jobs{jobs}"
        env = {**os.environ, JOBS_ENV: jobs, "POSTGEN_CACHE_DIR": ""}
        done = subprocess.run(
            [
                sys.executable,
                "-m",
                "generator",
                "generate",
                str(collection),
                "--out",
                str(out),
                "-q",
            ],
            cwd=ROOT,
            env=env,
            capture_output=True,
            text=True,
            timeout=600,
        )
        assert done.returncode == 0, done.stderr
        trees.append(_tree(out))
    assert trees[0] == trees[1] and len(trees[0]) > 2000
