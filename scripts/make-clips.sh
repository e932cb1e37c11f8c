#!/usr/bin/env bash
# Regenerates the sample podcast's music in audio/ and the decoder test clips in
# tests/fixtures/clips/ (run by hand; the results are committed). Needs ffmpeg with
# libmp3lame, libvorbis and flac (Debian's ffmpeg has them).
set -euo pipefail
cd "$(dirname "$0")/.."
tmp=$(mktemp -d)
tune() { cargo run --release -q --example hymn_tune -- "$@"; }

mkdir -p audio/hymns
tune old100 "$tmp/501.wav" 44100 2
ffmpeg -v error -y -i "$tmp/501.wav" -c:a libmp3lame -b:a 56k audio/hymns/501.mp3
tune rest "$tmp/302.wav" 48000 1
ffmpeg -v error -y -i "$tmp/302.wav" -c:a libvorbis -q:a 1 audio/hymns/302.ogg
tune old100-f "$tmp/427.wav" 22050 1
ffmpeg -v error -y -i "$tmp/427.wav" -c:a libmp3lame -b:a 32k audio/hymns/427.mp3
tune chime-up "$tmp/intro.wav" 22050 1
ffmpeg -v error -y -i "$tmp/intro.wav" -c:a flac audio/intro.flac
tune chime-down "$tmp/outro.wav" 44100 2
ffmpeg -v error -y -i "$tmp/outro.wav" -c:a libvorbis -q:a 2 audio/outro.ogg

# Decoder fixtures: half a second of a two-tone chord in each format, rate and layout.
mkdir -p tests/fixtures/clips
clip() { # name rate channels codec...
  local name=$1 rate=$2 ch=$3; shift 3
  ffmpeg -v error -y -f lavfi -i "sine=frequency=440:sample_rate=$rate:duration=0.5" \
    -f lavfi -i "sine=frequency=660:sample_rate=$rate:duration=0.5" \
    -filter_complex "[0][1]amix=inputs=2,volume=0.8" -ac "$ch" "$@" "tests/fixtures/clips/$name"
}
clip tone-22050-mono.mp3 22050 1 -c:a libmp3lame -b:a 32k
clip tone-44100-stereo.mp3 44100 2 -c:a libmp3lame -b:a 64k
clip tone-48000-mono.mp3 48000 1 -c:a libmp3lame -b:a 48k
clip tone-22050-stereo.flac 22050 2 -c:a flac
clip tone-48000-mono.flac 48000 1 -c:a flac
clip tone-44100-mono.ogg 44100 1 -c:a libvorbis -q:a 2
clip tone-48000-stereo.ogg 48000 2 -c:a libvorbis -q:a 2
clip tone-22050-mono.ogg 22050 1 -c:a libvorbis -q:a 2
clip tone-44100-stereo.m4a 44100 2 -c:a aac -b:a 64k
rm -rf "$tmp"
ls -l audio audio/hymns tests/fixtures/clips
