"""Feature collections in tests/cases/<name>/: generated output must equal expected/.

Regenerate after an intended change with:  POSTGEN_REGEN=1 python -m pytest tests/test_cases.py
(then read the diff before committing it).
"""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest
from conftest import ROOT, run_cli

CASES = sorted(p.parent for p in (ROOT / "tests" / "cases").glob("*/collection.json"))


# The package's static modules are the same for every collection and tested by their own
# suites (tests/auth, tests/runtime); the cases pin everything the collection decides.
STATIC = frozenset({"auth.py", "_runtime.py", "_helpers.py"})


def _tree(root: Path) -> dict[str, bytes]:
    return {
        p.relative_to(root).as_posix(): p.read_bytes()
        for p in root.rglob("*")
        if p.is_file() and not (p.name in STATIC and p.parent.parent == root)
    }


def _static(directory: Path, names: list[str], root: Path) -> set[str]:
    return {n for n in names if n in STATIC and directory.parent == root}


@pytest.mark.parametrize("case", CASES, ids=lambda p: p.name)
def test_case_output(case: Path, tmp_path: Path) -> None:
    out = tmp_path / "out"
    done = run_cli("generate", case / "collection.json", "--out", out, cwd=case)
    assert done.returncode == 0, done.stderr
    assert "Traceback" not in done.stderr
    expected = case / "expected"
    if os.environ.get("POSTGEN_REGEN"):
        shutil.rmtree(expected, ignore_errors=True)
        shutil.copytree(out, expected, ignore=lambda d, names: _static(Path(d), names, out))
    assert _tree(out) == _tree(expected)
