"""generator/write.py's Stage: files put while the run still renders, swapped in whole."""

from __future__ import annotations

import os
from pathlib import Path, PurePosixPath

import pytest

from generator import write as write_module
from generator.manifest import MANIFEST
from generator.write import Stage, write

P = PurePosixPath


def _manifest(*paths: str) -> str:
    files = ",".join(f'"{p}": "0"' for p in paths)
    return '{"files": {' + files + "}}\n"


def _tree(root: Path) -> dict[str, str]:
    return {
        p.relative_to(root).as_posix(): p.read_text(encoding="utf-8")
        for p in root.rglob("*")
        if p.is_file()
    }


def _leftovers(out: Path) -> list[str]:
    return sorted(p.name for p in out.parent.iterdir() if p.name.startswith(f".{out.name}"))


def _old(out: Path) -> dict[PurePosixPath, str]:
    files = {
        P("a.py"): "a = 1\n",
        P("sub/b.sh"): "echo b\n",
        MANIFEST: _manifest("a.py", "sub/b.sh"),
    }
    assert write(files, out)
    (out / "mine.txt").write_text("the user's own file\n", encoding="utf-8")
    return files


def _next(old: dict[PurePosixPath, str], stage: Stage) -> dict[PurePosixPath, str]:
    """The next run's files: a.py changed and c/d.py new (both put early), sub/b.sh as it
    was; what ``old`` had besides is no longer made."""
    stage.put({P("a.py"): "a = 2\n", P("c/d.py"): "d = 1\n"})
    return {
        P("a.py"): "a = 2\n",
        P("c/d.py"): "d = 1\n",
        P("sub/b.sh"): old[P("sub/b.sh")],
        MANIFEST: _manifest("a.py", "c/d.py", "sub/b.sh"),
    }


def test_files_put_early_reach_out_only_when_the_stage_finishes(tmp_path: Path) -> None:
    out = tmp_path / "out"
    old = _old(out)
    before = _tree(out)
    unchanged_inode = (out / "sub/b.sh").stat().st_ino
    stage = Stage(out)
    new = _next(old, stage)
    assert _tree(out) == before  # put writes next to OUT, never into it
    result = stage.finish(new)
    stage.discard()
    assert result.written == (P("a.py"), P("c/d.py"), MANIFEST)
    assert result.unchanged == (P("sub/b.sh"),)
    assert _tree(out) == {
        **{str(p): t for p, t in new.items()},
        "mine.txt": "the user's own file\n",
    }
    assert (out / "sub/b.sh").stat().st_ino == unchanged_inode  # linked, not rewritten
    assert os.access(out / "sub/b.sh", os.X_OK)
    assert _leftovers(out) == []


def test_a_discarded_stage_leaves_out_as_it_was(tmp_path: Path) -> None:
    out = tmp_path / "out"
    _old(out)
    before = sorted((p, p.stat().st_mtime_ns) for p in out.rglob("*"))
    stage = Stage(out)
    stage.put({P("a.py"): "a = 3\n", P("new/e.py"): "e = 1\n"})
    assert _leftovers(out) != []  # the new files sit next to OUT meanwhile
    stage.discard()
    assert sorted((p, p.stat().st_mtime_ns) for p in out.rglob("*")) == before
    assert _leftovers(out) == []


def test_an_up_to_date_out_is_not_touched_and_nothing_is_staged(tmp_path: Path) -> None:
    out = tmp_path / "out"
    old = _old(out)
    before = sorted((p, p.stat().st_mtime_ns) for p in out.rglob("*"))
    stage = Stage(out)
    stage.put({P("a.py"): old[P("a.py")]})
    assert _leftovers(out) == []  # an unchanged file is not even linked until finish
    result = stage.finish(old)
    stage.discard()
    assert not result and result.unchanged == tuple(sorted(old))
    assert sorted((p, p.stat().st_mtime_ns) for p in out.rglob("*")) == before


def test_a_new_out_is_the_stage_renamed(tmp_path: Path) -> None:
    out = tmp_path / "deep" / "out"
    stage = Stage(out)
    stage.put({P("x/y.py"): "y = 1\n"})
    result = stage.finish({P("x/y.py"): "y = 1\n", MANIFEST: _manifest("x/y.py")})
    stage.discard()
    assert result.written == (MANIFEST, P("x/y.py")) and not result.unchanged
    assert _tree(out)["x/y.py"] == "y = 1\n"
    assert _leftovers(out) == []


def test_a_file_the_previous_run_made_and_this_one_does_not_is_removed(tmp_path: Path) -> None:
    out = tmp_path / "out"
    old = _old(out)
    stage = Stage(out)
    new = {P("a.py"): old[P("a.py")], MANIFEST: _manifest("a.py")}
    result = stage.finish(new)
    stage.discard()
    assert result.removed == (P("sub/b.sh"),)
    assert sorted(_tree(out)) == ["a.py", "mine.txt", str(MANIFEST)]


# -- a large OUT, linked into the stage whole by a helper process (link_tree.py) -----------


def _large_old(out: Path) -> dict[PurePosixPath, str]:
    files = {
        P("a.py"): "a = 1\n",
        P("sub/b.sh"): "echo b\n",
        P("gone/only.py"): "only = 1\n",
        MANIFEST: _manifest("a.py", "sub/b.sh", "gone/only.py"),
    }
    assert write(files, out)
    (out / "mine.txt").write_text("the user's own file\n", encoding="utf-8")
    (out / "empty").mkdir()
    (out / "link").symlink_to("a.py")
    return files


def test_a_large_out_is_linked_into_the_stage_and_only_changes_are_made(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(write_module, "_LINKED_FROM", 0)  # every OUT counts as large
    out = tmp_path / "out"
    old = _large_old(out)
    before = _tree(out)
    inodes = {name: (out / name).stat().st_ino for name in ("sub/b.sh", "mine.txt")}
    stage = Stage(out)
    new = _next(old, stage)
    assert stage._linked  # the helper linked OUT's tree, and hashed its files
    assert set(stage._hashes) == {"a.py", "sub/b.sh", "gone/only.py", "mine.txt", str(MANIFEST)}
    assert _tree(out) == before  # a changed file replaced its link, not OUT's file
    result = stage.finish(new)
    stage.discard()
    assert result.written == (P("a.py"), P("c/d.py"), MANIFEST)
    assert result.unchanged == (P("sub/b.sh"),)
    assert result.removed == (P("gone/only.py"),)
    assert _tree(out) == {
        **{str(p): t for p, t in new.items()},
        "mine.txt": "the user's own file\n",
        "link": "a = 2\n",  # the user's symbolic link, still one
    }
    assert {name: (out / name).stat().st_ino for name in inodes} == inodes
    assert os.readlink(out / "link") == "a.py"
    assert (out / "empty").is_dir()  # the user's empty folder
    assert not (out / "gone").exists()  # emptied by the removal: not kept
    assert os.access(out / "sub/b.sh", os.X_OK)
    assert _leftovers(out) == []


def test_a_failed_helper_leaves_the_stage_to_link_itself(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(write_module, "_LINKED_FROM", 0)
    monkeypatch.setattr(write_module, "_LINK_TREE", tmp_path / "missing.py")
    out = tmp_path / "out"
    old = _large_old(out)
    stage = Stage(out)
    new = {P("a.py"): "a = 2\n", P("sub/b.sh"): old[P("sub/b.sh")], MANIFEST: _manifest("a.py")}
    result = stage.finish(new)
    stage.discard()
    assert not stage._linked
    assert result.written == (P("a.py"), MANIFEST) and result.unchanged == (P("sub/b.sh"),)
    assert result.removed == (P("gone/only.py"),)
    assert sorted(_tree(out)) == ["a.py", "link", "mine.txt", str(MANIFEST), "sub/b.sh"]
    assert _leftovers(out) == []


def test_a_stage_discarded_while_its_helper_links_leaves_nothing(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(write_module, "_LINKED_FROM", 0)
    out = tmp_path / "out"
    _large_old(out)
    before = _tree(out)
    for _ in range(5):
        Stage(out).discard()  # at once: the helper is still starting, or linking
    assert _tree(out) == before
    assert _leftovers(out) == []
