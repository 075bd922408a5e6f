#!/usr/bin/env bash
# Runs every test: installs what is missing (scripts/setup.sh), runs each test project, and ends with
# one line "N passed, N failed" summed over all projects (from the TRX results).
set -uo pipefail
repo="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
cd "$repo"
"$repo/scripts/setup.sh" || { echo "0 passed, 1 failed"; exit 1; }
configuration="${PIXELHOLO_CONFIGURATION:-Release}"
results="$repo/runtime/test-results"
rm -rf "$results"; mkdir -p "$results"
status=0
dotnet test PixelHolo.slnx -c "$configuration" --no-build --logger "trx" --results-directory "$results" \
  --blame-hang-timeout 10m -- xUnit.ParallelizeTestCollections=true "$@" || status=$?
passed=0; failed=0
for trx in "$results"/*.trx; do
  [ -f "$trx" ] || continue
  counters=$(grep -o '<Counters [^>]*>' "$trx" | head -1)
  p=$(sed -n 's/.* passed="\([0-9]*\)".*/\1/p' <<<"$counters"); f=$(sed -n 's/.* failed="\([0-9]*\)".*/\1/p' <<<"$counters")
  passed=$((passed + ${p:-0})); failed=$((failed + ${f:-0}))
done
[ "$status" -ne 0 ] && [ "$failed" -eq 0 ] && failed=1
echo "$passed passed, $failed failed"
exit "$status"
