#!/usr/bin/env bash
# Makes the short recordings the decoder tests read (committed; run again only to change
# them). Every file holds the same two seconds: left, a 440 Hz sine at half scale; right,
# silence for one second, then 1 kHz at quarter scale. Mono files hold the left side.
# Needs ffmpeg and sox: `bash scripts/setup-system.sh --media-tools`.
set -euo pipefail
cd "$(dirname "$0")/../crates/core/tests/fixtures/recordings"

signal() { # RATE CHANNELS
  local expr='0.5*sin(2*PI*440*t)'
  # Commas inside a filter's arguments are escaped for the filter graph parser.
  [ "$2" -eq 2 ] && expr="$expr|if(gte(t\\,1)\\,0.25*sin(2*PI*1000*t)\\,0)"
  echo "aevalsrc=${expr}:s=$1:d=2"
}
ff() { ffmpeg -nostdin -hide_banner -loglevel error -y "$@"; }

ff -f lavfi -i "$(signal 8000 1)" -c:a pcm_s16le tone-8k-mono-s16.wav
ff -f lavfi -i "$(signal 8000 2)" -c:a pcm_mulaw stereo-8k-ulaw.wav
ff -f lavfi -i "$(signal 48000 2)" -c:a pcm_s16le stereo-48k-s16.wav
ff -f lavfi -i "$(signal 16000 2)" -c:a pcm_s24le stereo-16k-s24.wav
ff -f lavfi -i "$(signal 16000 2)" -c:a pcm_f32le stereo-16k-f32.wav
ff -f lavfi -i "$(signal 48000 2)" -c:a libmp3lame -b:a 96k stereo-48k.mp3
ff -f lavfi -i "$(signal 48000 2)" -c:a libvorbis -q:a 3 stereo-48k.ogg
ff -f lavfi -i "$(signal 48000 2)" -c:a libopus -b:a 32k stereo-48k-opus.ogg
ff -f lavfi -i "$(signal 48000 2)" -c:a aac -b:a 64k stereo-48k.m4a
# sox writes the 8-bit unsigned WAV and the FLAC from the 16-bit WAV.
sox stereo-16k-s24.wav -b 8 -e unsigned-integer stereo-16k-u8.wav
sox stereo-48k-s16.wav stereo-48k.flac
ls -l
