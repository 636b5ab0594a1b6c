"""Running Postman's own JavaScript libraries (from the conformance suite's node_modules)."""

from __future__ import annotations

import json
import shutil
import subprocess
from pathlib import Path
from typing import Any

import pytest

HERE = Path(__file__).resolve().parent
NODE_MODULES = HERE.parent / "conformance" / "node_modules"


def needs(package: str) -> pytest.MarkDecorator:
    """Skip (with the set-up command) where node or the package is missing."""
    return pytest.mark.skipif(
        not (NODE_MODULES / package).is_dir() or shutil.which("node") is None,
        reason="needs node and tests/conformance/node_modules (bash tests/conformance/setup.sh)",
    )


def run_oracle(script: str, payload: Any) -> Any:
    """Feed `payload` as JSON to tests/oracle/SCRIPT and return its JSON answer."""
    done = subprocess.run(
        ["node", str(HERE / script)],
        input=json.dumps(payload),
        capture_output=True,
        text=True,
        env={"NODE_PATH": str(NODE_MODULES), "PATH": "/usr/bin:/bin:/usr/local/bin"},
        check=True,
        timeout=120,
    )
    return json.loads(done.stdout)
