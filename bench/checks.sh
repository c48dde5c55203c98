#!/usr/bin/env bash
# What the source checks cost: the benchmark corpus with source texts
# (gen_corpus.py --source-text) built with the checks on, with them off
# ([check] quotations = "off", copied_words = 0), and by Hugo, alternately; prints
# the median wall time and peak memory of each.
#
#   bash bench/checks.sh                      # 10,000 sections, 5 runs each
#   N=1000 RUNS=3 OUT_DIR=/dev/shm bash bench/checks.sh
#
# Settings: N (sections), RUNS, OUT_DIR (where sites are built; a RAM disk takes the
# disk out of the figures), BRIEFING_BIN (default: build target/release/briefing),
# HUGO=0 to leave Hugo out, BENCH_DIR (default ${TMPDIR:-/tmp}/briefing-bench).
set -euo pipefail

repo=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
n=${N:-10000}
runs=${RUNS:-5}
work=${BENCH_DIR:-${TMPDIR:-/tmp}/briefing-bench}
out_root=${OUT_DIR:-$work/out}
gen=${GEN_CORPUS:-$repo/bench/gen_corpus.py}
use_hugo=${HUGO:-1}

[ -f "$gen" ] || { echo "corpus generator not found: $gen (set GEN_CORPUS)" >&2; exit 2; }
[ -x /usr/bin/time ] || apt-get install -y time >/dev/null
if [ "$use_hugo" = 1 ] && ! command -v hugo >/dev/null; then apt-get install -y hugo >/dev/null; fi
if [ -z "${BRIEFING_BIN:-}" ]; then
    (cd "$repo" && cargo build --release --quiet)
    BRIEFING_BIN=$repo/target/release/briefing
fi

corpus=$work/texts-$n
if [ ! -f "$corpus/.complete" ]; then
    rm -rf "$corpus"
    python3 "$gen" "$n" "$corpus" --layouts briefing,hugo --source-text >/dev/null
    touch "$corpus/.complete"
fi
# The same pack with the checks off.
rm -rf "$corpus/off" && mkdir -p "$corpus/off"
cp -r "$corpus/briefing/content" "$corpus/off/"
{ cat "$corpus/briefing/briefing.toml"; printf '\n[check]\nquotations = "off"\ncopied_words = 0\n'; } >"$corpus/off/briefing.toml"

log=$work/checks-$n.times
: >"$log"
kinds="on off"
[ "$use_hugo" = 1 ] && kinds="on off hugo"
mkdir -p "$out_root"
for run in $(seq "$runs"); do
    for kind in $kinds; do
        out=$out_root/checks-$kind
        rm -rf "$out"
        case $kind in
            on) cmd=("$BRIEFING_BIN" build --root "$corpus/briefing" --output "$out") ;;
            off) cmd=("$BRIEFING_BIN" build --root "$corpus/off" --output "$out") ;;
            hugo) cmd=(hugo --quiet --source "$corpus/hugo" --destination "$out") ;;
        esac
        /usr/bin/time -f "$kind %e %M" -a -o "$log" "${cmd[@]}" >/dev/null 2>&1
        rm -rf "$out"
    done
    echo "run $run/$runs done" >&2
done
for kind in $kinds; do
    median=$(grep "^$kind " "$log" | cut -d' ' -f2 | sort -g | awk '{ t[NR] = $1 } END { print t[int((NR + 1) / 2)] }')
    peak=$(grep "^$kind " "$log" | cut -d' ' -f3 | sort -g | tail -n 1)
    printf '%-5s median %s s  peak %s MB\n' "$kind" "$median" "$((peak / 1024))"
done
