#!/usr/bin/env bash
# Fuzzes decode→peaks (and the peaks file readers) for a while: `scripts/fuzz.sh [SECONDS]`
# (default 30). The corpus starts from the audio fixtures and is kept in target/ between
# runs. Stable Rust runs cargo-fuzz with RUSTC_BOOTSTRAP; no sanitizer is needed for
# Rust's own memory safety, so what is looked for is panics, aborts and runaway memory.
set -euo pipefail
cd "$(dirname "$0")/.."
seconds=${1:-30}

CARGO_FUZZ_VERSION=0.13.2
if ! cargo fuzz --version 2>/dev/null | grep -q "$CARGO_FUZZ_VERSION"; then
  echo "fuzz: cargo install cargo-fuzz"
  cargo install cargo-fuzz --version "$CARGO_FUZZ_VERSION" --locked --quiet
fi

corpus=target/fuzz-corpus/decode_peaks
mkdir -p "$corpus"
cp -n crates/core/tests/fixtures/recordings/* "$corpus"/ 2>/dev/null || true
cd fuzz
# -rss_limit_mb: a decoder that trusts a size in a header shows up as an out-of-memory crash.
RUSTC_BOOTSTRAP=1 cargo fuzz run decode_peaks -s none --target-dir ../target/fuzz \
  "../$corpus" -- -max_total_time="$seconds" -rss_limit_mb=512 -max_len=262144 -print_final_stats=1
