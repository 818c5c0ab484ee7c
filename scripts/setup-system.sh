#!/usr/bin/env bash
# Installs the system packages the console needs to build, run and test on Debian/Ubuntu.
# Idempotent: packages already present are skipped by apt; safe to run repeatedly.
# `--media-tools` adds ffmpeg and sox, which the audio benchmark compares against and the
# audio fixtures were made with; the tests themselves do not need them.
set -euo pipefail

PACKAGES=(
  build-essential pkg-config curl file ca-certificates
  libwebkit2gtk-4.1-dev libsoup-3.0-dev librsvg2-dev libxdo-dev libssl-dev
  libasound2-dev libdbus-1-dev
  xvfb xauth x11-utils imagemagick webkit2gtk-driver
  dbus dbus-x11 gnome-keyring libsecret-tools keyutils
  python3-venv sqlite3 xdg-utils desktop-file-utils
)
if [ "${1:-}" = "--media-tools" ]; then
  PACKAGES+=(ffmpeg sox libsox-fmt-all)
fi

missing=()
for p in "${PACKAGES[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done

if [ ${#missing[@]} -eq 0 ]; then
  echo "setup-system: all system packages present"
  exit 0
fi

SUDO=""
[ "$(id -u)" -eq 0 ] || SUDO="sudo"
echo "setup-system: installing ${missing[*]}"
export DEBIAN_FRONTEND=noninteractive
$SUDO apt-get -o DPkg::Lock::Timeout=600 update -qq
$SUDO apt-get -o DPkg::Lock::Timeout=600 install -y -qq --no-install-recommends "${missing[@]}"
