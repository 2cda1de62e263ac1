#!/bin/sh
# run.sh BUILD_DIR -- the corruption suite: damaged copies of an index of
# corpus/ must answer exactly like the intact index or fail cleanly.
#
# The index: corpus/ indexed, then updated (one article deleted, one added),
# so it has two segments (.nsp + .nsd each), a deletion file and a MANIFEST
# with per-file records.  Cases (a fixed seed, so every run makes the same
# ones; CORRUPT_SEED=N for others, CORRUPT_CASES=N to scale the random ones):
#   - each file truncated at ~20 points: in the header, into the trailer,
#     and spread over the middle;
#   - one random bit flipped at random offsets of each file;
#   - 8 random bytes overwritten, a 64-byte run zeroed, the last byte
#     dropped, a byte appended;
#   - each file missing, each file empty;
#   - every third dictionary block's (crc, len) header zeroed (the CRC-32
#     of no bytes is 0: a zeroed pair checks out by itself);
#   - a whole document record copied over another one's (its own CRC holds);
#   - nindex refreshing from a damaged index (the remembered sources):
#     exit 0 and then every count right or a clean error, or exit 1 with
#     a "nindex:" line;
#   - nindex --compact on a damaged index: exit 1 with a "nindex:" line,
#     or an index that --check passes and that counts exactly right.
# Each damaged copy is searched with one query of a fixed set (rotating)
# in text format (snippets from the stored text), with -c, and in one of
# --format tsv, --format json, -l --sort -date and --explain (rotating).
# One query has fuzzy words, so it walks the word forms (.nsw).
# One query ORs "w NEAR/1000000 the" for every word
# of the corpus, so it decodes every postings list and its positions.
# Then nindex --check reads it whole: it must not crash, and must not pass
# a copy in which a search met damage.
#
# Each run must either
#   - exit like the intact index with the same standard output and an
#     empty standard error ("correct"), or
#   - exit 2 with exactly one standard-error line starting "nsearch:" and
#     a standard output that is a prefix of the intact one ("clean error":
#     hits printed before the damage was met are right);
# never crash (status >= 128), hang (timeout 20 s), print a sanitizer
# report or allocate more than 1 GB (ulimit -v in plain builds, ASan's
# max_allocation_size_mb in sanitizer builds).  A wrong answer with status
# 0 or 1 means a check is missing: the case is named with its offset.
#
# Output: one "FAIL ..." block per bad run, a summary of what happened,
# then exactly one line "corrupt: N passed, N failed" (N = runs).
set -u
build=${1:-build}
here=$(cd "$(dirname "$0")" && pwd)
repo=$(cd "$here/../.." && pwd)
cd "$repo" || exit 1
if [ ! -x "$build/nindex" ] || [ ! -x "$build/nsearch" ]; then
	echo "usage: tests/corrupt/run.sh BUILD_DIR"
	echo "corrupt: 0 passed, 1 failed"
	exit 1
fi

root=$(mktemp -d "${TMPDIR:-/tmp}/nsearch-corrupt.XXXXXX") || exit 1
trap 'rm -rf "$root"' EXIT
trap 'exit 130' INT TERM HUP
mkdir -p "$root/bin"
cp "$build/nindex" "$build/nsearch" "$root/bin/" || exit 1
NINDEX=$root/bin/nindex
NSEARCH=$root/bin/nsearch
unset NSEARCH_INDEX NO_COLOR

SAN_RE='runtime error:|ERROR: AddressSanitizer|ERROR: LeakSanitizer|AddressSanitizer:DEADLYSIGNAL|Sanitizer'
if grep -q __asan_init "$NSEARCH" 2>/dev/null; then
	# ASan reserves terabytes of address space: bound allocations instead.
	ASAN_OPTIONS="abort_on_error=1:max_allocation_size_mb=1024:${ASAN_OPTIONS:-}"
	UBSAN_OPTIONS="abort_on_error=1:print_stacktrace=1:${UBSAN_OPTIONS:-}"
	export ASAN_OPTIONS UBSAN_OPTIONS
	vlimit=
else
	vlimit="ulimit -v 1048576;"
fi
limit=
command -v timeout >/dev/null 2>&1 && limit="timeout 20"

seed=${CORRUPT_SEED:-20260216}
scale=${CORRUPT_CASES:-1}
passed=0
failed=0
n_clean=0
n_same=0

rand() {	# rand N: sets r to a pseudo-random number in [0, N)
	seed=$(( (seed * 1103515245 + 12345) % 2147483648 ))
	r=$(( (seed / 65536) % $1 ))
}

size() { wc -c <"$1" | tr -d ' '; }

flipbit() {	# file offset bit
	_b=$(od -An -tu1 -j "$2" -N 1 "$1" | tr -d ' \n')
	[ -n "$_b" ] || return 1
	# shellcheck disable=SC2059 # the format is the octal escape itself
	printf "\\$(printf '%03o' $((_b ^ (1 << $3))))" |
		dd of="$1" bs=1 seek="$2" count=1 conv=notrunc 2>/dev/null
}

cut_at() { dd if=/dev/null of="$1" bs=1 seek="$2" 2>/dev/null; }

overwrite() {	# file offset count: random bytes
	dd if=/dev/urandom of="$1" bs=1 seek="$2" count="$3" conv=notrunc 2>/dev/null
}

zero() {	# file offset count
	dd if=/dev/zero of="$1" bs=1 seek="$2" count="$3" conv=notrunc 2>/dev/null
}

# ---- the intact index and its answers ----
# Two segments and a deletion file: corpus/ indexed, then one article
# deleted and one added (an incremental update), so every kind of file
# and the MANIFEST's per-file records are there to damage.
mkdir -p "$root/src"
cp corpus/* "$root/src/"
setup_ok=1
"$NINDEX" -q -i "$root/good" "$root/src" >"$root/log" 2>&1 || setup_ok=0
rm -f "$root/src/002_"*
cp tests/data/mini/volcano.txt "$root/src/"
"$NINDEX" -q -i "$root/good" >>"$root/log" 2>&1 || setup_ok=0
if [ "$setup_ok" -eq 0 ]; then
	echo "FAIL setup: nindex failed:"; sed 's/^/    | /' "$root/log"
	echo "corrupt: 0 passed, 1 failed"; exit 1
fi
files=$(cd "$root/good" && ls | grep -v '^LOCK$')
all=$(cat "$root"/src/* | tr 'A-Z' 'a-z' | tr -cs 'a-z0-9' '\n' | LC_ALL=C sort -u |
	awk 'NF { printf "%s(%s NEAR/1000000 the)", (n++ ? " OR " : ""), $0 }')
set -- "iran" "trump AND netanyahu" '"missile sites"' "airspace NEAR/10 saudi" \
	"strike OR israel OR volcano -geneva" "title:iran" "saudi*" "airspce~ OR sadui~2" "$all"
n_queries=$#
i=0
for q in "$@"; do
	i=$((i + 1))
	eval "q$i=\$q"
done
# Each damaged copy is searched in three ways: text, -c, and in turn one of
# tsv, json, ids by date (-l --sort -date) and --explain.
formats="text tsv count json date explain"
search() {	# index query_no format -> $root/out, $root/err, $st
	eval "_q=\$q$2"
	case $3 in
	text) set -- -i "$1" -n 10 -- "$_q" ;;
	tsv) set -- -i "$1" -n 10 --format tsv -- "$_q" ;;
	count) set -- -i "$1" -c -- "$_q" ;;
	json) set -- -i "$1" -n 10 --format json -- "$_q" ;;
	date) set -- -i "$1" -n 10 -l --sort -date -- "$_q" ;;
	explain) set -- -i "$1" -n 3 --explain -- "$_q" ;;
	esac
	# shellcheck disable=SC2086 # $limit is a command prefix
	if [ -n "$vlimit" ]; then
		(eval "$vlimit"; exec $limit "$NSEARCH" "$@") >"$root/out" 2>"$root/err" </dev/null
	else
		$limit "$NSEARCH" "$@" >"$root/out" 2>"$root/err" </dev/null
	fi
	st=$?
}
for qn in $(seq 1 "$n_queries"); do
	for f in $formats; do
		search "$root/good" "$qn" "$f"
		cp "$root/out" "$root/want.$qn.$f"
		eval "want_$qn$f=\$st"
		if [ "$st" -gt 1 ] || [ -s "$root/err" ]; then
			echo "FAIL setup: query $qn ($f) on the intact index: status $st"
			sed 's/^/    | /' "$root/err"
			failed=$((failed + 1))
		fi
	done
done

# ---- one damaged copy ----
cp -R "$root/good" "$root/c"
qrot=0
n_check_missed=0
n_case=0
check() {	# description; searches $root/c and judges each run
	qrot=$((qrot % n_queries + 1))
	n_case=$((n_case + 1))
	saw_damage=0
	case $((n_case % 4)) in
	0) alt=tsv ;;
	1) alt=json ;;
	2) alt=date ;;
	*) alt=explain ;;
	esac
	for f in text count $alt; do
		search "$root/c" "$qrot" "$f"
		eval "want_st=\$want_$qrot$f"
		bad=
		if [ "$st" -ge 124 ]; then
			bad="status $st (crash or timeout)"
		elif [ -s "$root/err" ] && grep -qE "$SAN_RE" "$root/err"; then
			bad="sanitizer report"
		elif [ "$st" -eq 2 ]; then
			if [ "$(wc -l <"$root/err")" -ne 1 ] || ! grep -q '^nsearch: ' "$root/err"; then
				bad="exit 2 without one 'nsearch:' line"
			elif [ "$(head -c "$(size "$root/out")" "$root/want.$qrot.$f")" != "$(cat "$root/out")" ]; then
				bad="exit 2 after printing something the intact index does not"
			else
				n_clean=$((n_clean + 1))
				saw_damage=1
			fi
		elif [ "$st" != "$want_st" ] || ! cmp -s "$root/out" "$root/want.$qrot.$f" ||
		     [ -s "$root/err" ]; then
			bad="WRONG ANSWER: status $st (intact: $want_st), output differs, no error"
		else
			n_same=$((n_same + 1))
		fi
		if [ -n "$bad" ]; then
			failed=$((failed + 1))
			echo "FAIL $1, query $qrot ($f): $bad"
			diff "$root/want.$qrot.$f" "$root/out" | sed -n '1,10s/^/    /p'
			sed -n '1,30s/^/    | /p' "$root/err"
		else
			passed=$((passed + 1))
		fi
	done
	# nindex --check reads every byte: it must not crash, and it must
	# not call an index sound that a search found damaged.
	$limit "$NINDEX" --check -i "$root/c" >"$root/out" 2>"$root/err" </dev/null
	st=$?
	bad=
	if [ "$st" -ge 124 ] || { [ -s "$root/err" ] && grep -qE "$SAN_RE" "$root/err"; }; then
		bad="status $st (crash, timeout or sanitizer report)"
	elif [ "$st" -eq 0 ] && [ "$saw_damage" -eq 1 ]; then
		bad="--check passes an index that nsearch found damaged"
	elif [ "$st" -gt 2 ]; then
		bad="status $st"
	elif [ "$st" -ne 0 ] && ! grep -q '^nindex: ' "$root/err"; then
		bad="status $st without a 'nindex:' line"
	fi
	if [ "$st" -eq 0 ]; then
		n_check_missed=$((n_check_missed + 1))
		# damage no check sees (reserved header bytes, say): name it
		echo "corrupt: note: nindex --check passes: $1"
	fi
	if [ -n "$bad" ]; then
		failed=$((failed + 1))
		echo "FAIL $1, nindex --check: $bad"
		sed -n '1,10s/^/    | /p' "$root/err"
	else
		passed=$((passed + 1))
	fi
}
restore() { cp "$root/good/$1" "$root/c/$1"; }

for name in $files; do
	file=$root/c/$name
	len=$(size "$root/good/$name")
	# random cases in proportion to the file's size: 8 to 32 flips
	per=$((len / 300))
	[ "$per" -lt 8 ] && per=8
	[ "$per" -gt 32 ] && per=32
	# truncations: the header byte by byte, the trailer's last 100 bytes
	# in steps, and points spread over the file
	points="0 3 4 8 12 15 16 20"
	k=1
	while [ "$k" -le 100 ] && [ "$k" -lt "$len" ]; do
		points="$points $((len - k))"
		k=$((k * 2 + 1))
	done
	n=$((per / 4 * scale))
	while [ "$n" -gt 0 ]; do
		rand "$len"
		points="$points $r"
		n=$((n - 1))
	done
	for p in $points; do
		[ "$p" -lt "$len" ] || continue
		cut_at "$file" "$p"
		check "$name truncated to $p bytes"
		restore "$name"
	done
	# single bit flips
	n=$((per * scale))
	while [ "$n" -gt 0 ]; do
		rand "$len"; off=$r
		rand 8; bit=$r
		flipbit "$file" "$off" "$bit"
		check "$name bit $bit of byte $off flipped"
		restore "$name"
		n=$((n - 1))
	done
	# heavier damage
	for k in 1 2; do
		rand "$len"
		overwrite "$file" "$r" 8
		check "$name 8 random bytes at $r"
		restore "$name"
		rand "$len"
		zero "$file" "$r" 64
		check "$name 64 zero bytes at $r"
		restore "$name"
	done
	printf 'x' >>"$file"
	check "$name with one byte appended"
	restore "$name"
	: >"$file"
	check "$name empty"
	rm -f "$file"
	check "$name missing"
	restore "$name"
done

# ---- targeted: length + CRC pairs zeroed ----
# The CRC-32 of no bytes is 0, so a zeroed (crc:u32 len:u32) header is
# self-consistent: each dictionary block header of the first segment's
# .nsp zeroed, every third block (offsets from its trailer and term index,
# format.h).
u64() { od -An -tu8 -j "$2" -N 8 "$1" | tr -d ' '; }
u32() { od -An -tu4 -j "$2" -N 4 "$1" | tr -d ' '; }
nsp1=$(cd "$root/good" && ls seg-*.nsp | head -n 1)
g=$root/good/$nsp1
t=$(($(size "$g") - 92))
terms_off=$(u64 "$g" $((t + 16)))
tix=$(u64 "$g" $((t + 32)))
nb=$(u32 "$g" "$tix")
b=0
while [ "$b" -lt "$nb" ]; do
	boff=$(u32 "$g" $((tix + 4 + 16 * b)))
	zero "$root/c/$nsp1" $((terms_off + boff)) 8
	check "$nsp1 dictionary block $b header (crc, len) zeroed"
	restore "$nsp1"
	b=$((b + 3))
done

# A document record copied whole over another one's place (a misdirected
# write): its own CRC holds, but it is not the record of that docid.
# Records and the doc table (record_off:u64 date_key:i64 per document
# after a crc:u32 per chunk) from the first segment's .nsd trailer.
nsd1=$(cd "$root/good" && ls seg-*.nsd | head -n 1)
g=$root/good/$nsd1
t=$(($(size "$g") - 44))
rec_off=$(u64 "$g" "$t")
tab_off=$(u64 "$g" $((t + 16)))
ndocs=$(u32 "$g" $((t + 32)))
big=-1 big_len=0 small=-1 small_len=999999999 d=0
# the first doc-table chunk (NS_FMT_DOC_CHUNK documents) only
while [ "$d" -lt "$ndocs" ] && [ "$d" -lt 512 ]; do
	o=$(u64 "$g" $((tab_off + 4 + 16 * d)))
	l=$(u32 "$g" $((rec_off + o + 4)))
	[ "$l" -gt "$big_len" ] && big=$d big_len=$l big_off=$o
	[ "$l" -lt "$small_len" ] && small=$d small_len=$l small_off=$o
	d=$((d + 1))
done
if [ "$big" -ge 0 ] && [ "$small" -ge 0 ] && [ "$big" -ne "$small" ]; then
	dd if="$g" of="$root/c/$nsd1" bs=1 skip=$((rec_off + small_off)) seek=$((rec_off + big_off)) \
		count=$((small_len + 8)) conv=notrunc 2>/dev/null
	for k in 1 2 3 4; do	# every query once, text and its rotating third format
		check "$nsd1 record of document $small copied over document $big's"
	done
	restore "$nsd1"
fi

# ---- nindex over a damaged index: refresh from the remembered sources ----
nindex_case() {	# description
	# shellcheck disable=SC2086
	(eval "$vlimit"; exec $limit "$NINDEX" -q -i "$root/c") >"$root/out" 2>"$root/err" </dev/null
	st=$?
	bad=
	if [ "$st" -ge 124 ] || grep -qE "$SAN_RE" "$root/err"; then
		bad="status $st (crash, timeout or sanitizer report)"
	elif [ "$st" -eq 0 ]; then
		# a refresh keeps unchanged segments as they are (damage and
		# all, checked lazily) and may lay others out anew: each count
		# must be right or a clean error
		for qn in $(seq 1 "$n_queries"); do
			search "$root/c" "$qn" count
			if [ "$st" -eq 2 ] && [ "$(wc -l <"$root/err")" -eq 1 ]; then
				continue
			fi
			cmp -s "$root/out" "$root/want.$qn.count" ||
				bad="refreshed index counts differently for query $qn (status $st)"
		done
	elif [ "$st" -ne 1 ] || [ "$(wc -l <"$root/err")" -ne 1 ] ||
	     ! grep -q '^nindex: ' "$root/err"; then
		bad="status $st without one 'nindex:' line"
	fi
	if [ -n "$bad" ]; then
		failed=$((failed + 1))
		echo "FAIL nindex refresh, $1: $bad"
		sed -n '1,30s/^/    | /p' "$root/err"
	else
		passed=$((passed + 1))
	fi
	rm -rf "$root/c"
	cp -R "$root/good" "$root/c"
}
# nindex --compact rewrites every live byte under fresh checksums: from a
# damaged index it must refuse (exit 1, a "nindex:" line) or, when the
# damage was in bytes it does not need, make an index that --check passes
# and that counts exactly as the intact one (never launder damage).
compact_case() {	# description
	$limit "$NINDEX" --compact -i "$root/c" >"$root/out" 2>"$root/err" </dev/null
	st=$?
	bad=
	if [ "$st" -ge 124 ] || grep -qE "$SAN_RE" "$root/err"; then
		bad="status $st (crash, timeout or sanitizer report)"
	elif [ "$st" -eq 0 ]; then
		"$NINDEX" --check -i "$root/c" >"$root/out" 2>"$root/err" || bad="--check fails after it"
		for qn in $(seq 1 "$n_queries"); do
			search "$root/c" "$qn" count
			cmp -s "$root/out" "$root/want.$qn.count" ||
				bad="compacted index counts differently for query $qn (status $st)"
		done
	elif [ "$st" -ne 1 ] || ! grep -q '^nindex: ' "$root/err"; then
		bad="status $st without a 'nindex:' line"
	fi
	if [ -n "$bad" ]; then
		failed=$((failed + 1))
		echo "FAIL nindex --compact, $1: $bad"
		sed -n '1,10s/^/    | /p' "$root/err"
	else
		passed=$((passed + 1))
	fi
	rm -rf "$root/c"
	cp -R "$root/good" "$root/c"
}
for name in $files; do
	len=$(size "$root/good/$name")
	rand "$len"; off=$r
	flipbit "$root/c/$name" "$off" 5
	compact_case "$name bit 5 of byte $off flipped"
	for k in 1 2; do
		rand "$len"; off=$r
		flipbit "$root/c/$name" "$off" 3
		nindex_case "$name bit 3 of byte $off flipped"
	done
	cut_at "$root/c/$name" $((len / 2))
	nindex_case "$name truncated to $((len / 2)) bytes"
done

echo "corrupt: runs answering as the intact index: $n_same, clean errors: $n_clean;" \
	"damaged copies nindex --check passed: $n_check_missed"
echo "corrupt: $passed passed, $failed failed"
[ "$failed" -eq 0 ]
