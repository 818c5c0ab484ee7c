#!/usr/bin/env bash
# Runs the benchmarks and prints their figures. `scripts/bench.sh` runs them all;
# `scripts/bench.sh interactions` one of them. Release builds, in the same private
# session (keyring) the tests use.
set -euo pipefail
cd "$(dirname "$0")/.."

bash scripts/setup.sh
if [ $# -eq 0 ]; then set -- interactions interactions-ui; fi
benches=("$@")
for b in "${benches[@]}"; do
  case "$b" in
    interactions)
      printf '\n=== Interactions list (core, about 100,000 interactions)\n'
      bash scripts/test-session.sh cargo bench -p supervisor-core --bench interactions --locked
      ;;
    interactions-ui)
      printf '\n=== Interactions list in the app (about 100,000 interactions, WebDriver)\n'
      npm run --silent build
      bash scripts/test-session.sh cargo bench -p supervisor-console --bench interactions_ui \
        --features supervisor-console/custom-protocol --locked
      ;;
    *) echo "unknown benchmark: $b (known: interactions, interactions-ui)" >&2; exit 2 ;;
  esac
done
