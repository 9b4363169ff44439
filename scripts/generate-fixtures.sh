#!/usr/bin/env bash
# Regenerates every gold fixture from its committed generator. Needs Debian's python3 with
# PyTorch and mpmath (apt-get install python3-torch python3-mpmath); the tests never do.
set -euo pipefail
cd "$(dirname "$0")/.."
PYTHON="${PYTHON:-/usr/bin/python3}"
if ! "$PYTHON" -c 'import torch, mpmath' 2>/dev/null; then
  echo "Regenerating fixtures needs $PYTHON with torch and mpmath: apt-get install python3-torch python3-mpmath" >&2
  exit 1
fi
for generator in fixtures/*/generate.py; do
  echo "== $generator"
  "$PYTHON" "$generator"
done
