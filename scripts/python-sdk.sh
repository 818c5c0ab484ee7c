#!/usr/bin/env bash
# Creates (once) a venv holding the official Genesys Cloud Python SDK, pinned, and prints
# its python path on stdout. The simulator's SDK compatibility test runs against it.
# Idempotent: an existing venv with the pinned SDK is reused as is.
set -euo pipefail

SDK_VERSION="269.0.0"
CACHE_DIR="${SC_CACHE_DIR:-$HOME/.cache/supervisor-console}"
VENV="$CACHE_DIR/sdk-venv"
PY="$VENV/bin/python"

installed_version() {
  "$PY" -c 'import importlib.metadata as m; print(m.version("PureCloudPlatformClientV2"))' \
    2>/dev/null || true
}

if [ ! -x "$PY" ] || [ "$(installed_version)" != "$SDK_VERSION" ]; then
  mkdir -p "$CACHE_DIR"
  # Everything but the final path goes to stderr so callers can capture stdout.
  python3 -m venv "$VENV" >&2
  "$PY" -m pip install --quiet --disable-pip-version-check \
    "PureCloudPlatformClientV2==$SDK_VERSION" >&2
  if [ "$(installed_version)" != "$SDK_VERSION" ]; then
    echo "python-sdk: PureCloudPlatformClientV2 $SDK_VERSION did not install into $VENV" >&2
    exit 1
  fi
fi

echo "$PY"
