#!/usr/bin/env bash
# Create .venv and install factcheck into it.
#   bash scripts/setup.sh          # the tool
#   bash scripts/setup.sh --dev    # plus test tools, Ray, and Debian's Chromium for the browser tests
set -euo pipefail
cd "$(dirname "$0")/.."
PY="${PYTHON:-python3}"
[ -x .venv/bin/python ] || "$PY" -m venv .venv
# shellcheck disable=SC1091
. .venv/bin/activate
# On our 2-core CPU machines torch==2.13.0 is a CPU build that lies on disk; elsewhere any torch>=2.1 will do.
python -c "import torch" 2>/dev/null || pip install -q "torch==2.13.0" || pip install -q "torch>=2.1"
if [ "${1:-}" = "--dev" ]; then
  pip install -q -e ".[dev,ray]"
  bash scripts/install_browser.sh
else
  pip install -q -e .
fi
# Export both default models to ONNX once (~/.cache/factcheck/onnx), so the first check needs no torch.
python -m factcheck.ort >/dev/null
