#!/usr/bin/env bash
# Times devocast on the sample podcast, all in one run so the ratios hold (hyperfine):
#   cold full build (all cores, then --jobs 1), no-op rebuild, rebuild after editing one
#   paragraph, re-encoding that one episode with the lame CLI (the floor for any rebuild of
#   it), and the shell pipeline a producer would otherwise write (espeak-ng -w, then lame,
#   per article).
# Needs: hyperfine, espeak-ng and lame (Debian packages). Works on a copy in a temp folder.
set -euo pipefail
cd "$(dirname "$0")/.."
cargo build --release -q
bin=$PWD/target/release/devocast
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
cp -r episodes audio devocast.toml published.toml "$work/"
cd "$work"
article=episodes/2026-11-rest-for-the-weary.md
# Alternates one paragraph between two wordings, so every run is a real edit.
cat > edit.sh <<'SH'
f=episodes/2026-11-rest-for-the-weary.md
if grep -q "a better schedule" "$f"; then sed -i 's/a better schedule/a tidier schedule/' "$f"; else sed -i 's/a tidier schedule/a better schedule/' "$f"; fi
SH
"$bin" build . >/dev/null
cat > lame-one.sh <<'SH'
lame --silent -b 64 -m m masters/2026-11-rest-for-the-weary.wav /tmp/bench-one.mp3
SH
cat > shell-pipeline.sh <<'SH'
for f in episodes/*; do
  espeak-ng -v en-us -s 165 -w "/tmp/bench-$(basename "$f").wav" -f "$f"
  lame --silent -b 64 -m m "/tmp/bench-$(basename "$f").wav" "/tmp/bench-$(basename "$f").mp3"
done
SH
hyperfine --export-markdown bench.md --warmup 1 --runs 5 \
  --prepare "rm -rf feed .devocast" --prepare "rm -rf feed .devocast" --prepare "true" \
  --prepare "bash edit.sh" --prepare "true" --prepare "true" \
  -n "cold build, all cores" "$bin build ." \
  -n "cold build, --jobs 1" "$bin build --jobs 1 ." \
  -n "no-op rebuild" "$bin build ." \
  -n "rebuild after editing one paragraph" "$bin build ." \
  -n "lame: re-encode that one episode" "bash lame-one.sh" \
  -n "shell pipeline (espeak-ng -w, lame)" "bash shell-pipeline.sh"
cat bench.md
