#!/usr/bin/env bash
# Everything the console needs to build, run and test on Debian/Ubuntu, installed
# idempotently: system packages, npm packages, tauri-driver and the official Genesys
# Python SDK (for the simulator's conformance test). Safe to run again and again.
set -euo pipefail
cd "$(dirname "$0")/.."

bash scripts/setup-system.sh

# npm packages, reinstalled only when the lockfile changed.
lock_hash=$(sha256sum package-lock.json | cut -d' ' -f1)
if [ "$(cat node_modules/.sc-lock-hash 2>/dev/null)" != "$lock_hash" ]; then
  echo "setup: npm ci"
  npm ci --no-audit --no-fund --loglevel=error
  echo "$lock_hash" > node_modules/.sc-lock-hash
fi

if [ "${1:-}" = "--run-only" ]; then
  exit 0
fi

# tauri-driver bridges WebDriver to WebKitWebDriver for the end-to-end tests.
TAURI_DRIVER_VERSION=2.0.6
if ! "${CARGO_HOME:-$HOME/.cargo}/bin/tauri-driver" --help >/dev/null 2>&1; then
  echo "setup: cargo install tauri-driver"
  cargo install tauri-driver --version "$TAURI_DRIVER_VERSION" --locked --quiet
fi

# The official Genesys Cloud Python SDK in a throwaway venv (pinned).
bash scripts/python-sdk.sh >/dev/null
echo "setup: done"
