#!/bin/sh
# run.sh BUILD_DIR -- the Python module (python/nsearch.py) over BUILD_DIR's
# shared library (NSEARCH_LIB), checked against BUILD_DIR/nsearch; ends with
# "python: N passed, N failed".  PYTHON picks the interpreter (python3).
#
# A sanitizer build's library needs its runtime loaded first: the libasan
# it names is preloaded, and leak checking is off (the interpreter's own
# allocations at exit are not ours to report).
set -u
build=${1:-}
if [ -z "$build" ] || [ ! -e "$build/libnsearch.so.0" ]; then
	echo "usage: tests/python/run.sh BUILD_DIR  (BUILD_DIR/libnsearch.so.0)" >&2
	echo "python: 0 passed, 1 failed"
	exit 1
fi
build=$(cd "$build" && pwd) || exit 1
here=$(cd "$(dirname "$0")" && pwd)
py=${PYTHON:-python3}
if ! command -v "$py" >/dev/null 2>&1; then
	echo "python: $py not found" >&2
	echo "python: 0 passed, 1 failed"
	exit 1
fi
asan=$(ldd "$build/libnsearch.so.0" 2>/dev/null | awk '/libasan/ { print $3 }')
if [ -n "$asan" ]; then
	LD_PRELOAD=$asan
	ASAN_OPTIONS="detect_leaks=0:abort_on_error=1:${ASAN_OPTIONS:-}"
	export LD_PRELOAD ASAN_OPTIONS
fi
NSEARCH_LIB=$build/libnsearch.so.0 exec "$py" "$here/test_nsearch.py" "$build"
