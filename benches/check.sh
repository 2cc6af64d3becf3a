#!/usr/bin/env bash
# Benchmark of `aiact check` and `aiact evals` on a large generated dossier (answered as an
# import would answer it: every record has its direction): 5,000 evaluation records,
# 2,000 listed data sources and 10,000 listed domains (issue 3's target: under 100 ms and
# under 100 MB in a release build on the 2-core machine). Prints the median and worst wall
# time and the peak resident memory over RUNS runs, and exits 1 if a target is missed.
#   bash benches/check.sh [RUNS]
set -euo pipefail
cd "$(dirname "$0")/.."
runs="${1:-15}"
cargo build --release --quiet
binary="${CARGO_TARGET_DIR:-target}/release/aiact"
dir="$(mktemp -d)"
trap 'rm -rf "$dir"' EXIT

python3 - "$dir" <<'PY'
import os, random, sys
d = sys.argv[1]
random.seed(7)
root = """format_version: 2
provider:
  legal_name: Benchmark AI SAS
  country: FR
  established_in_eu: true
  is_sme: false
  contact: {email: bench@example.eu}
model:
  name: Bench-LM
  version: "1.0"
  release_date: 2026-01-10
  placed_on_eu_market: true
  eu_placement_date: 2026-01-10
  general_purpose: true
  licence: {identifier: proprietary, category: proprietary}
"""
open(os.path.join(d, "aiact.yaml"), "w").write(root)
open(os.path.join(d, "technical.yaml"), "w").write("""compute:
  training_flop: 2.4e24
  method: architecture
  estimate_inputs: {parameters: 4.0e10, tokens: 1.0e13}
modalities:
  input: [{modality: text, formats: [UTF-8 text], max_size: 131072, max_size_unit: tokens}]
  output: [{modality: text, formats: [UTF-8 text], max_size: 8192, max_size_unit: tokens}]
""")
with open(os.path.join(d, "evaluations.yaml"), "w") as f:
    f.write("records:\n")
    for i in range(5000):
        f.write(f"""  - benchmark: bench-{i}
    task: task-{i % 50}
    metric: acc
    value: {random.random():.4f}
    unit: fraction
    higher_is_better: true
    n_shot: 5
    samples: 1000
    samples_total: 1000
    harness: lm-evaluation-harness
    harness_version: "0.4.8"
    date: 2026-01-{i % 28 + 1:02d}
    model_version: "1.0"
""")
with open(os.path.join(d, "data.yaml"), "w") as f:
    f.write("sources:\n  public_datasets:\n    used: true\n    modalities: [text]\n    large_datasets:\n")
    for i in range(2000):
        f.write(f"""      - name: dataset-{i}
        version: "1.{i}"
        url: https://example.org/datasets/{i}
        modality: text
        licence: CC-BY-4.0
        share_percent: 0.05
        whole_dataset: true
""")
    f.write("  crawled_data:\n    used: true\n    modalities: [text]\n    top_domains:\n      total_domains: 100000\n      domains:\n")
    for i in range(10000):
        f.write(f"        - site-{i}.example.org\n")
PY

printf 'dossier: %s bytes in %s files\n' "$(cat "$dir"/*.yaml | wc -c)" "$(ls "$dir"/*.yaml | wc -l)"
"$binary" check "$dir" --as-of 2026-11-29 --format json > "$dir/report.json" || true
python3 - "$dir/report.json" <<'PY'
import json, sys
r = json.load(open(sys.argv[1]))
print("findings:", r["summary"])
PY

# Times COMMAND... RUNS times; prints the median and worst wall time and the peak resident
# memory, and fails if the median is not under 100 ms or the peak not under 100 MB.
measure() {
  local name="$1"; shift
  local times=() peak=0 kb start end
  for _ in $(seq "$runs"); do
    start=$EPOCHREALTIME
    "$@" > /dev/null || true
    end=$EPOCHREALTIME
    times+=("$(awk -v a="$start" -v b="$end" 'BEGIN { printf "%.4f", b - a }')")
    # `check` exits 1 on this dossier (it has failing rules); only the measurement matters.
    kb=$( { /usr/bin/time -f '%M' "$@" > /dev/null || true; } 2>&1 | tail -1 )
    (( kb > peak )) && peak=$kb
  done
  local sorted median worst
  sorted=$(printf '%s\n' "${times[@]}" | sort -n)
  median=$(echo "$sorted" | sed -n "$(( (runs + 1) / 2 ))p")
  worst=$(echo "$sorted" | tail -1)
  echo "$name: median $(awk -v m="$median" 'BEGIN { printf "%.1f", m * 1000 }') ms, worst $(awk -v m="$worst" 'BEGIN { printf "%.1f", m * 1000 }') ms over ${runs} runs; peak RSS $(( peak / 1024 )) MB"
  awk -v m="$median" 'BEGIN { exit !(m < 0.100) }' || { echo "MISSED: $name median is not under 100 ms"; status=1; }
  (( peak < 100 * 1024 )) || { echo "MISSED: $name peak RSS is not under 100 MB"; status=1; }
}
status=0
measure check "$binary" check "$dir" --as-of 2026-11-29 --format json
measure evals "$binary" evals "$dir" --format json
exit $status
