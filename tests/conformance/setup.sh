#!/usr/bin/env bash
# Installs the pinned newman (package-lock.json) that the conformance suite uses as its oracle.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")"
command -v node >/dev/null || { echo "setup.sh: node is required (Node 18+)" >&2; exit 1; }
npm ci --no-audit --no-fund
node -e "require('./node_modules/newman/package.json').version === '6.2.2' || process.exit(1)"
