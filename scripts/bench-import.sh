#!/usr/bin/env bash
# Measures `devocast import` on generated WordPress exports of 500, 5,000 and 18,000 posts
# (about 3, 27 and 94 MB): wall time and peak memory (GNU time) of a first import and of a re-import
# with nothing changed. Memory should not grow with the export.
set -euo pipefail
cd "$(dirname "$0")/.."
cargo build --release -q
bin=$PWD/target/release/devocast
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
printf '%-8s %8s %-12s %8s %10s\n' posts MB run "wall s" "peak MB"
for n in 500 5000 18000; do
  python3 scripts/gen-wxr.py "$n" "$work/export-$n.xml"
  mb=$(du -m "$work/export-$n.xml" | cut -f1)
  rm -rf "$work/p" && "$bin" init "$work/p" >/dev/null && rm -f "$work/p"/episodes/*
  for run in first again; do
    /usr/bin/time -f "%e %M" -o "$work/t" "$bin" import "$work/export-$n.xml" "$work/p" >"$work/out"
    read -r wall kb <"$work/t"
    printf '%-8s %8s %-12s %8s %10s\n' "$n" "$mb" "$run" "$wall" "$((kb / 1024))"
    grep '^imported' "$work/out"
  done
done
