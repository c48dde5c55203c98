#!/bin/sh
# Times `briefing serve` from saving one section of a 1,000-section pack to the
# `reload` event and to the reloaded page being served (median of 10 edits).
#   bench/serve.sh [SECTIONS] [EDITS]
# Needs python3 and the corpus generator (GEN, default bench/gen_corpus.py,
# relative to the repository).
set -eu
sections=${1:-1000}
edits=${2:-10}
here=$(cd "$(dirname "$0")/.." && pwd)
gen=${GEN:-$here/bench/gen_corpus.py}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
python3 "$gen" "$sections" "$work/corpus" --layouts briefing >/dev/null
cd "$here"
cargo build --release --quiet
cargo build --release --quiet --example serve_latency
target=${CARGO_TARGET_DIR:-target}
section=$(ls "$work/corpus/briefing/content/sections" | sed -n 500p)
"$target/release/examples/serve_latency" "$target/release/briefing" \
  "$work/corpus/briefing" "$work/corpus/briefing/content/sections/$section" "$edits"
