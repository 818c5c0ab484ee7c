#!/usr/bin/env bash
# Builds the console and opens it on the built-in demo contact center (no account, no
# network). Installs what it needs first.
set -euo pipefail
cd "$(dirname "$0")/.."

bash scripts/setup.sh --run-only
npm run --silent build
cargo run --features custom-protocol --locked -- "$@"
