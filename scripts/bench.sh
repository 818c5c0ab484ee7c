#!/usr/bin/env bash
# Runs the benchmarks and prints their figures. `scripts/bench.sh` runs them all;
# `scripts/bench.sh interactions` one of them. Release builds, in the same private
# session (keyring) the tests use.
set -euo pipefail
cd "$(dirname "$0")/.."

bash scripts/setup.sh
benches=("${@:-interactions}")
for b in "${benches[@]}"; do
  case "$b" in
    interactions)
      printf '\n=== Interactions list (core, about 100,000 interactions)\n'
      bash scripts/test-session.sh cargo bench -p supervisor-core --bench interactions --locked
      ;;
    *) echo "unknown benchmark: $b (known: interactions)" >&2; exit 2 ;;
  esac
done
