#!/usr/bin/env bash
# Builds the same synthetic corpus with briefing and with Hugo, alternately, and
# prints median wall time, peak memory and the ratio for each corpus size.
#
#   bash bench/compare.sh                  # 1,000 and 10,000 sections, 5 runs each
#   SIZES="1000 10000 50000" RUNS=3 bash bench/compare.sh
#
# Settings (environment):
#   SIZES         corpus sizes in sections (default "1000 10000")
#   RUNS          builds per tool and size (default 5)
#   GEN_CORPUS    the corpus generator (default bench/gen_corpus.py, relative
#                 to the repository)
#   BENCH_DIR     where corpora and outputs go (default ${TMPDIR:-/tmp}/briefing-bench)
#   BRIEFING_BIN  a briefing binary to time (default: build target/release/briefing)
#   HUGO          0 to time briefing alone
#   OUT_DIR       where the built sites go (default $BENCH_DIR/out); a RAM disk such as
#                 /dev/shm/briefing-bench takes the disk's own variance out of the figures
#   SETTLE        seconds to wait after a `sync` before each timed build (default 0), so
#                 one build's write-back does not fall into the next build's time
#
# The tools run alternately (briefing, Hugo, briefing, Hugo, …), each into a new
# output folder, so both see the same background load. Wall time and peak resident
# memory come from GNU time (`/usr/bin/time -v`); each run's figures stay in
# $BENCH_DIR/{briefing,hugo}-SECTIONS.times ("seconds kilobytes" per line).
set -euo pipefail

repo=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
sizes=${SIZES:-"1000 10000"}
runs=${RUNS:-5}
gen=${GEN_CORPUS:-$repo/bench/gen_corpus.py}
work=${BENCH_DIR:-${TMPDIR:-/tmp}/briefing-bench}
use_hugo=${HUGO:-1}
out_root=${OUT_DIR:-$work/out}
settle=${SETTLE:-0}

say() { printf '%s\n' "$*" >&2; }

as_root() {
    if [ "$(id -u)" = 0 ]; then "$@"; else sudo "$@"; fi
}

apt_install() {
    say "installing Debian package $1"
    as_root apt-get install -y "$1" >/dev/null || {
        as_root apt-get update >/dev/null && as_root apt-get install -y "$1" >/dev/null
    }
}

setup() {
    [ -f "$gen" ] || { say "corpus generator not found: $gen (set GEN_CORPUS)"; exit 2; }
    [ -x /usr/bin/time ] || apt_install time
    if [ "$use_hugo" = 1 ] && ! command -v hugo >/dev/null; then apt_install hugo; fi
    if [ -z "${BRIEFING_BIN:-}" ]; then
        say "building briefing (release)"
        (cd "$repo" && cargo build --release --quiet)
        local target=${CARGO_TARGET_DIR:-$repo/target}
        case $target in /*) ;; *) target=$repo/$target ;; esac
        BRIEFING_BIN=$target/release/briefing
    fi
    mkdir -p "$work"
}

corpus() {
    local n=$1 dir=$work/corpus-$1
    if [ ! -f "$dir/.complete" ]; then
        say "generating $n sections in $dir"
        rm -rf "$dir"
        python3 "$gen" "$n" "$dir" --layouts briefing,hugo >/dev/null
        touch "$dir/.complete"
    fi
    printf '%s' "$dir"
}

# Runs a command under GNU time; prints "seconds kilobytes".
measure() {
    local log=$work/time.log
    if ! /usr/bin/time -v -o "$log" "$@" >/dev/null 2>"$work/stderr.log"; then
        say "failed: $*"; cat "$work/stderr.log" >&2; exit 1
    fi
    awk -F': ' '
        /Elapsed \(wall clock\)/ { n = split($2, p, ":"); s = 0
                                   for (i = 1; i <= n; i++) s = s * 60 + p[i] }
        /Maximum resident set size/ { kb = $2 }
        END { printf "%.3f %d\n", s, kb }' "$log"
}

quiet_disk() {
    if [ "$settle" != 0 ]; then sync; sleep "$settle"; fi
}

median() { sort -g | awk '{ v[NR] = $1 } END { print (NR % 2) ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2 }'; }
highest() { sort -g | tail -n 1; }

bench_size() {
    local n=$1 dir
    dir=$(corpus "$n")
    : >"$work/briefing-$n.times"; : >"$work/hugo-$n.times"
    for run in $(seq "$runs"); do
        # A new folder per run, deleted only when the script ends (see clean_up).
        local out=$out_root/$n-$run
        mkdir -p "$out"
        quiet_disk
        measure "$BRIEFING_BIN" build --root "$dir/briefing" --output "$out/briefing" >>"$work/briefing-$n.times"
        if [ "$use_hugo" = 1 ]; then
            quiet_disk
            measure hugo --quiet --source "$dir/hugo" --destination "$out/hugo" >>"$work/hugo-$n.times"
        fi
        say "  $n sections, run $run/$runs done"
    done
    local bw bm hw="" hm="" ratio=""
    bw=$(cut -d' ' -f1 "$work/briefing-$n.times" | median)
    bm=$(cut -d' ' -f2 "$work/briefing-$n.times" | highest)
    if [ "$use_hugo" = 1 ]; then
        hw=$(cut -d' ' -f1 "$work/hugo-$n.times" | median)
        hm=$(cut -d' ' -f2 "$work/hugo-$n.times" | highest)
        ratio=$(awk -v h="$hw" -v b="$bw" 'BEGIN { printf "%.1f×", h / b }')
        hw=$(printf '%.2f s' "$hw"); hm=$(awk -v k="$hm" 'BEGIN { printf "%.0f MB", k / 1024 }')
    fi
    printf '| %s | %.2f s | %s | %s | %s | %s |\n' "$n" "$bw" \
        "$(awk -v k="$bm" 'BEGIN { printf "%.0f MB", k / 1024 }')" "${hw:--}" "${hm:--}" "${ratio:--}"
}

# Removes the built sites and notes when. Without a journal (as on this kind of
# machine), ext4 avoids reusing inodes freed in the last few seconds, or up to five
# minutes while their inode-table block is unwritten, and scans past them again for
# every file it creates: the runs that follow a large clean-up would be slowed for no
# reason of their own.
clean_up() {
    [ -e "$out_root" ] || return 0
    rm -rf "$out_root"
    date +%s >"$work/cleaned-at"
}

# Waits until the last clean-up is more than 305 s old (not needed on a RAM disk).
wait_for_disk() {
    mkdir -p "$out_root"
    [ "$(stat -f -c %T "$out_root")" = tmpfs ] && return 0
    [ -f "$work/cleaned-at" ] || return 0
    local left=$(($(cat "$work/cleaned-at") + 310 - $(date +%s)))
    if [ "$left" -gt 0 ]; then
        say "waiting ${left}s: the disk is still reusing the files cleaned up last time"
        sync; sleep "$left"
    fi
}

main() {
    setup
    clean_up
    wait_for_disk
    trap clean_up EXIT
    say "load before: $(uptime)"
    local rows=()
    for n in $sizes; do rows+=("$(bench_size "$n")"); done
    say "load after: $(uptime)"
    local hugo_version="-"
    [ "$use_hugo" = 1 ] && hugo_version=$(hugo version | awk '{ print $2 }')
    echo "briefing $("$BRIEFING_BIN" --version | awk '{ print $2 }'), Hugo $hugo_version; median of $runs runs, peak memory the highest"
    echo
    echo "| sections | briefing wall | briefing peak memory | Hugo wall | Hugo peak memory | Hugo ÷ briefing |"
    echo "|---|---|---|---|---|---|"
    printf '%s\n' "${rows[@]}"
}

main
