#!/bin/sh
# run.sh BUILD_DIR [CLI_PATTERN...] -- the memory checker's pass of
# `make check`: valgrind memcheck (--error-exitcode, full leak check) over
#   - the unit runner, whole;
#   - the fuzz targets' replay drivers on every seed;
#   - CLI cases (tests/cli) whose name starts with a PATTERN (default: a
#     sample of every area), with nindex and nsearch run under valgrind
#     through wrapper scripts (a valgrind error makes the program exit 99,
#     which no case expects).
# Ends with one line "valgrind: N passed, N failed".
set -u
build=${1:-build}
[ $# -gt 0 ] && shift
here=$(cd "$(dirname "$0")" && pwd)
repo=$(cd "$here/../.." && pwd)
cd "$repo" || exit 1
if ! command -v valgrind >/dev/null 2>&1; then
	echo "valgrind: not installed (apt-get install valgrind)"
	echo "valgrind: 0 passed, 1 failed"
	exit 1
fi
VG="valgrind -q --error-exitcode=99 --leak-check=full --errors-for-leak-kinds=definite,indirect --track-origins=yes"
root=$(mktemp -d "${TMPDIR:-/tmp}/nsearch-valgrind.XXXXXX") || exit 1
trap 'rm -rf "$root"' EXIT
passed=0
failed=0

step() {	# name command...: passes when the command exits 0
	_n=$1
	shift
	"$@" >"$root/out" 2>"$root/err"
	_st=$?
	if [ "$_st" -eq 0 ]; then
		passed=$((passed + 1))
		echo "valgrind $_n: ok" >&2
	else
		failed=$((failed + 1))
		echo "FAIL valgrind $_n (status $_st)"
		grep -v '^replay: \|: ok$' "$root/err" | sed -n '1,40s/^/    | /p'
		grep -E '^FAIL' "$root/out" | sed -n '1,20s/^/    /p'
	fi
}

step unit $VG "$build/unit"
for dir in tests/fuzz/seeds/*/; do
	t=$(basename "$dir")
	[ -x "$build/fuzz/replay_$t" ] || continue
	NS_REPLAY_QUIET=1 step "fuzz_$t" $VG "$build/fuzz/replay_$t" "$dir"
done

mkdir -p "$root/bin"
for p in nindex nsearch; do
	real=$(cd "$build" && pwd)/$p
	cp "$real" "$root/$p.real"
	printf '#!/bin/sh\nexec %s %s "$@"\n' "$VG" "$root/$p.real" >"$root/bin/$p"
	chmod +x "$root/bin/$p"
done
if [ $# -eq 0 ]; then
	set -- build/ corrupt/ errors/ input/ phrase/ near/ boolean/not output/tsv ranked/ spill/
fi
step cli tests/cli/run.sh "$root/bin" "$@"
tail -n 1 "$root/out" | sed 's/^/valgrind: /' >&2

echo "valgrind: $passed passed, $failed failed"
[ "$failed" -eq 0 ]
