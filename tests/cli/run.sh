#!/bin/sh
# run.sh BUILD_DIR [PATTERN...] -- end-to-end tests of nindex and nsearch.
#
# Every case is a small script tests/cli/<area>/<case>.sh with its expected
# standard output in <case>.out and its expected exit status in <case>.exit.
# A case runs under /bin/sh with the repository root as working directory
# and these variables set:
#   NINDEX, NSEARCH, NSBENCH  absolute paths of the programs under test
#                    (libnsearch.a and libnsearch.so* beside them, when built)
#   IDX              an index of corpus/ (built once; cases must not modify it,
#                    copy it to $TMP first)
#   MINI             an index of tests/data/mini/ (likewise)
#   TMP              an empty scratch directory of the case's own
# Cases never print absolute temporary paths, so .out files are the same on
# every machine.  tests/cli/lib.sh holds helpers the cases source.
#
# PATTERN selects cases whose "area/case" name starts with it, e.g.
#   tests/cli/run.sh build near errors/lock
#
# UPDATE=1 tests/cli/run.sh build   rewrites the .out and .exit files from
# what the programs print now.  Use it only to start a new case: every
# expected file that is committed must have been checked by reading the
# articles (tests/data/mini, corpus/), never just captured.  Review the
# result with git diff.
#
# Output: one "FAIL area/case ..." line per failing case followed by the
# diff of expected vs actual (and the case's stderr), then exactly one line
# "cli: N passed, N failed".  Exit status 1 if any case failed.
set -u

build=${1:-}
if [ -z "$build" ] || [ ! -x "$build/nindex" ] || [ ! -x "$build/nsearch" ]; then
	echo "usage: tests/cli/run.sh BUILD_DIR [PATTERN...]  (BUILD_DIR/nindex and nsearch)" >&2
	echo "cli: 0 passed, 1 failed"
	exit 1
fi
shift
build=$(cd "$build" && pwd) || exit 1

here=$(cd "$(dirname "$0")" && pwd)
repo=$(cd "$here/../.." && pwd)
cd "$repo" || exit 1

root=$(mktemp -d "${TMPDIR:-/tmp}/nsearch-cli.XXXXXX") || exit 1
trap 'rm -rf "$root"' EXIT
root=$(cd "$root" && pwd -P) || exit 1
trap 'exit 130' INT TERM HUP

# Private copies: a concurrent "make" rewriting the build directory must not
# change the programs in the middle of a run.
mkdir -p "$root/bin"
cp "$build/nindex" "$build/nsearch" "$build/nsbench" "$root/bin/" || exit 1
# The libraries too, when built (the install and library cases use them):
# libnsearch.a, libnsearch.so.X.Y.Z and its links, as cp -P keeps them.
for f in "$build"/libnsearch.a "$build"/libnsearch.so*; do
	[ -e "$f" ] && cp -P "$f" "$root/bin/"
done
NINDEX=$root/bin/nindex
NSEARCH=$root/bin/nsearch
NSBENCH=$root/bin/nsbench
IDX=$root/idx
MINI=$root/mini
export NINDEX NSEARCH NSBENCH IDX MINI
unset NSEARCH_INDEX NO_COLOR

# Sanitizer builds (make test-san): a report aborts the program (status
# 134, a crash), and any report found in the case's stderr or in a file it
# left in $TMP fails the case whatever its exit status.
ASAN_OPTIONS="abort_on_error=1:${ASAN_OPTIONS:-}"
UBSAN_OPTIONS="abort_on_error=1:print_stacktrace=1:${UBSAN_OPTIONS:-}"
export ASAN_OPTIONS UBSAN_OPTIONS
SAN_RE='runtime error:|ERROR: AddressSanitizer|ERROR: LeakSanitizer|AddressSanitizer:DEADLYSIGNAL'

if command -v timeout >/dev/null 2>&1; then
	limit="timeout 120"
else
	limit=
fi

passed=0
failed=0

fail() {	# name, reason
	failed=$((failed + 1))
	echo "FAIL $1: $2"
}

show_san() {	# files...
	for f in "$@"; do
		[ -f "$f" ] && grep -qsE "$SAN_RE" "$f" &&
			grep -A 12 -E "$SAN_RE" "$f" | sed -n '1,40s/^/    | /p'
	done
}

# The shared indexes.  (nindex stores absolute source paths; cases pipe
# paths through rel from lib.sh to keep the machine out of .out files.)
setup_ok=1
for src in corpus tests/data/mini; do
	case $src in corpus) dir=$IDX ;; *) dir=$MINI ;; esac
	if ! "$NINDEX" -q -i "$dir" "$src" >"$root/setup.log" 2>&1; then
		setup_ok=0
		fail "setup" "nindex -i INDEX $src failed:"
		sed 's/^/    | /' "$root/setup.log"
	fi
done
if [ "$setup_ok" -eq 0 ]; then
	echo "cli: $passed passed, $failed failed"
	exit 1
fi

selected() {	# name; true when no pattern or a pattern is a prefix of name
	[ $# -gt 1 ] || return 0
	n=$1
	shift
	for p in "$@"; do
		case "$n" in "$p"*) return 0 ;; esac
	done
	return 1
}

i=0
for script in tests/cli/*/*.sh; do
	[ -f "$script" ] || continue
	name=${script#tests/cli/}
	name=${name%.sh}
	selected "$name" "$@" || continue
	base=${script%.sh}
	i=$((i + 1))
	TMP=$root/case$i
	mkdir -p "$TMP"
	export TMP
	$limit sh "$script" >"$root/out" 2>"$root/err" </dev/null
	status=$?
	if [ -n "${UPDATE:-}" ]; then
		cp "$root/out" "$base.out"
		echo "$status" >"$base.exit"
	fi
	want_status=$(cat "$base.exit" 2>/dev/null || echo missing)
	bad=
	if [ ! -f "$base.out" ]; then
		bad="no expected output $base.out"
	elif [ "$status" != "$want_status" ]; then
		bad="exit status $status, expected $want_status"
	fi
	if ! cmp -s "$base.out" "$root/out" 2>/dev/null; then
		bad="${bad:+$bad; }output differs"
	fi
	reports=$(grep -rlsE "$SAN_RE" "$root/err" "$TMP")
	if [ -n "$reports" ]; then
		bad="${bad:+$bad; }sanitizer report"
	fi
	if [ "$status" -eq 124 ] && [ -n "$limit" ]; then
		bad="${bad:+$bad; }timed out"
	fi
	if [ -z "$bad" ]; then
		passed=$((passed + 1))
		echo "$name: ok" >&2
	else
		fail "$name" "$bad"
		if [ -f "$base.out" ]; then
			diff -u "$base.out" "$root/out" | sed -e '1s/^.*$/    --- expected/' \
				-e '2s/^.*$/    +++ actual/' -e '3,$s/^/    /'
		else
			sed 's/^/    + /' "$root/out"
		fi
		if [ -s "$root/err" ]; then
			echo "    stderr:"
			sed -n '1,20s/^/    | /p' "$root/err"
		fi
		if [ -n "$reports" ]; then
			echo "    sanitizer report:"
			echo "$reports" | while IFS= read -r f; do show_san "$f"; done
		fi
	fi
	rm -rf "$TMP"
done

if [ "$i" -eq 0 ]; then
	fail "select" "no case matches: $*"
fi
echo "cli: $passed passed, $failed failed"
[ "$failed" -eq 0 ]
