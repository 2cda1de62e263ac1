#!/bin/sh
# run.sh BUILD_DIR -- replays every seed of every fuzz target (the corpus in
# tests/fuzz/seeds/<target>/, crash inputs included) through the target's
# replay driver BUILD_DIR/fuzz/replay_<target> (see replay.c).
#
# Each seed that runs to the end counts as passed; a target that crashes
# (abort, sanitizer report, time out) counts one failure, and the input it
# was running is named.  Ends with exactly one line "fuzz: N passed, N failed".
set -u
build=${1:-build}
here=$(cd "$(dirname "$0")" && pwd)
cd "$here/../.." || exit 1

ASAN_OPTIONS="abort_on_error=1:${ASAN_OPTIONS:-}"
UBSAN_OPTIONS="abort_on_error=1:print_stacktrace=1:${UBSAN_OPTIONS:-}"
export ASAN_OPTIONS UBSAN_OPTIONS
SAN_RE='runtime error:|ERROR: AddressSanitizer|ERROR: LeakSanitizer'
limit=
command -v timeout >/dev/null 2>&1 && limit="timeout 300"

log=$(mktemp "${TMPDIR:-/tmp}/nsfuzz-run.XXXXXX") || exit 1
trap 'rm -f "$log" "$log.out"' EXIT
passed=0
failed=0
for dir in tests/fuzz/seeds/*/; do
	t=$(basename "$dir")
	bin=$build/fuzz/replay_$t
	if [ ! -x "$bin" ]; then
		echo "FAIL fuzz_$t: no $bin (make fuzz-replay)"
		failed=$((failed + 1))
		continue
	fi
	$limit "$bin" "$dir" >"$log.out" 2>"$log"
	st=$?
	n=$(sed -n "s/^fuzz_$t: \([0-9]*\) passed.*/\1/p" "$log.out")
	if [ "$st" -eq 0 ] && [ -n "$n" ] && ! grep -qE "$SAN_RE" "$log"; then
		passed=$((passed + n))
		echo "fuzz_$t: ok" >&2
	else
		failed=$((failed + 1))
		echo "FAIL fuzz_$t: exit status $st on $(grep '^replay: ' "$log" | tail -n 1 | sed 's/^replay: //')"
		grep -v '^replay: ' "$log" | sed -n '1,40s/^/    | /p'
	fi
done
echo "fuzz: $passed passed, $failed failed"
[ "$failed" -eq 0 ]
