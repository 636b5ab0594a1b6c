"""Nothing lost: a failed, refused or killed run leaves OUT exactly as it was (or, killed
after the swap, exactly the new tree: never a mix); OUT holds only what postgen wrote plus
the user's own files; the same input gives a byte-identical tree.

The writer (generator/write.py) stages the new tree in `.OUT.postgen-stage-PID` next to OUT
and swaps it in with one renameat2(RENAME_EXCHANGE); a SIGKILL can leave that staging
directory behind, next to OUT (never inside it), and the next run removes it.
"""

from __future__ import annotations

import json
import signal
import time
from pathlib import Path
from typing import Any

import pytest
from robust_cli import collection, request, run, start, tree, write

REQUESTS = 600


def _collection(version: int) -> dict[str, Any]:
    """REQUESTS requests in folders of 50; each version changes every file, drops a folder
    and adds another (files to write, to remove and to keep)."""
    folders = []
    for f in range(version, REQUESTS // 50 + version):
        body = json.dumps({"version": version, "folder": f, "tags": ["a", "b"], "count": f})
        items = [
            request(f"op {i}", f"/v{version}/f{f}/things/{i}", "POST", body) for i in range(50)
        ]
        folders.append({"name": f"folder {f}", "item": items})
    return collection(folders)


def _leftovers(out: Path) -> list[str]:
    return sorted(p.name for p in out.parent.iterdir() if p.name.startswith(f".{out.name}."))


def _user_files(out: Path) -> None:
    (out / "NOTES.md").write_text("mine\n", encoding="utf-8")
    (out / "extra").mkdir()
    (out / "extra" / "data.txt").write_text("also mine\n", encoding="utf-8")


@pytest.fixture(scope="module")
def trees(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Any]:
    """The old and the new collection, and the tree each generates (user files included)."""
    root = tmp_path_factory.mktemp("trees")
    found: dict[str, Any] = {"root": root}
    for version in (1, 2):
        source = write(root / f"v{version}.json", _collection(version))
        out = root / f"out{version}"
        done = run("generate", source.name, "--out", out, cwd=root)
        assert done.returncode == 0, done.stderr
        _user_files(out)
        found[f"v{version}"] = source
        found[f"tree{version}"] = tree(out)
    assert found["tree1"] != found["tree2"]
    return found


def _fresh(trees: dict[str, Any], out: Path) -> None:
    done = run("generate", trees["v1"], "--out", out, cwd=out.parent)
    assert done.returncode == 0, done.stderr
    if not (out / "NOTES.md").exists():
        _user_files(out)
    assert tree(out) == trees["tree1"]


def _kill_when(out: Path, trees: dict[str, Any], after_stage: float | None) -> bool:
    """Regenerate v2 into OUT and SIGKILL it: ``after_stage`` seconds after the staging
    directory appears (None: as soon as the process runs); whether it was still running."""
    process = start("generate", trees["v2"], "--out", out, cwd=out.parent)
    try:
        if after_stage is not None:
            deadline = time.monotonic() + 120
            while not _leftovers(out) and process.poll() is None:
                assert time.monotonic() < deadline, "no staging directory appeared"
                time.sleep(0.001)
            time.sleep(after_stage)
        running = process.poll() is None
        process.send_signal(signal.SIGKILL)
    finally:
        process.communicate()
    return running


@pytest.mark.parametrize("after_stage", [None, 0.0, 0.01, 0.05, 0.2, 0.5, 0.75, 1.0, 2.0])
def test_sigkill_leaves_old_or_new_tree(
    trees: dict[str, Any], tmp_path: Path, after_stage: float | None
) -> None:
    out = tmp_path / "out"
    _fresh(trees, out)
    running = _kill_when(out, trees, after_stage)
    if after_stage is not None and after_stage <= 0.01:
        assert running, "killed after the write: the test proves nothing"
    now = tree(out)
    assert now in (trees["tree1"], trees["tree2"]), "a mix of the old and the new tree"
    assert not [p for p in out.rglob("*") if ".postgen-" in p.name], "temp files inside OUT"
    # The next run removes what the killed one left next to OUT, and finishes the job.
    done = run("generate", trees["v2"], "--out", out, cwd=tmp_path)
    assert done.returncode == 0, done.stderr
    assert _leftovers(out) == []
    assert tree(out) == trees["tree2"]


def test_refused_input_leaves_output_alone(trees: dict[str, Any], tmp_path: Path) -> None:
    out = tmp_path / "out"
    _fresh(trees, out)
    broken = _collection(2)
    broken["item"][3]["item"][7]["request"]["method"] = 42
    source = write(tmp_path / "broken.json", broken)
    done = run("generate", source, "--out", out, cwd=tmp_path)
    assert done.returncode == 1
    assert "/item/3/item/7/request/method" in done.stderr
    assert tree(out) == trees["tree1"]
    assert _leftovers(out) == []


def test_output_holds_only_generated_and_user_files(trees: dict[str, Any]) -> None:
    out = trees["root"] / "out2"
    manifest = json.loads((out / "postgen-manifest.json").read_text(encoding="utf-8"))
    owned = {*manifest["files"], "postgen-manifest.json"}
    assert set(trees["tree2"]) == owned | {"NOTES.md", "extra/data.txt"}


@pytest.mark.parametrize("seed", ["0", "1"])
def test_same_input_same_bytes(trees: dict[str, Any], tmp_path: Path, seed: str) -> None:
    out = tmp_path / "out"
    done = run("generate", trees["v2"], "--out", out, cwd=tmp_path, env={"PYTHONHASHSEED": seed})
    assert done.returncode == 0, done.stderr
    _user_files(out)
    assert tree(out) == trees["tree2"]
    stamps = {p: p.stat().st_mtime_ns for p in out.rglob("*")}
    again = run("generate", trees["v2"], "--out", out, cwd=tmp_path)
    assert "already up to date" in again.stderr
    assert {p: p.stat().st_mtime_ns for p in out.rglob("*")} == stamps
