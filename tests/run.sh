#!/usr/bin/env bash
# The test command: set-up on a fresh machine, then lint, type-check, freshness and pytest.
set -euo pipefail
cd "$(dirname "$0")/.."
python3 -m pip install --quiet --disable-pip-version-check -e '.[test]'
# newman (Postman's runtime) is the oracle of the conformance suite.
bash tests/conformance/setup.sh
python3 -m ruff check generator tests
python3 -m mypy
# Every shipped collection against its committed output, as [tool.postgen] in pyproject.toml
# lists them (tests/cli/test_config.py checks that it lists every collections/*.json).
python3 -m generator check
python3 -m pytest -q "$@"
