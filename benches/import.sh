#!/usr/bin/env bash
# Benchmark of `aiact import` on 100 MB sources: an Inspect log whose samples make up its size,
# and lm-evaluation-harness results with 2,000 tasks whose configs make up theirs (issue 6's
# target: well under a second per 100 MB in a release build, peak memory under 3 x the file).
# Prints wall time and peak RSS of each import; exits 1 if a target is missed.
#   bash benches/import.sh
set -euo pipefail
cd "$(dirname "$0")/.."
cargo build --release --quiet
target_dir="${CARGO_TARGET_DIR:-target}"
# An absolute CARGO_TARGET_DIR (as .ci/run sets it) is used as it is.
case "$target_dir" in /*) ;; *) target_dir="$(pwd)/$target_dir" ;; esac
binary="$target_dir/release/aiact"
dir="$(mktemp -d)"
trap 'rm -rf "$dir"' EXIT

python3 - "$dir" <<'PY'
import json, os, random, sys
d = sys.argv[1]
random.seed(3)
target = 100 * 1000 * 1000
# Inspect: a header, then samples until 100 MB.
header = {"version": 2, "status": "success",
          "eval": {"task": "bench", "model": "org/model", "created": "2026-11-01T00:00:00+00:00",
                   "dataset": {"samples": 20000}, "packages": {"inspect_ai": "0.3.120"}},
          "results": {"total_samples": 20000, "completed_samples": 20000,
                      "scores": [{"name": "match", "scorer": "match", "metrics": {
                          "accuracy": {"name": "accuracy", "value": 0.8123},
                          "stderr": {"name": "stderr", "value": 0.0027}}}]}}
with open(os.path.join(d, "inspect.json"), "w") as f:
    text = json.dumps(header)[:-1] + ', "samples": ['
    f.write(text)
    size = len(text); i = 0
    while size < target:
        sample = json.dumps({"id": i, "input": "question " * 200, "target": "answer",
                             "messages": [{"role": "assistant", "content": "reasoning " * 300}],
                             "scores": {"match": {"value": "C"}}})
        if i: f.write(","); size += 1
        f.write(sample); size += len(sample); i += 1
    f.write("]}")
# lm-eval: 2,000 tasks with two metrics each, configs padded with prompt templates.
results = {}; configs = {}; nshot = {}; nsamples = {}; versions = {}
for t in range(2000):
    name = f"task_{t}"
    results[name] = {"alias": name, "acc,none": random.random(), "acc_stderr,none": random.random() / 50,
                     "acc_norm,none": random.random(), "acc_norm_stderr,none": "N/A"}
    configs[name] = {"task": name, "num_fewshot": 5, "doc_to_text": "prompt template text " * 2300}
    nshot[name] = 5; nsamples[name] = {"original": 1000, "effective": 1000}; versions[name] = 1.0
log = {"results": results, "configs": configs, "versions": versions, "n-shot": nshot, "n-samples": nsamples,
       "config": {"model": "hf", "model_args": "pretrained=org/model,revision=main"}, "date": 1764374400.0,
       "lm_eval_version": "0.4.8"}
with open(os.path.join(d, "lm-eval.json"), "w") as f:
    json.dump(log, f)
PY

status=0
for kind in inspect lm-eval; do
  source="$dir/$( [ "$kind" = inspect ] && echo inspect.json || echo lm-eval.json )"
  bytes=$(stat -c %s "$source")
  "$binary" init "$dir/d-$kind" 2> /dev/null
  start=$EPOCHREALTIME
  /usr/bin/time -f '%M' -o "$dir/rss" "$binary" import "$kind" "$source" --into "$dir/d-$kind" 2> /dev/null
  end=$EPOCHREALTIME
  seconds=$(awk -v a="$start" -v b="$end" 'BEGIN { printf "%.2f", b - a }')
  kb=$(tail -1 "$dir/rss")
  per100=$(awk -v s="$seconds" -v b="$bytes" 'BEGIN { printf "%.2f", s / (b / 1e8) }')
  ratio=$(awk -v k="$kb" -v b="$bytes" 'BEGIN { printf "%.2f", k * 1024 / b }')
  echo "import $kind: $((bytes / 1000000)) MB in ${seconds} s (${per100} s per 100 MB), peak RSS $((kb / 1024)) MB (${ratio} x the file)"
  awk -v p="$per100" 'BEGIN { exit !(p < 1.0) }' || { echo "MISSED: $kind is not under a second per 100 MB"; status=1; }
  awk -v r="$ratio" 'BEGIN { exit !(r < 3.0) }' || { echo "MISSED: $kind peak memory is not under 3 x the file"; status=1; }
done
exit $status
