#!/usr/bin/env bash
# Runs every check and test of the project, after installing what they need.
# This is the README's test command and all that .ci/run does.
set -euo pipefail
cd "$(dirname "$0")/.."

bash scripts/setup.sh
SC_SDK_PYTHON=$(bash scripts/python-sdk.sh)
export SC_SDK_PYTHON

step() { printf '\n=== %s\n' "$*"; }

step "UI: type check, lint, unit tests, build"
npm run --silent typecheck
npm run --silent lint
npm run --silent test:ui
npm run --silent build

step "Rust: format and lints"
cargo fmt --all --check
cargo clippy --workspace --all-targets --features supervisor-console/custom-protocol --locked -- -D warnings

step "Rust: unit, integration, simulator conformance and end-to-end tests"
# One private D-Bus session with a real, unlocked keyring (and a null sound device).
bash scripts/test-session.sh \
  cargo test --workspace --features supervisor-console/custom-protocol --locked

step "Patched dependencies: their own tests (vendor/README.md)"
cargo test --manifest-path vendor/symphonia-bundle-mp3/Cargo.toml --target-dir target/vendor --locked

step "Fuzzing: decode to peaks, briefly (longer by hand: scripts/fuzz.sh 600)"
bash scripts/fuzz.sh 20
