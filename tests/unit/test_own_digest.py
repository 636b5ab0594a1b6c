"""postgen's digest of itself (generator/cache.py), recorded under its files' stat.

The digest names the run cache's entries and the memo's file, so a stale one would hand out
an earlier postgen's output: an edit of any code, template or schema file must change it.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from generator import cache

ROOT = Path(__file__).resolve().parents[2]
_PRINT = "from generator.cache import postgen_digest; print(postgen_digest().hex())"


def _digest_of(checkout: Path, cache_dir: str) -> str:
    env = {**os.environ, "PYTHONPATH": str(checkout), "POSTGEN_CACHE_DIR": cache_dir}
    done = subprocess.run(
        [sys.executable, "-c", _PRINT],
        env=env,
        cwd=checkout,  # not the project's own package, first on sys.path from the cwd
        capture_output=True,
        text=True,
        check=True,
    )
    return done.stdout.strip()


@pytest.fixture
def checkout(tmp_path: Path) -> Path:
    """A copy of postgen's package and templates (a source checkout to edit)."""
    copy = tmp_path / "checkout"
    ignore = shutil.ignore_patterns("__pycache__")
    shutil.copytree(ROOT / "generator", copy / "generator", ignore=ignore)
    shutil.copytree(ROOT / "templates", copy / "templates")
    return copy


def test_a_recorded_digest_is_found_by_stat(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("POSTGEN_CACHE_DIR", str(tmp_path / "cache"))
    cache.postgen_digest.cache_clear()
    try:
        first = cache.postgen_digest()
        assert first == cache._digest()
        (entry,) = (tmp_path / "cache" / "digests").iterdir()
        assert entry.read_text(encoding="ascii") == first.hex()
        # What the record says is what a run uses: nothing was read and hashed again.
        entry.write_text("ab" * 32, encoding="ascii")
        cache.postgen_digest.cache_clear()
        assert cache.postgen_digest() == bytes.fromhex("ab" * 32)
        # A broken record is not trusted.
        entry.write_text("not hex", encoding="ascii")
        cache.postgen_digest.cache_clear()
        assert cache.postgen_digest() == first
    finally:
        cache.postgen_digest.cache_clear()


@pytest.mark.parametrize(
    "edit",
    ["generator/render/shell.py", "templates/snippets/curl.sh.jinja", "generator/schemas"],
)
def test_an_edited_file_changes_the_digest(checkout: Path, tmp_path: Path, edit: str) -> None:
    recorded = str(tmp_path / "cache")
    before = _digest_of(checkout, recorded)
    assert _digest_of(checkout, recorded) == before  # found again
    target = checkout / edit
    if target.is_dir():  # a new schema file
        target = target / "extra.json"
        target.write_text("{}", encoding="utf-8")
    else:
        # Same size, other content: what only the stat's time and inode can tell.
        text = target.read_text(encoding="utf-8")
        target.write_text(text[:-2] + ("x\n" if text[-2] != "x" else "y\n"), encoding="utf-8")
    after = _digest_of(checkout, recorded)
    assert after != before
    assert after == _digest_of(checkout, "")  # what hashing every file gives, no cache
