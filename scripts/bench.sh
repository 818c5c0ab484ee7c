#!/usr/bin/env bash
# Runs the benchmarks and prints their figures. `scripts/bench.sh` runs them all;
# `scripts/bench.sh interactions` one of them. Release builds, in the same private
# session (keyring) the tests use.
set -euo pipefail
cd "$(dirname "$0")/.."

bash scripts/setup.sh
if [ $# -eq 0 ]; then set -- interactions interactions-ui recordings; fi
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
    recordings)
      printf '\n=== Recordings (an hour of 48 kHz stereo, against ffmpeg)\n'
      bash scripts/setup-system.sh --media-tools
      cargo bench -p supervisor-cli --bench recordings --locked
      ;;
    *) echo "unknown benchmark: $b (known: interactions, interactions-ui, recordings)" >&2; exit 2 ;;
  esac
done
