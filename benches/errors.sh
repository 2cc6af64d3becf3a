#!/usr/bin/env bash
# Benchmark of error reporting on hostile input (issue 9): a dossier file with N unknown keys
# (10,000, 30,000 and 100,000) and a rule pack with 20,000 bad rules. Before the fix each
# diagnostic handed the whole file to the renderer (3.4 s, 29 s and over 120 s; 18 s for the
# pack). Target: linear, each case under 2 s in a release build on the 2-core machine. Prints
# the wall time and peak resident memory of each and exits 1 if a target is missed.
#   bash benches/errors.sh
set -euo pipefail
cd "$(dirname "$0")/.."
cargo build --release --quiet
binary="${CARGO_TARGET_DIR:-target}/release/aiact"
dir="$(mktemp -d)"
trap 'rm -rf "$dir"' EXIT

"$binary" init "$dir/base" > /dev/null 2>&1
python3 - "$dir" <<'PY'
import os, shutil, sys
d = sys.argv[1]
base = open(os.path.join(d, "base", "aiact.yaml")).read()
for n in (10_000, 30_000, 100_000):
    target = os.path.join(d, f"keys-{n}")
    shutil.copytree(os.path.join(d, "base"), target)
    with open(os.path.join(target, "aiact.yaml"), "w") as f:
        f.write(base)
        for i in range(n):
            f.write(f"unknown_key_{i}: 1\n")
os.makedirs(os.path.join(d, "pack"))
with open(os.path.join(d, "pack", "bad.yaml"), "w") as f:
    f.write("area: bad\ntitle: Bad\nrules:\n")
    for i in range(20_000):
        f.write(f"  - id: BAD-{i}\n    title: Bad\n    legal_basis: [\"Article 53\"]\n    source: act\n"
                f"    check: {{ present: no.such.field }}\n    severity: error\n    message: m\n    help: h\n")
PY

status=0
measure() {
  local label="$1"; shift
  local start end
  start=$(date +%s.%N)
  /usr/bin/time -f "%M" -o "$dir/rss" "$binary" "$@" > /dev/null 2> "$dir/stderr" || true
  end=$(date +%s.%N)
  local seconds rss shown
  seconds=$(python3 -c "print(f'{$end - $start:.2f}')")
  rss=$(( $(cat "$dir/rss") / 1024 ))
  shown=$(grep -c '^error' "$dir/stderr" || true)
  echo "$label: ${seconds} s, peak ${rss} MB, ${shown} errors shown; $(tail -1 "$dir/stderr")"
  if python3 -c "import sys; sys.exit(0 if $seconds < 2 else 1)"; then :; else
    echo "  missed the 2 s target" >&2; status=1
  fi
}
command -v /usr/bin/time > /dev/null || { echo "needs /usr/bin/time (apt-get install time)" >&2; exit 2; }
for n in 10000 30000 100000; do
  measure "check, $n unknown keys" check "$dir/keys-$n"
done
measure "check, a pack of 20000 bad rules" check "$dir/base" --rules "$dir/pack"
exit "$status"
