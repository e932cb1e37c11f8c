#!/usr/bin/env bash
# `devocast script --json` of every English article in the repository, one file each, so a
# change to the reading rules that should change nothing (a refactor) can be shown to leave
# every spoken word alone:
#
#   scripts/script-snapshot.sh snapshot DIR     # write DIR/<article>.json
#   scripts/script-snapshot.sh compare A B      # byte-compare two snapshots, count the files
#
# The articles: episodes/, the articles under tests/fixtures/ (the fixture project's, the
# plain-text shape sample, and the posts of the three blog exports, imported), and every
# English reading case (tests/fixtures/reading/en*.tsv, en-sentences.txt) turned into an
# article of its own. Both snapshots must be taken on the same day: an article without a date
# is announced with today's.
set -euo pipefail
cd "$(dirname "$0")/.."
root=$PWD

snapshot() {
    local out=$1
    mkdir -p "$out"
    out=$(cd "$out" && pwd)
    cargo build -q
    local bin=$root/target/debug/devocast
    local work
    work=$(mktemp -d)
    trap 'rm -rf "$work"' RETURN

    # The reading cases, one article each, in a project of their own (the fixture project's
    # settings, announcements off so no date is spoken).
    mkdir -p "$work/cases/episodes"
    cp tests/fixtures/project/devocast.toml "$work/cases/"
    printf '\n[production]\nannounce = false\n' >>"$work/cases/devocast.toml"
    python3 - "$work/cases/episodes" <<'PY'
import sys, pathlib
out = pathlib.Path(sys.argv[1])
base = pathlib.Path("tests/fixtures/reading")
for name in ["en.tsv", "en-audit.tsv", "en-sentences.txt"]:
    for n, line in enumerate((base / name).read_text().splitlines(), 1):
        if line.startswith("#") or not line.strip():
            continue
        text = line.split("\t")[1] if name.endswith(".tsv") else line.replace(" ‖ ", " ")
        stem = name.split(".")[0]
        (out / f"{stem}-{n:04}.txt").write_text(f"Reading Case {n}\n\n{text}\n")
PY

    # The blog exports' posts, as `devocast import` writes them.
    mkdir -p "$work/import"
    cp tests/fixtures/project/devocast.toml "$work/import/"
    for f in tests/fixtures/import/*; do
        "$bin" import "$f" "$work/import" >/dev/null 2>&1 || true
    done

    local articles=()
    for f in episodes/* tests/fixtures/project/episodes/* tests/fixtures/seed-shape.txt \
        "$work"/import/episodes/* "$work"/cases/episodes/*; do
        [ -f "$f" ] && articles+=("$f")
    done
    for f in "${articles[@]}"; do
        local name=${f#"$work"/}
        name=${name//\//__}
        # The exit code and any error are part of what must not change.
        if "$bin" script --json "$f" >"$out/$name.json" 2>"$work/err"; then :; else
            { echo "exit $?"; cat "$work/err"; } >>"$out/$name.json"
        fi
    done
    echo "${#articles[@]} articles scripted into $out"
}

compare() {
    local a=$1 b=$2
    local na nb
    na=$(find "$a" -type f | wc -l)
    nb=$(find "$b" -type f | wc -l)
    if diff -r "$a" "$b" >/dev/null; then
        echo "identical: $na files in $a, $nb in $b, byte for byte"
    else
        diff -r "$a" "$b" | head -40
        echo "DIFFERENT ($na files in $a, $nb in $b)"
        return 1
    fi
}

case "${1:-}" in
snapshot) snapshot "${2:?usage: $0 snapshot DIR}" ;;
compare) compare "${2:?usage: $0 compare A B}" "${3:?usage: $0 compare A B}" ;;
*)
    echo "usage: $0 snapshot DIR | compare A B" >&2
    exit 2
    ;;
esac
