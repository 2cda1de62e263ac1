#!/bin/sh
# run-all.sh BUILD_DIR -- runs every test runner against one build and sums
# their "N passed, N failed" lines into one.  Exit 1 if anything failed.
set -u
b=${1:-build}
log=$(mktemp)
trap 'rm -f "$log"' EXIT
status=0
n_runners=0
run() {
	name=$1; shift
	n_runners=$((n_runners + 1))
	if "$@" >"$log.out" 2>"$log.err"; then :; else status=1; fi
	cat "$log.out"
	# Failures are on stderr; show them, keep passing chatter short.
	grep -v ': ok$' "$log.err" >&2 || true
	grep -E '^[a-z_ -]*:? ?[0-9]+ passed, [0-9]+ failed' "$log.out" | tail -n 1 >>"$log"
	rm -f "$log.out" "$log.err"
}
run unit "$b/unit"
run api "$b/apitest"
run api-shared "$b/apitest-so"
run cli tests/cli/run.sh "$b"
run python tests/python/run.sh "$b"
run fuzz tests/fuzz/run.sh "$b"
run corrupt tests/corrupt/run.sh "$b"
run hostile tests/hostile/run.sh "$b"
run diff "$b/difftest"
run oom "$b/oomtest"
passed=$(sed -E 's/.* ([0-9]+) passed.*/\1/' "$log" | awk '{s+=$1} END {print s+0}')
failed=$(sed -E 's/.* ([0-9]+) failed.*/\1/' "$log" | awk '{s+=$1} END {print s+0}')
runners=$(wc -l <"$log")
[ "$runners" -eq "$n_runners" ] || { echo "a test runner did not report (see above)"; failed=$((failed + 1)); }
echo "$b: $passed passed, $failed failed"
[ "$failed" -eq 0 ] && [ "$status" -eq 0 ]
