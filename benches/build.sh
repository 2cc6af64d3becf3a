#!/usr/bin/env bash
# Benchmark of `aiact build` on examples/frontier-non-eu: every document in Markdown, HTML and
# PDF, the compliance report and the dossier copy (issue 4's target: under 2 s and under 300 MB
# in a release build on the 2-core machine). Prints the median and worst wall time, the peak
# resident memory over RUNS runs and the PDF page counts; exits 1 if a target is missed.
#   bash benches/build.sh [RUNS] [EXAMPLE]
set -euo pipefail
cd "$(dirname "$0")/.."
runs="${1:-7}"
example="${2:-examples/frontier-non-eu}"
cargo build --release --quiet
binary="${CARGO_TARGET_DIR:-target}/release/aiact"
out="$(mktemp -d)"
trap 'rm -rf "$out"' EXIT

times=()
peak=0
for i in $(seq "$runs"); do
  start=$EPOCHREALTIME
  "$binary" build "$example" --out "$out/t$i" --as-of 2026-11-29 2> /dev/null || true
  end=$EPOCHREALTIME
  times+=("$(awk -v a="$start" -v b="$end" 'BEGIN { printf "%.4f", b - a }')")
  /usr/bin/time -f '%M' -o "$out/rss" "$binary" build "$example" --out "$out/m$i" --as-of 2026-11-29 2> /dev/null || true
  kb=$(tail -1 "$out/rss")
  (( kb > peak )) && peak=$kb
done
sorted=$(printf '%s\n' "${times[@]}" | sort -n)
median=$(echo "$sorted" | sed -n "$(( (runs + 1) / 2 ))p")
worst=$(echo "$sorted" | tail -1)
pages=""
if command -v pdfinfo > /dev/null; then
  for pdf in "$out/t1"/*.pdf; do
    pages+="$(basename "$pdf" .pdf) $(pdfinfo "$pdf" 2> /dev/null | awk '/^Pages:/ { print $2 }'); "
  done
fi
echo "build $example: median $(awk -v m="$median" 'BEGIN { printf "%.2f", m }') s, worst $(awk -v m="$worst" 'BEGIN { printf "%.2f", m }') s over ${runs} runs; peak RSS $(( peak / 1024 )) MB"
[[ -n "$pages" ]] && echo "PDF pages: $pages"
status=0
awk -v m="$median" 'BEGIN { exit !(m < 2.0) }' || { echo "MISSED: median is not under 2 s"; status=1; }
(( peak < 300 * 1024 )) || { echo "MISSED: peak RSS is not under 300 MB"; status=1; }
exit $status
