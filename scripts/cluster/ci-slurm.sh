#!/usr/bin/env bash
# CI: the sample podcast built by a 3-task Slurm job array and a dependent publish job (the
# example devocast.sbatch, unchanged), compared byte for byte with one ordinary build.
# Needs Debian's slurm-wlm and munge, root, and a release build of devocast.
set -euo pipefail
repo=$(cd "$(dirname "$0")/../.." && pwd)
export DEVOCAST=${DEVOCAST:-${CARGO_TARGET_DIR:-$repo/target}/release/devocast}
"$repo/scripts/cluster/start-slurm.sh" >/dev/null
work=$(mktemp -d /tmp/devocast-slurm.XXXXXX)
for copy in single array; do
  mkdir "$work/$copy"
  cp -r "$repo/devocast.toml" "$repo/published.toml" "$repo/episodes" "$repo/audio" "$work/$copy/"
  # The record as committed (no voice yet): the build of the sample before this script
  # recorded the Piper voice of its Python environment, which these builds (outside it) would
  # rightly refuse to replace.
  if git -C "$repo" cat-file -e HEAD:published.toml 2>/dev/null; then
    git -C "$repo" show HEAD:published.toml >"$work/$copy/published.toml"
  fi
done
"$DEVOCAST" build --offline "$work/single" >"$work/single.log"

cd "$work/array"
start=$(date +%s)
build=$(sbatch --parsable --array=0-2 "$repo/scripts/cluster/devocast.sbatch" build)
# --wait: returns when the publish job ends, with its exit code.
timeout 300 sbatch --wait --dependency="afterok:$build" --output=devocast-publish-%j.out \
  "$repo/scripts/cluster/devocast.sbatch" publish >/dev/null || {
  echo "the Slurm build failed:" >&2; tail -n 30 "$work"/array/devocast-*.out >&2; exit 1; }
echo "Slurm: 3-task array and publish in $(( $(date +%s) - start )) s"
grep -h "^shard" devocast-*_*.out
for part in feed masters published.toml; do
  diff -r "$work/single/$part" "$work/array/$part" >/dev/null || {
    echo "the Slurm build differs from a single build in $part:" >&2
    diff -rq "$work/single/$part" "$work/array/$part" >&2; exit 1; }
done
echo "Slurm build byte-identical to a single build ($(ls "$work/array/feed" | wc -l) files in feed/)"
rm -rf "$work"
