#!/bin/sh
# run-both.sh -- the whole suite: the normal build, then the same tests under
# AddressSanitizer + UndefinedBehaviorSanitizer (build/san); ends with one
# summed "N passed, N failed" line, as CI reads it.
set -u
out=$(mktemp)
trap 'rm -f "$out"' EXIT
status=0
make --no-print-directory -s test-fast 2>&1 | tee -a "$out" || status=1
make --no-print-directory -s test-san 2>&1 | tee -a "$out" || status=1
passed=$(grep -E '^build[^:]*: [0-9]+ passed' "$out" | sed -E 's/.*: ([0-9]+) passed.*/\1/' | awk '{s+=$1} END {print s+0}')
failed=$(grep -E '^build[^:]*: [0-9]+ passed' "$out" | sed -E 's/.* ([0-9]+) failed.*/\1/' | awk '{s+=$1} END {print s+0}')
builds=$(grep -cE '^build[^:]*: [0-9]+ passed' "$out")
if [ "$builds" -ne 2 ]; then
	echo "a build did not finish its tests (see above)"
	failed=$((failed + 1))
fi
echo "all: $passed passed, $failed failed"
[ "$status" -eq 0 ] && [ "$failed" -eq 0 ]
