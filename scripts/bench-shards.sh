#!/usr/bin/env bash
# Measures what sharding costs on one machine: the sample grown to 12 episodes (each of the
# three articles in four wordings, so no sentence is shared and every one is synthesized)
# built once as a whole, and once as 2 shards run one after the other plus `publish`; wall
# and CPU time of each (GNU time), and whether the results are byte-identical. On a cluster
# the shards run on separate machines: the CPU time is what the split adds in all.
# Set VIRTUAL_ENV to a Python environment holding a Piper voice to measure with it;
# otherwise the build uses the voice `auto` finds.
set -euo pipefail
cd "$(dirname "$0")/.."
cargo build --release -q
bin=$PWD/target/release/devocast
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
mkdir -p "$work/base/episodes"
cp -r audio devocast.toml "$work/base/"
words=(indeed surely truly)
for f in episodes/*; do
  name=$(basename "$f"); stem=${name%.*}; ext=${name##*.}
  cp "$f" "$work/base/episodes/$name"
  for i in 0 1 2; do
    # Every sentence followed by another gets a word, so no two wordings share it.
    sed -E "s/([a-z])\. /\1, ${words[$i]}. /g" "$f" > "$work/base/episodes/$stem-$((i + 2)).$ext"
  done
done
cp -r "$work/base" "$work/whole"
cp -r "$work/base" "$work/sharded"
timed() { /usr/bin/time -f "%e %U %S" -o "$work/t" "$@" >"$work/out" 2>&1 || { cat "$work/out"; exit 1; }
  read -r wall user sys <"$work/t"; echo "$wall $(echo "$user + $sys" | bc)"; }
read -r w_wall w_cpu < <(timed "$bin" build --offline "$work/whole")
grep -E "^summary" "$work/out"
read -r s1_wall s1_cpu < <(timed "$bin" build --offline --shard 1/2 "$work/sharded")
grep -E "^shard" "$work/out" | head -2
read -r s2_wall s2_cpu < <(timed "$bin" build --offline --shard 2/2 "$work/sharded")
grep -E "^shard" "$work/out" | head -2
read -r p_wall p_cpu < <(timed "$bin" publish "$work/sharded")
grep -E "^published" "$work/out"
same=identical
for part in feed masters published.toml; do
  diff -r "$work/whole/$part" "$work/sharded/$part" >/dev/null || same=DIFFERENT
done
printf '%-28s %8s %8s\n' "" "wall s" "CPU s"
printf '%-28s %8s %8s\n' "one build" "$w_wall" "$w_cpu"
printf '%-28s %8s %8s\n' "shard 1/2" "$s1_wall" "$s1_cpu"
printf '%-28s %8s %8s\n' "shard 2/2" "$s2_wall" "$s2_cpu"
printf '%-28s %8s %8s\n' "publish" "$p_wall" "$p_cpu"
printf '%-28s %8s %8s\n' "shards + publish, in turn" \
  "$(echo "$s1_wall + $s2_wall + $p_wall" | bc)" "$(echo "$s1_cpu + $s2_cpu + $p_cpu" | bc)"
echo "results: $same"
