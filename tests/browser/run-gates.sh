#!/usr/bin/env bash
# Real-client quality gates over a built briefing site.
#
#   bash tests/browser/run-gates.sh [SITE_DIR] [SEARCH_WORD]
#
# SITE_DIR defaults to public; SEARCH_WORD to trafficking. Runs every gate
# (even after one fails), prints a summary with timings, exits 1 if any failed.
#
#   html      Nu HTML Checker over every page, errors only      (html-validate.mjs)
#   a11y      axe-core, WCAG 2.1 A/AA + best practice, light+dark (a11y.mjs)
#   crawl     file:// BFS: no network, no failures, no orphans  (crawl.mjs)
#   nojs      the same crawl with JavaScript off: every page still reachable
#   search    type a word, click the first result                (search.mjs)
#   citations follow every paragraph citation to its paragraph;  (citations.mjs)
#             open every section's cited-text panel
#
# Needs: node_modules here (`npm ci --ignore-scripts`), java, /usr/bin/chromium
# (or CHROMIUM_PATH).
#
# The search gate is on by default; SEARCH_GATE=0 skips it.
# Each gate is stopped after GATE_TIMEOUT seconds (default 600).
set -uo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
site="${1:-public}"
word="${2:-trafficking}"
search_gate="${SEARCH_GATE:-1}"

if [ ! -f "$site/index.html" ]; then
  echo "run-gates: $site/index.html not found: build the site first" >&2
  exit 1
fi
if [ ! -d "$here/node_modules/playwright-core" ]; then
  echo "run-gates: $here/node_modules missing: run 'npm ci --ignore-scripts' in tests/browser" >&2
  exit 1
fi

declare -a names=() results=() times=()
failed=0

run_gate() {
  local name="$1"; shift
  echo
  echo "---- gate: $name ----"
  local t0=$SECONDS rc=0
  # A hung browser must not hang CI: each gate gets GATE_TIMEOUT seconds.
  timeout --kill-after=10 "${GATE_TIMEOUT:-600}" node "$@" || rc=$?
  if [ "$rc" -eq 124 ]; then echo "$name: FAIL: timed out after ${GATE_TIMEOUT:-600} s"; fi
  names+=("$name")
  times+=("$((SECONDS - t0))")
  if [ "$rc" -eq 0 ]; then
    results+=("ok")
  else
    results+=("FAIL")
    failed=1
  fi
}

run_gate html "$here/html-validate.mjs" "$site"
run_gate a11y "$here/a11y.mjs" "$site"
run_gate crawl "$here/crawl.mjs" "$site"
run_gate nojs "$here/crawl.mjs" "$site" --no-js
if [ "$search_gate" = "1" ]; then
  run_gate search "$here/search.mjs" "$site" "$word"
else
  echo
  echo "---- gate: search ----"
  echo "search: SKIPPED (SEARCH_GATE=0)"
  names+=(search); results+=("skipped"); times+=(0)
fi
run_gate citations "$here/citations.mjs" "$site"

echo
echo "---- gates summary ($site) ----"
for i in "${!names[@]}"; do
  printf '  %-9s %-8s %4ss\n' "${names[$i]}" "${results[$i]}" "${times[$i]}"
done
npass=0 nfail=0 nskip=0
for r in "${results[@]}"; do
  case "$r" in ok) npass=$((npass + 1)) ;; FAIL) nfail=$((nfail + 1)) ;; *) nskip=$((nskip + 1)) ;; esac
done
echo "gates: $npass passed, $nfail failed, $nskip skipped"
[ "$failed" -eq 0 ] || exit 1
