#!/usr/bin/env bash
# Runs a command inside a private test session: its own D-Bus session bus with an
# unlocked GNOME Keyring (the real Secret Service), and an ALSA null device for audio.
# Usage: scripts/test-session.sh CMD [ARGS...]
set -euo pipefail

if [ -z "${SC_IN_TEST_SESSION:-}" ]; then
  export SC_IN_TEST_SESSION=1
  exec dbus-run-session -- "$0" "$@"
fi

scratch=$(mktemp -d)
trap 'rm -rf "$scratch"' EXIT

# A fresh keyring folder each run: an old one with another password would stay locked.
export XDG_DATA_HOME="$scratch/data"
mkdir -p "$XDG_DATA_HOME"
eval "$(printf 'test-session' | gnome-keyring-daemon --unlock --components=secrets)" >/dev/null
export GNOME_KEYRING_CONTROL
# The daemon claims its bus name a moment after it returns; a probe sent before that
# would make D-Bus start a second, locked daemon. Wait for the name first.
for _ in $(seq 50); do
  if dbus-send --session --print-reply --dest=org.freedesktop.DBus /org/freedesktop/DBus \
      org.freedesktop.DBus.NameHasOwner string:org.freedesktop.secrets 2>/dev/null |
      grep -q 'boolean true'; then
    break
  fi
  sleep 0.1
done
# Fail loudly now rather than with a confusing error in the middle of the tests.
if ! printf 'probe' | secret-tool store --label=probe sc-probe probe 2>"$scratch/keyring.err"; then
  echo "test-session: the Secret Service keyring did not start:" >&2
  cat "$scratch/keyring.err" >&2
  exit 1
fi
secret-tool clear sc-probe probe

# No sound card here: audio output goes to ALSA's null device.
cat >"$scratch/asound.conf" <<'ALSA'
</usr/share/alsa/alsa.conf>
pcm.!default { type null }
ctl.!default { type hw card 0 }
ALSA
export ALSA_CONFIG_PATH="$scratch/asound.conf"

"$@"
