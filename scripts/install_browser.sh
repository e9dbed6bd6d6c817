#!/usr/bin/env bash
# Install the headless browser the HTML report's browser tests drive (Debian's chromium).
# Idempotent: does nothing when /usr/bin/chromium already exists.
# Playwright itself comes from PyPI (the "dev" extra); never run `playwright install`:
# the tests launch /usr/bin/chromium through executable_path.
set -euo pipefail

if [ -x /usr/bin/chromium ]; then
    echo "chromium already installed: $(/usr/bin/chromium --version 2>/dev/null || echo /usr/bin/chromium)"
    exit 0
fi

SUDO=""
if [ "$(id -u)" -ne 0 ]; then
    if command -v sudo >/dev/null 2>&1; then
        SUDO="sudo"
    else
        echo "install_browser.sh: need root (or sudo) to apt-get install chromium" >&2
        exit 1
    fi
fi

export DEBIAN_FRONTEND=noninteractive
$SUDO apt-get update
$SUDO apt-get install -y chromium
/usr/bin/chromium --version || true
