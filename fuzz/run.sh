#!/usr/bin/env bash
# Builds and runs every fuzz target (or the ones named) for SECONDS each, one after the other,
# then minimises each target's committed corpus (fuzz/corpus/TARGET/) with `cargo fuzz cmin`,
# keeps it to 200 files and 512 KiB, and prints, per target: executions, final coverage
# (libFuzzer's cov: and ft:), the size of the committed corpus and the edges it reaches (what
# `cargo test` replays), and the crash, timeout and OOM artefacts written (fuzz/artifacts/).
#
#   bash fuzz/run.sh SECONDS [TARGET...]
#   nice -n 10 bash fuzz/run.sh 600         # on a shared machine
#
# Each target is seeded from its committed corpus and keeps what it finds in a working corpus,
# fuzz/work/corpus/TARGET/ (ignored by git), so a second run continues where the first one
# stopped. A target that crashes is restarted for the rest of its time (at most 5 times); the
# replay test (tests/fuzz_replay.rs) then replays the committed corpus in `cargo test`.
# Runs on the stable toolchain through RUSTC_BOOTSTRAP (cargo fuzz needs nightly flags).
set -uo pipefail
cd "$(dirname "$0")"

if [ $# -lt 1 ] || ! [[ $1 =~ ^[0-9]+$ ]]; then
  echo "usage: bash fuzz/run.sh SECONDS [TARGET...]" >&2
  exit 2
fi
seconds=$1
shift

export RUSTC_BOOTSTRAP=1
export CARGO_TERM_COLOR=never
command -v cargo-fuzz > /dev/null || cargo install cargo-fuzz || exit 2

echo "==> cargo fuzz build ($(date -u +%FT%TZ))"
build_start=$(date +%s)
cargo fuzz build || exit 2
echo "    built in $(($(date +%s) - build_start)) s"

if [ $# -gt 0 ]; then
  targets=("$@")
else
  mapfile -t targets < <(cargo fuzz list)
fi

work=work
mkdir -p "$work/logs" "$work/corpus" artifacts
# FUZZ_TAG names the summary of one of several runs going at once.
summary="$work/summary${FUZZ_TAG:+-$FUZZ_TAG}.txt"
: > "$summary"

# Keeps a committed corpus within 200 files and 512 KiB (it lives in git and `cargo test`
# replays it), losing as few edges as it can: the seeds (`seed-*`), then again and again the
# file that reaches the most edges not reached yet (the smaller on a tie) among those that
# still fit, until no file adds an edge. libFuzzer lists the edges of each file in a merge
# control file. What is dropped stays in the working corpus, so fuzzing does not lose it.
trim() {
  local target=$1 folder=$2 scratch="$work/trim/$1"
  local files bytes
  files=$(find "$folder" -type f | wc -l)
  bytes=$(folder_bytes "$folder")
  [ "$files" -le 200 ] && [ "$bytes" -le 524288 ] && return
  rm -rf "$scratch"
  mkdir -p "$scratch/out"
  if ! cargo fuzz run "$target" "$scratch/out" "$folder" -- -merge=1 -use_counters=0 \
    -merge_control_file="$scratch/control" -rss_limit_mb=4096 -timeout=10 >> "$log" 2>&1; then
    echo "    the edges of each file could not be listed: $folder is not trimmed (see $log)"
    rm -rf "$scratch"
    return
  fi
  python3 - "$folder" "$scratch/control" <<'PY'
import os, sys
folder, control = sys.argv[1], sys.argv[2]
lines = open(control).read().split("\n")
count = int(lines[0])
names = [os.path.basename(path) for path in lines[2 : 2 + count]]
edges = {}
for line in lines[2 + count :]:
    parts = line.split()
    if parts[:1] == ["FT"]:  # with -use_counters=0 a file's features are its edges
        edges[int(parts[1])] = set(map(int, parts[2:]))
size = [os.path.getsize(os.path.join(folder, name)) for name in names]
kept = [i for i, name in enumerate(names) if name.startswith("seed-")]
reached = set().union(*(edges.get(i, set()) for i in kept))
used = sum(size[i] for i in kept)
rest = set(range(count)) - set(kept)
while len(kept) < 200:
    fits = [i for i in rest if used + size[i] <= 512 * 1024]
    gains = [(len(edges.get(i, set()) - reached), -size[i], i) for i in fits]
    best = max(gains, default=None)
    if best is None or best[0] == 0:
        break
    i = best[2]
    kept.append(i)
    rest.discard(i)
    reached |= edges.get(i, set())
    used += size[i]
for i in rest:
    os.remove(os.path.join(folder, names[i]))
PY
  rm -rf "$scratch"
}

# The bytes of the files of a folder.
folder_bytes() {
  find "$1" -type f -printf '%s\n' | awk '{ total += $1 } END { print total + 0 }'
}

# The last value of a libFuzzer statistic (`cov: 123`) in a log.
last_stat() {
  grep -o "$1: [0-9]*" "$2" | tail -n 1 | grep -o '[0-9]*$' || true
}

for target in "${targets[@]}"; do
  committed="corpus/$target"
  working="$work/corpus/$target"
  mkdir -p "$committed" "$working" "artifacts/$target"
  log="$work/logs/$target.log"
  : > "$log"
  before=$(find "artifacts/$target" -type f | sort)
  echo "==> $target: ${seconds} s ($(date -u +%FT%TZ))"
  start=$(date +%s)
  execs=0
  restarts=0
  while :; do
    left=$((seconds - ($(date +%s) - start)))
    [ "$left" -gt 0 ] || break
    session="$work/logs/$target.session.log"
    cargo fuzz run "$target" "$working" "$committed" -- \
      -max_total_time="$left" -rss_limit_mb=4096 -timeout=10 -print_final_stats=1 \
      > "$session" 2>&1
    status=$?
    cat "$session" >> "$log"
    runs=$(last_stat 'stat::number_of_executed_units' "$session")
    # A session that crashed prints no final statistics: its last status line counts.
    [ -n "$runs" ] || runs=$(grep -o '^#[0-9]*' "$session" | tail -n 1 | tr -d '#')
    execs=$((execs + ${runs:-0}))
    [ "$status" -eq 0 ] && break
    restarts=$((restarts + 1))
    echo "    stopped with status $status (see $log)"
    if [ "$restarts" -ge 5 ]; then
      echo "    not restarted again"
      break
    fi
  done
  elapsed=$(($(date +%s) - start))
  cov=$(last_stat cov "$log")
  ft=$(last_stat ft "$log")

  # Minimise what was committed and what was found to the fewest inputs that reach every edge
  # reached (libFuzzer's greedy set cover with hit counts ignored: about a third of the files
  # of a plain cmin, for a handful of edges less), into the committed corpus. cmin names files
  # by the SHA-1 of their content: the seeds get their names back and are kept. The working
  # corpus keeps everything for the next run.
  minimised="$work/cmin/$target"
  seeds="$work/seeds/$target"
  rm -rf "$minimised" "$seeds"
  mkdir -p "$minimised" "$seeds"
  cp "$working"/* "$committed"/* "$minimised"/ 2> /dev/null
  cp "$committed"/seed-* "$seeds"/ 2> /dev/null
  if cargo fuzz cmin "$target" "$minimised" -- -set_cover_merge=1 -use_counters=0 \
    -rss_limit_mb=4096 -timeout=10 >> "$log" 2>&1; then
    rm -f "$committed"/*
    cp "$minimised"/* "$committed"/
    for seed in "$seeds"/*; do
      [ -e "$seed" ] || continue
      rm -f "$committed/$(sha1sum < "$seed" | cut -d' ' -f1)"
      cp "$seed" "$committed"/
    done
  else
    echo "    cmin failed; the committed corpus is unchanged (see $log)"
  fi
  rm -rf "$minimised" "$seeds"
  trim "$target" "$committed"
  files=$(find "$committed" -type f | wc -l)
  bytes=$(folder_bytes "$committed")
  # The edges the committed corpus reaches: what `cargo test` replays.
  replayed=$(cargo fuzz run "$target" "$committed" -- -runs=0 -rss_limit_mb=4096 -timeout=10 \
    2>&1 | grep INITED | grep -o 'cov: [0-9]*' | grep -o '[0-9]*$')

  after=$(find "artifacts/$target" -type f | sort)
  new=$(comm -13 <(echo "$before") <(echo "$after") | grep . || true)
  crashes=$(echo "$new" | grep -c . || true)
  line=$(printf '%-24s %5ss %10s execs  cov %5s  ft %6s  corpus %3s files %7s B cov %5s  artefacts %s' \
    "$target" "$elapsed" "$execs" "${cov:-?}" "${ft:-?}" "$files" "$bytes" "${replayed:-?}" \
    "$crashes")
  echo "$line" | tee -a "$summary"
  if [ -n "$new" ]; then
    echo "$new" | sed 's/^/    new artefact: fuzz\//' | tee -a "$summary"
  fi
done

echo
echo "==> summary (also in fuzz/$summary)"
cat "$summary"
