#!/usr/bin/env bash
# The script part of the aiact GitHub Action (action.yml), runnable outside GitHub: it needs
# only `aiact` on PATH and the variables below, so tests/it/integrations.rs runs it too.
#
#   AIACT_DOSSIER        dossier directory (default .)
#   AIACT_DENY_WARNINGS  "true" to fail on warnings
#   AIACT_BUILD          bundle directory to build and verify (empty: no build)
#   AIACT_KEY            signing key for the build (optional)
#   GITHUB_OUTPUT        file the step outputs are appended to (GitHub sets it)
#   GITHUB_STEP_SUMMARY  file the Markdown report is appended to (GitHub sets it)
#   RUNNER_TEMP          where the SARIF report goes (default: a temporary directory)
set -euo pipefail
dossier="${AIACT_DOSSIER:-.}"
deny=()
[ "${AIACT_DENY_WARNINGS:-false}" = true ] && deny=(--deny-warnings)
out="${RUNNER_TEMP:-$(mktemp -d)}"
sarif="$out/aiact.sarif"
json="$out/aiact.json"
output() { [ -n "${GITHUB_OUTPUT:-}" ] && echo "$1=$2" >> "$GITHUB_OUTPUT"; echo "$1=$2"; }

status=0
# Annotations on stdout (GitHub reads them there) and the step summary; the exit code of this
# call is the verdict.
aiact check "$dossier" --format github "${deny[@]}" || status=$?
if [ "$status" -gt 1 ]; then
  echo "aiact could not check $dossier (exit $status)" >&2
  exit "$status"
fi
aiact check "$dossier" --format sarif --output "$sarif" "${deny[@]}" 2> /dev/null || true
aiact check "$dossier" --format json --output "$json" "${deny[@]}" 2> /dev/null || true
read -r errors warnings passed < <(python3 - "$json" <<'PY'
import json, sys
s = json.load(open(sys.argv[1]))["summary"]
print(s["errors"], s["warnings"], s["passed"])
PY
)
output errors "$errors"
output warnings "$warnings"
output passed "$passed"
output sarif "$sarif"

if [ -n "${AIACT_BUILD:-}" ]; then
  key=()
  [ -n "${AIACT_KEY:-}" ] && key=(--key "$AIACT_KEY")
  build_status=0
  aiact build "$dossier" --out "$AIACT_BUILD" "${key[@]}" "${deny[@]}" || build_status=$?
  [ "$build_status" -gt 1 ] && exit "$build_status"
  public=()
  [ -n "${AIACT_KEY:-}" ] && [ -f "$AIACT_KEY.pub" ] && public=(--key "$AIACT_KEY.pub")
  aiact verify "$AIACT_BUILD" "${public[@]}"
fi

if [ "$status" -eq 0 ]; then
  output verdict pass
else
  output verdict fail
fi
exit "$status"
