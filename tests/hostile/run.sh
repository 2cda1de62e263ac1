#!/bin/sh
# run.sh BUILD_DIR -- hostile input for nindex and hostile queries for
# nsearch: what scraped archives and careless scripts will feed them.
#
# Indexer cases (each builds an index from a small tree made on the fly):
#   invalid UTF-8, NUL bytes (late: indexed; early: "binary file"), a
#   binary file, empty files, an unreadable file (chmod 000, read by an
#   unprivileged user: as root the indexer runs under setpriv as nobody;
#   and /proc/self/mem, whose read() fails with EIO even for root), a
#   dangling symbolic link, a symbolic link loop and a loop through "..",
#   links leading outside the source (skipped) and inside it (followed),
#   a FIFO in the tree (skipped, never opened: it would block), a path
#   longer than PATH_MAX, files deleted between the directory scan and the
#   open / deleted after the open / truncated after the open (LD_PRELOAD
#   shim vanish.c, built with cc), a malformed JSON line between good ones
#   (reported as file:line:column, the rest indexed), deep nesting in a
#   skipped JSON field, a truncated .gz file, file names with newlines
#   and invalid UTF-8, and a big single-line JSON article and a big
#   plain-text article generated on the fly (HOSTILE_BIG_MB, default 200
#   in plain builds; in sanitizer builds 0 = skipped, too slow under ASan):
#   at --memory 16M cut / skipped with a warning within budget + 48 MB of
#   RSS, and with a large enough --max-article indexed whole.
#   nindex must exit 0, report every skipped input on stderr as
#   "nindex: WHERE: WHAT", count them in the -v summary, and index the rest.
# Resource limits: nindex --memory 16M over ~60 MB of generated articles,
#   with at most 64 open files, and over a million tiny JSON articles;
#   peak RSS (/usr/bin/time -v, else not measured) must stay below the
#   budget + 48 MB, and for the tiny articles the anonymous memory
#   (sampled RssAnon) below the budget + 12 MB.  Every run is under timeout and, in plain builds,
#   ulimit -v.
# Web cases: a page and a feed nested 200k deep, broken encodings (unknown
#   charset, invalid UTF-8, UTF-16, NUL, a WARC with a garbage gzip member),
#   a 100 MB page (with HOSTILE_BIG_MB): exit 0, the text found.
# Query cases: 100k nested parentheses, a 1 MB query, thousands of terms,
#   a 1 MB word, prefixes over 60k terms, NEAR/1000000 chains of one word,
#   an impossible ADJ chain, NEAR, ADJ, SENTENCE and PARAGRAPH over deep,
#   wide and repeated groups: each must answer or fail with one "nsearch:"
#   line within 10 s and 512 MB.
#
# Output: "FAIL case: why" blocks, a few "hostile: note ..." lines with the
# measured numbers, then exactly one line "hostile: N passed, N failed".
set -u
build=${1:-build}
here=$(cd "$(dirname "$0")" && pwd)
repo=$(cd "$here/../.." && pwd)
cd "$repo" || exit 1
if [ ! -x "$build/nindex" ] || [ ! -x "$build/nsearch" ]; then
	echo "usage: tests/hostile/run.sh BUILD_DIR"
	echo "hostile: 0 passed, 1 failed"
	exit 1
fi

root=$(mktemp -d "${TMPDIR:-/tmp}/nsearch-hostile.XXXXXX") || exit 1
trap 'rm -rf "$root"' EXIT
trap 'exit 130' INT TERM HUP
chmod 755 "$root"	# the unprivileged user of the unreadable-file case
mkdir -p "$root/bin"
cp "$build/nindex" "$build/nsearch" "$root/bin/" || exit 1
chmod 755 "$root/bin" "$root/bin/nindex" "$root/bin/nsearch"
NINDEX=$root/bin/nindex
NSEARCH=$root/bin/nsearch
unset NSEARCH_INDEX NO_COLOR

SAN_RE='runtime error:|ERROR: AddressSanitizer|ERROR: LeakSanitizer|AddressSanitizer:DEADLYSIGNAL'
if grep -q __asan_init "$NSEARCH" 2>/dev/null; then
	san=1
	ASAN_OPTIONS="abort_on_error=1:max_allocation_size_mb=2048:${ASAN_OPTIONS:-}"
	UBSAN_OPTIONS="abort_on_error=1:print_stacktrace=1:${UBSAN_OPTIONS:-}"
	export ASAN_OPTIONS UBSAN_OPTIONS
	big_mb=${HOSTILE_BIG_MB:-0}
else
	san=0
	big_mb=${HOSTILE_BIG_MB:-200}
fi
has_timeout=0
command -v timeout >/dev/null 2>&1 && has_timeout=1
gnutime=
[ -x /usr/bin/time ] && /usr/bin/time -v true >/dev/null 2>&1 && gnutime=/usr/bin/time

passed=0
failed=0
T=
fail() {	# case, why
	failed=$((failed + 1))
	echo "FAIL $1: $2"
	for f in "$T/err" "$T/out"; do
		[ -s "$f" ] && sed -n '1,15s/^/    | /p' "$f"
	done
	return 0
}
pass() { passed=$((passed + 1)); echo "$1: ok" >&2; }
note() { echo "hostile: note: $*"; }

# run SECONDS VMEM_KB PROGRAM ARGS...  (stdout $T/out, stderr $T/err,
# status $st, peak RSS in KB $rss when /usr/bin/time is there)
run() {
	_secs=$1 _vmem=$2
	shift 2
	_t=
	[ "$has_timeout" -eq 1 ] && _t="timeout $_secs"
	_lim=
	[ "$san" -eq 0 ] && _lim="ulimit -v $_vmem;"
	rss=
	if [ -n "$gnutime" ]; then
		# shellcheck disable=SC2086
		(eval "$_lim"; exec $gnutime -o "$T/time" -v $_t "$@") >"$T/out" 2>"$T/err" </dev/null
		st=$?
		rss=$(sed -n 's/.*Maximum resident set size (kbytes): *//p' "$T/time")
	else
		# shellcheck disable=SC2086
		(eval "$_lim"; exec $_t "$@") >"$T/out" 2>"$T/err" </dev/null
		st=$?
	fi
}

# anon_peak OUT: until $T/stop exists, samples every 0.05 s the anonymous
# memory (RssAnon, KB) of any process running $NINDEX, and writes the
# largest seen to OUT (0: never seen; no /proc: nothing written).  Peak RSS
# counts the page cache mapped for the per-document tables (diskarr.h);
# the budget bounds the memory of the indexer's own.
anon_peak() {
	[ -r /proc/self/status ] && command -v pgrep >/dev/null 2>&1 || return 0
	_m=0
	while [ ! -e "$T/stop" ]; do
		for _p in $(pgrep -x nindex); do
			[ "$(readlink "/proc/$_p/exe" 2>/dev/null)" = "$NINDEX" ] || continue
			_a=$(sed -n 's/^RssAnon:[[:space:]]*\([0-9]*\).*/\1/p' "/proc/$_p/status" 2>/dev/null)
			[ -n "$_a" ] && [ "$_a" -gt "$_m" ] && _m=$_a
		done
		sleep 0.05
	done
	echo "$_m" >"$1"
}

sane() {	# case: no crash, no timeout, no sanitizer report; else fail
	if [ "$st" -ge 124 ]; then
		fail "$1" "status $st (crash, timeout or out of memory)"
		return 1
	fi
	if grep -qE "$SAN_RE" "$T/err" 2>/dev/null; then
		fail "$1" "sanitizer report"
		return 1
	fi
	return 0
}

new_case() {	# name: fresh scratch directory $T with an empty src/
	T=$root/$1
	mkdir -p "$T/src"
}
end_case() { rm -rf "$T"; }

index() {	# nindex -v into $T/idx from the arguments (sources)
	run 600 4194304 "$NINDEX" -v -i "$T/idx" "$@"
}
found() {	# query -> count of matches in $T/idx on stdout of the function
	"$NSEARCH" -i "$T/idx" -c -- "$1" 2>/dev/null || true
}
has_err() { grep -qE "$1" "$T/err"; }
ndocs() { "$NSEARCH" -i "$T/idx" --stats 2>/dev/null | sed -n 's/^docs=//p'; }
skipped() {	# N: the -v summary counts N skipped files (either wording)
	has_err "skipped $1 files|[ (]$1 skipped"
}

# ---- the indexer ----

new_case utf8
printf 'Bad Bytes Everywhere\n\nhello \377\376 world caf\303 \355\240\200 \300\257 ok\n' >"$T/src/bad.txt"
printf '{"id":"j","body":"jsonbad \377 \303( \\ud800 lone surrogate"}\n' >"$T/src/bad.jsonl"
index "$T/src"
if sane utf8; then
	"$NSEARCH" -i "$T/idx" --format tsv -- 'hello OR jsonbad' >"$T/tsv" 2>&1
	"$NSEARCH" -i "$T/idx" -- 'hello OR jsonbad' >"$T/text" 2>&1
	if [ "$st" -ne 0 ] || [ "$(found 'hello world ok')" != 1 ] || [ "$(found jsonbad)" != 1 ]; then
		fail utf8 "status $st or words around invalid UTF-8 not found"
	elif LC_ALL=C.UTF-8 grep -qaxv '.*' "$T/tsv" "$T/text" 2>/dev/null; then
		fail utf8 "invalid UTF-8 in the output"
	else
		pass utf8
	fi
fi
end_case

new_case nul
{ head -c 9000 /dev/zero | tr '\0' 'a'; printf ' \000nulword after\n'; } >"$T/src/late.txt"
printf 'x\000y earlybinary\n' >"$T/src/early.txt"
# in JSON Lines after the first 8 KB (a NUL before that makes any file
# "binary", JSON Lines too: corpus.h)
{
	awk 'BEGIN { for (i = 0; i < 400; i++) printf "{\"id\":\"f%d\",\"body\":\"filler\"}\n", i }'
	printf '{"id":"n","body":"raw\000nul and \\u0000escaped"}\n'
} >"$T/src/n.jsonl"
index "$T/src"
if sane nul; then
	if [ "$st" -ne 0 ] || [ "$(found nulword)" != 1 ] || [ "$(found earlybinary)" != 0 ] ||
	   [ "$(found 'raw nul escaped')" != 1 ] || ! has_err 'early.txt: binary file' ||
	   ! skipped 1; then
		fail nul "NUL bytes not handled as documented (status $st)"
	else
		pass nul
	fi
fi
end_case

new_case binary
head -c 30000 "$NINDEX" >"$T/src/program"
head -c 5000 /dev/urandom >"$T/src/random.bin"
printf 'Plain Article\n\nthe survivor word\n' >"$T/src/ok.txt"
index "$T/src"
if sane binary; then
	if [ "$st" -ne 0 ] || [ "$(found survivor)" != 1 ] || ! has_err 'program: binary file' ||
	   ! has_err 'random.bin: binary file' || [ "$(ndocs)" != 1 ] ||
	   ! skipped 2; then
		fail binary "binary files not reported and skipped (status $st)"
	else
		pass binary
	fi
fi
end_case

new_case empty
: >"$T/src/empty.txt"
: >"$T/src/empty.jsonl"
printf '\n\n  \n' >"$T/src/blank.txt"
printf '\n\n\n' >"$T/src/blank.jsonl"
printf 'Real\n\ncontent here\n' >"$T/src/real.txt"
index "$T/src"
if sane empty; then
	if [ "$st" -ne 0 ] || [ "$(found content)" != 1 ] || has_err 'empty|blank' ||
	   [ "$(ndocs)" != 1 ]; then
		fail empty "empty files not ignored quietly (status $st)"
	else
		pass empty
	fi
fi
end_case

new_case unreadable
printf 'Secret\n\nunreadableword\n' >"$T/src/secret.txt"
printf 'Open\n\nreadableword\n' >"$T/src/open.txt"
chmod 000 "$T/src/secret.txt"
chmod 777 "$T"
if [ "$(id -u)" -eq 0 ]; then
	if command -v setpriv >/dev/null 2>&1; then
		run 60 4194304 setpriv --reuid=65534 --regid=65534 --clear-groups \
			"$NINDEX" -v -i "$T/idx" "$T/src"
	else
		st=skip
	fi
else
	index "$T/src"
fi
if [ "$st" = skip ]; then
	note "unreadable file: skipped (root without setpriv)"
elif sane unreadable; then
	if [ "$st" -ne 0 ] || ! has_err 'secret.txt: Permission denied' || ! skipped 1 ||
	   [ "$(found readableword)" != 1 ] || [ "$(found unreadableword)" != 0 ]; then
		fail unreadable "unreadable file not reported and skipped (status $st)"
	else
		pass unreadable
	fi
fi
# A read(2) that fails (EIO): fileio.c's test hook NS_FAIL_AFTER_READS=0
# makes every read fail.  nindex may skip the file (exit 0) or, since the
# file may hold articles indexed before, keep the index unchanged (exit 1);
# either way it names the file and the error, once.
mkdir -p "$T/eio"
printf 'Fine\n\nfineword\n' >"$T/eio/fine.txt"
rm -rf "$T/idx"
NS_FAIL_AFTER_READS=0 index "$T/eio"
if sane read-error; then
	if ! has_err 'fine.txt: Input/output error' || [ "$st" -gt 1 ] ||
	   { [ "$st" -eq 0 ] && ! skipped 1; } ||
	   { [ "$st" -eq 1 ] && ! has_err '^nindex: .*(unchanged|not)'; }; then
		fail read-error "a file whose read() fails is not reported (status $st)"
	else
		pass read-error
	fi
fi
end_case

new_case links
mkdir -p "$T/src/sub" "$T/src/real"
printf 'Inside\n\ninsideword\n' >"$T/src/real/in.txt"
printf 'Outside\n\noutsideword\n' >"$T/outside.txt"
ln -s nowhere "$T/src/dangling"
ln -s loopb "$T/src/loopa"
ln -s loopa "$T/src/loopb"
ln -s .. "$T/src/sub/up"
ln -s ../outside.txt "$T/src/out-link"
ln -s "$T" "$T/src/out-dir"
ln -s real/in.txt "$T/src/in-link"
mkfifo "$T/src/fifo" 2>/dev/null
index "$T/src"
if sane links; then
	if [ "$st" -ne 0 ] || ! has_err 'dangling: broken symbolic link' ||
	   ! has_err 'loopa: symbolic link loop' || ! has_err 'sub/up: symbolic link loop' ||
	   ! has_err 'out-link: symbolic link leads outside the source' ||
	   ! has_err 'out-dir: symbolic link leads outside the source' ||
	   { [ -p "$T/src/fifo" ] && ! has_err 'fifo: not a regular file'; } ||
	   [ "$(found outsideword)" != 0 ] || [ "$(found insideword)" != 2 ]; then
		fail links "symbolic links, loops or FIFO not handled as documented (status $st)"
	else
		pass links
	fi
fi
end_case

new_case longpath
d=$T/src
seg=$(printf '%0200d' 0)
i=0
while [ "$i" -lt 22 ]; do
	d=$d/$seg
	i=$((i + 1))
done
(cd "$T/src" && i=0 && while [ "$i" -lt 22 ]; do mkdir "$seg" && cd "$seg" || exit 1; i=$((i + 1)); done &&
	printf 'Deep\n\ndeepword\n' >deep.txt) 2>/dev/null
printf 'Shallow\n\nshallowword\n' >"$T/src/shallow.txt"
index "$T/src"
if sane longpath; then
	if [ "$st" -ne 0 ] || [ "$(found shallowword)" != 1 ] || ! has_err 'File name too long'; then
		fail longpath "a path longer than PATH_MAX is not reported and skipped (status $st)"
	else
		pass longpath
	fi
fi
(cd "$T/src" && rm -rf "$seg") 2>/dev/null || true
end_case

new_case vanish
cc=${CC:-cc}
if command -v "$cc" >/dev/null 2>&1 &&
   "$cc" -shared -fPIC -o "$root/vanish.so" "$here/vanish.c" -ldl 2>"$root/cc.log"; then
	printf 'Keep\n\nkeepword\n' >"$T/src/a.txt"
	printf 'Vanish\n\nvanishword\n' >"$T/src/vanish.txt"
	printf 'Unlinked\n\nunlinkedword still readable\n' >"$T/src/unlinked.txt"
	printf 'Shrinking Title\n\nshrinkword and text that is cut away\n' >"$T/src/shrink.txt"
	LD_PRELOAD=$root/vanish.so ASAN_OPTIONS="verify_asan_link_order=0:${ASAN_OPTIONS:-}" \
		index "$T/src"
	if sane vanish; then
		if [ "$st" -ne 0 ] || ! has_err 'vanish.txt: No such file or directory' ||
		   ! skipped 1 || [ "$(found keepword)" != 1 ] ||
		   [ "$(found unlinkedword)" != 1 ] || [ "$(found shrinkword)" != 0 ]; then
			fail vanish "files changing under the indexer not handled (status $st)"
		else
			pass vanish
		fi
	fi
else
	note "vanish: skipped (no C compiler for the LD_PRELOAD shim)"
fi
end_case

new_case badline
{
	printf '{"id":"a","body":"firstgood"}\n'
	printf '{"id":"b" "body":"brokenword"}\n'
	printf '{"id":"c","body":"thirdgood"}\n'
	printf '{"id":"d","body":"unterminated\n'
	printf 'not json at all\n'
	printf '{"id":"e","body":"lastgood"}'
} >"$T/src/lines.jsonl"
index "$T/src"
if sane badline; then
	if [ "$st" -ne 0 ] || ! has_err 'lines.jsonl:2:11: not valid JSON' ||
	   ! has_err 'lines.jsonl:4:[0-9]+: not valid JSON' || ! has_err 'lines.jsonl:5:1: ' ||
	   ! has_err '3 bad lines' || [ "$(found 'firstgood OR thirdgood OR lastgood')" != 3 ] ||
	   [ "$(found brokenword)" != 0 ]; then
		fail badline "malformed JSON lines not reported as file:line:column (status $st)"
	else
		pass badline
	fi
fi
end_case

new_case deepjson
{
	printf '{"id":"deep","skip":'
	head -c 1000000 /dev/zero | tr '\0' '['
	head -c 1000000 /dev/zero | tr '\0' ']'
	printf ',"body":"deepword"}\n{"id":"open","x":'
	head -c 1000000 /dev/zero | tr '\0' '{'
	printf '\n{"id":"after","body":"afterword"}\n'
} >"$T/src/deep.jsonl"
index "$T/src"
if sane deepjson; then
	if [ "$st" -ne 0 ] || [ "$(found deepword)" != 1 ] || [ "$(found afterword)" != 1 ] ||
	   ! has_err 'deep.jsonl:2:'; then
		fail deepjson "deep nesting not skipped (status $st)"
	else
		pass deepjson
	fi
fi
end_case

new_case gzip
if command -v gzip >/dev/null 2>&1; then
	awk 'BEGIN { printf "Zipped\n\n"; for (i = 0; i < 20000; i++) printf "zipword%d ", i; print "" }' |
		gzip -c >"$T/whole.gz"
	head -c 3000 "$T/whole.gz" >"$T/src/cut.txt.gz"
	printf 'not gzip at all\n' >"$T/src/fake.txt.gz"
	printf '{"id":"g","body":"gzjson"}\n' | gzip -c >"$T/src/g.jsonl.gz"
	head -c 20000 "$NINDEX" | gzip -c >"$T/src/bin.gz"
	index "$T/src"
	if sane gzip; then
		if [ "$st" -ne 0 ] || [ "$(found gzjson)" != 1 ] || [ "$(found 'not gzip')" != 1 ] ||
		   ! has_err 'cut.txt.gz: ' || ! has_err 'bin.gz: binary file'; then
			fail gzip "damaged or binary .gz files not handled (status $st)"
		else
			pass gzip
		fi
	fi
fi
end_case

new_case names
printf 'Newline Name\n\nnewlinename\n' >"$T/src/$(printf 'a\nb\tc.txt')"
printf 'Bad Name\n\nbadname\n' >"$T/src/$(printf 'x\377y.txt')"
index "$T/src"
if sane names; then
	"$NSEARCH" -i "$T/idx" --format tsv -- 'newlinename OR badname' >"$T/tsv" 2>&1
	if [ "$st" -ne 0 ] || [ "$(wc -l <"$T/tsv")" -ne 2 ] ||
	   awk -F '\t' 'NF != 7 { bad = 1 } END { exit !bad }' "$T/tsv" ||
	   LC_ALL=C.UTF-8 grep -qaxv '.*' "$T/tsv" 2>/dev/null; then
		fail names "odd file names break the tsv output (status $st)"
	else
		pass names
	fi
fi
end_case

# ---- web pages, feeds, WARC ----

# Markup nested 200k deep and a feed nested as deep: no crash, exit 0
# (libxml2 stops building the tree 256 levels down, so text deeper than
# that is lost; every walk over the tree is iterative); a page nested 250
# deep is read whole.
new_case webdeep
python3 -c '
import sys
d = 125
sys.stdout.write("<html><body>" + "<div><span>" * d + "<p>midpagetext under all of it</p>" + "</span></div>" * d + "</body></html>")
' >"$T/src/mid.html"
python3 -c '
import sys
d = 200000
sys.stdout.write("<html><body>" + "<div><span>" * d + "<p>deeppagetext under all of it</p>" + "</span></div>" * d + "</body></html>")
' >"$T/src/deep.html"
python3 -c '
import sys
d = 200000
sys.stdout.write("<rss><channel><item><title>Deep feed</title><link>https://d/1</link><description>" + "<b>" * d + "deepfeedtext" + "</b>" * d + "</description></item></channel></rss>")
' >"$T/src/deep.rss"
index "$T/src"
if sane webdeep; then
	if [ "$st" -ne 0 ]; then
		fail webdeep "status $st"
	elif [ "$(found 'deep AND feed')" != 1 ] || [ "$(found midpagetext)" != 1 ]; then
		fail webdeep "the deep feed's item or the 250-deep page is lost"
	else
		pass webdeep
		note "webdeep: 200k nested elements: deeppagetext found $(found deeppagetext) time(s), peak RSS ${rss:-?} KB"
	fi
fi
end_case

# Broken encodings: a charset libxml2 does not know, invalid UTF-8 under a
# UTF-8 declaration, a feed with invalid bytes (all indexed, as valid
# UTF-8); UTF-16 and NUL bytes near the start (reported as binary, as any
# such file); a WARC whose middle gzip member is garbage (reported, the
# record before it indexed).
new_case webenc
printf '<html><head><meta charset="x-no-such-charset"><title>Unknown charset</title></head><body><p>unknowncharsetword \xff\xfe\xfa here</p></body></html>' >"$T/src/unknown.html"
printf '<html><head><meta charset="utf-8"><title>Bad bytes</title></head><body><p>badbytesword \xc3\x28 \xed\xa0\x80 \xf4\x90\x80\x80 end</p></body></html>' >"$T/src/badutf8.html"
python3 -c '
import sys
sys.stdout.buffer.write("<html><body><p>utfsixteenword caf\u00e9 here</p></body></html>".encode("utf-16"))
' >"$T/src/utf16.html"
printf '<html><body><p>nulword\0inside the page</p></body></html>' >"$T/src/nul.html"
printf '<?xml version="1.0" encoding="utf-8"?><rss><channel><item><title>Bad \xff feed</title><link>https://b/1</link><description>badfeedword \xc3</description></item></channel></rss>' >"$T/src/bad.rss"
python3 - "$T/src/mixed.warc.gz" <<'PYEOF'
import gzip, sys
def rec(uri, text):
    body = ("<html><body><p>%s is the word of this page, with a sentence around it.</p></body></html>" % text).encode()
    http = b"HTTP/1.1 200 OK\r\nContent-Type: text/html\r\n\r\n" + body
    head = ("WARC/1.1\r\nWARC-Type: response\r\nWARC-Target-URI: %s\r\nContent-Length: %d\r\n\r\n" % (uri, len(http))).encode()
    return gzip.compress(head + http + b"\r\n\r\n", mtime=0)
with open(sys.argv[1], "wb") as f:
    f.write(rec("https://w/1", "warcfirstword") + b"\x1f\x8b\x08\x00garbage member" + rec("https://w/2", "warcsecondword"))
PYEOF
index "$T/src"
if sane webenc; then
	bad=
	[ "$st" -eq 0 ] || bad="status $st"
	for w in unknowncharsetword badbytesword badfeedword warcfirstword; do
		[ "$(found $w)" = 1 ] || bad="$bad; $w not found"
	done
	for f in utf16.html nul.html mixed.warc.gz; do
		has_err "$f" || bad="$bad; $f not reported"
	done
	if [ -n "$bad" ]; then fail webenc "$bad"; else pass webenc; fi
fi
end_case

# A 100 MB page (HOSTILE_BIG_MB, skipped in sanitizer builds): cut to the
# article size limit and indexed within budget; with a limit above its size,
# indexed whole.
if [ "$big_mb" -gt 0 ]; then
	new_case webbig
	python3 -c '
para = "<p>The harbour board met again on Tuesday, and the members agreed, after a long debate, to keep the ferry running.</p>\n"
import sys
w = sys.stdout.write
w("<!DOCTYPE html><html><head><title>Big page</title></head><body><article><h1>Big page headline</h1><p>bigpagestart</p>\n")
n = 0
while n < 100 * 1024 * 1024:
    w(para)
    n += len(para)
w("<p>bigpageend</p></article></body></html>\n")
' >"$T/src/big.html"
	index --memory 16M "$T/src"
	if sane webbig; then
		note "webbig: one 100 MB page, default --max-article: peak RSS ${rss:-?} KB"
		if [ "$st" -ne 0 ] || [ "$(found bigpagestart)" != 1 ] || ! has_err 'cut to'; then
			fail webbig "status $st, or the cut page lost or not reported"
		else
			rm -rf "$T/idx"
			index --max-article 210M "$T/src"
			if sane webbig; then
				note "webbig: the same page indexed whole: peak RSS ${rss:-?} KB"
				if [ "$st" -ne 0 ] || [ "$(found bigpageend)" != 1 ]; then
					fail webbig "whole page: status $st or its end lost"
				else
					pass webbig
				fi
			fi
		fi
	fi
	end_case
fi

# ---- the index directory ----

# A FIFO in place of an index file (no writer: opening it for reading
# would block forever): nsearch and nindex must not hang.
new_case index-fifo
run 60 4194304 "$NINDEX" -q -i "$T/idx" corpus
nsd=$(cd "$T/idx" && ls seg-*.nsd)
rm -f "$T/idx/$nsd"
mkfifo "$T/idx/$nsd"
run 10 524288 "$NSEARCH" -i "$T/idx" -c iran
if sane index-fifo; then
	if [ "$st" -ne 2 ] || [ "$(wc -l <"$T/err")" -ne 1 ]; then
		fail index-fifo "a FIFO segment file: status $st, expected one clean error"
	else
		pass index-fifo
	fi
fi
rm -f "$T/idx/MANIFEST"
mkfifo "$T/idx/MANIFEST"
run 10 524288 "$NSEARCH" -i "$T/idx" -c iran
if sane index-fifo-manifest; then
	if [ "$st" -ne 2 ] || [ "$(wc -l <"$T/err")" -ne 1 ]; then
		fail index-fifo-manifest "a FIFO MANIFEST: status $st, expected one clean error"
	else
		pass index-fifo-manifest
	fi
fi
run 60 4194304 "$NINDEX" -q -i "$T/idx" corpus
if sane index-fifo-rebuild; then
	if [ "$st" -gt 1 ] || { [ "$st" -eq 0 ] && [ "$(found iran)" != 4 ]; }; then
		fail index-fifo-rebuild "rebuilding over a FIFO MANIFEST: status $st"
	else
		pass index-fifo-rebuild
	fi
fi
end_case

# Files are written with the user's umask, temporary files are gone after
# a build, and no file is created outside the index directory through a
# symbolic link planted in it (LOCK, MANIFEST.tmp, a segment's .tmp).
new_case indexdir
mkdir -p "$T/idx" "$T/elsewhere" "$T/src/sub"
for name in LOCK MANIFEST.tmp seg-00000001.nsp.tmp seg-00000001.nsd.tmp; do
	ln -s "$T/elsewhere/$name" "$T/idx/$name"
done
# ids and file names that look like paths are only ever stored
printf '{"id":"../../elsewhere/pwned","body":"pathword"}\n{"id":"/tmp/abs","body":"x"}\n' \
	>"$T/src/sub/ids.jsonl"
cp corpus/* "$T/src/"
(umask 027; exec "$NINDEX" -q -i "$T/idx" "$T/src") >"$T/out" 2>"$T/err"
st=$?
if sane indexdir; then
	modes=$(find "$T/idx" -type f ! -name LOCK -exec stat -c '%a' {} + | sort -u | tr '\n' ' ')
	leaked=$(ls "$T/elsewhere")
	tmps=$(cd "$T/idx" && ls | grep -E '\.tmp$' | tr '\n' ' ')
	odd=$(cd "$T/idx" && ls | grep -vE '^(LOCK|MANIFEST|seg-[0-9]{8}\.(nsp|nsd|nsw|del-[0-9]+)|stories-[0-9]+)$' | tr '\n' ' ')
	if [ "$st" -ne 0 ] || [ "$modes" != "640 " ]; then
		fail indexdir "status $st, file modes under umask 027: $modes(expected 640)"
	elif [ -n "$leaked" ]; then
		fail indexdir "a symbolic link in the index directory made nindex create $(echo "$leaked" | tr '\n' ' ')outside it"
	elif [ -n "$tmps" ]; then
		fail indexdir "temporary files left: $tmps"
	elif [ -n "$odd" ] || [ "$(found pathword)" != 1 ]; then
		fail indexdir "unexpected files in the index directory: $odd"
	else
		pass indexdir
	fi
fi
end_case

if [ "$big_mb" -gt 0 ]; then
	words=$((big_mb * 1000000 / 76))	# ~76 bytes per loop below
	# Within --memory 16M the article size limit is 1M: the text file is
	# cut (its start indexed, a warning naming it), the JSON line skipped
	# (the next line still read), and RSS stays under budget + 48 MB.  With
	# --max-article above their size both are indexed whole.
	new_case bigtext
	{
		printf 'Big Article Title\n\nbigstartword '
		awk -v n="$((words / 1))" 'BEGIN { srand(7); for (i = 0; i < n; i++)
			printf "w%d alpha beta gamma delta epsilon zeta eta theta iota kappa lambda mu nu ", int(rand() * 50000) }'
		printf ' bigendword\n'
	} >"$T/src/big.txt"
	sz=$(wc -c <"$T/src/big.txt" | tr -d ' ')
	start=$(date +%s)
	run 900 8388608 "$NINDEX" -v --memory 16M -i "$T/idx" "$T/src"
	secs=$(($(date +%s) - start))
	if sane bigtext; then
		note "bigtext: one ${sz}-byte plain-text article, --memory 16M: ${secs} s, peak RSS ${rss:-?} KB"
		if [ "$st" -ne 0 ] || [ "$(found bigstartword)" != 1 ] || [ "$(found bigendword)" != 0 ]; then
			fail bigtext "big article not cut to its start (status $st)"
		elif ! has_err "big\.txt: article of $sz bytes cut to its first [0-9]+ .*--max-article" ||
		     ! has_err " 1 cut"; then
			fail bigtext "no warning about the cut article"
		elif [ -n "$rss" ] && [ "$rss" -gt $(((16 + 48) * 1024)) ]; then
			fail bigtext "peak RSS $rss KB over the 16M budget + 48 MB"
		else
			pass bigtext
		fi
	fi
	rm -rf "$T/idx"
	start=$(date +%s)
	run 900 8388608 "$NINDEX" -v --max-article $((big_mb + 10))M -i "$T/idx" "$T/src"
	secs=$(($(date +%s) - start))
	if sane bigtext-whole; then
		note "bigtext: the same indexed whole (--max-article $((big_mb + 10))M): ${secs} s, peak RSS ${rss:-?} KB"
		if [ "$st" -ne 0 ] || [ "$(found bigstartword)" != 1 ] || [ "$(found bigendword)" != 1 ]; then
			fail bigtext-whole "big article not indexed whole (status $st)"
		else
			pass bigtext-whole
		fi
		run 60 4194304 "$NSEARCH" -i "$T/idx" -- bigendword
		if sane bigtext-search; then
			note "bigtext: nsearch showing it: peak RSS ${rss:-?} KB"
			if [ "$st" -ne 0 ] || ! grep -q bigendword "$T/out"; then
				fail bigtext-search "status $st"
			else
				pass bigtext-search
			fi
		fi
	fi
	end_case

	new_case bigjson
	{
		printf '{"id":"big","title":"Big JSON","body":"bigjsonstart '
		awk -v n="$words" 'BEGIN { srand(9); for (i = 0; i < n; i++)
			printf "w%d alpha \\u00e9t\\u00e9 gamma delta \\\"quoted\\\" eta theta\\n iota kappa mu ", int(rand() * 50000) }'
		printf ' bigjsonend"}\n{"id":"next","body":"nextline"}\n'
	} >"$T/src/big.jsonl"
	sz=$(wc -c <"$T/src/big.jsonl" | tr -d ' ')
	start=$(date +%s)
	run 900 8388608 "$NINDEX" -v --memory 16M -i "$T/idx" "$T/src"
	secs=$(($(date +%s) - start))
	if sane bigjson; then
		note "bigjson: one ${sz}-byte JSON line, --memory 16M: ${secs} s, peak RSS ${rss:-?} KB"
		if [ "$st" -ne 0 ] || [ "$(found bigjsonstart)" != 0 ] || [ "$(found nextline)" != 1 ]; then
			fail bigjson "big JSON line not skipped, or the next line lost (status $st)"
		elif ! has_err "big\.jsonl:1: JSON line longer than the article size limit.*skipped" ||
		     ! has_err " 1 bad lines"; then
			fail bigjson "no warning naming the skipped line"
		elif [ -n "$rss" ] && [ "$rss" -gt $(((16 + 48) * 1024)) ]; then
			fail bigjson "peak RSS $rss KB over the 16M budget + 48 MB"
		else
			pass bigjson
		fi
	fi
	rm -rf "$T/idx"
	run 900 8388608 "$NINDEX" -v --max-article $((big_mb + 10))M -i "$T/idx" "$T/src"
	if sane bigjson-whole; then
		if [ "$st" -ne 0 ] || [ "$(found bigjsonstart)" != 1 ] || [ "$(found bigjsonend)" != 1 ] ||
		   [ "$(found nextline)" != 1 ]; then
			fail bigjson-whole "big JSON line not indexed whole (status $st)"
		else
			pass bigjson-whole
		fi
	fi
	end_case
else
	note "big articles: skipped in this build (HOSTILE_BIG_MB=0; too slow under ASan)"
fi

# ---- resource limits ----
new_case memory
n_files=3000
[ "$san" -eq 1 ] && n_files=300	# ASan: RSS means nothing, keep it quick
awk -v n_files="$n_files" 'BEGIN { srand(11); for (f = 0; f < n_files; f++) {
	fn = sprintf("'"$T"'/src/a%05d.txt", f); printf "Headline number %d\n\n", f > fn
	for (i = 0; i < 2500; i++) { r = rand()
		if (r < 0.07) w = "the"; else if (r < 0.10) w = "of"; else w = sprintf("w%d", int(rand() * rand() * 200000))
		printf "%s ", w > fn }
	print "" > fn; close(fn) } }'
# ... and under "ulimit -n 64": the ~100 runs spilled must be merged
# without holding them all open at once (Debian's default limit is 1024
# descriptors: a big archive with a small budget spills more runs).
run 600 4194304 sh -c 'ulimit -n 64 && exec "$@"' sh "$NINDEX" -v --memory 16M -i "$T/idx" "$T/src"
if sane memory; then
	note "memory: $(du -sk "$T/src" | cut -f1) KB of articles, --memory 16M: peak RSS ${rss:-?} KB"
	note "memory: $(tail -n 1 "$T/err")"
	if [ "$st" -ne 0 ] || [ "$(found the)" != "$n_files" ]; then
		fail memory "status $st"
	elif [ -n "$rss" ] && [ "$rss" -gt $(((16 + 48) * 1024)) ] && [ "$san" -eq 0 ]; then
		fail memory "peak RSS $rss KB over --memory 16M + 48 MB"
	else
		pass memory
	fi
fi
# keep this index for the query cases
mv "$T/idx" "$root/qidx" 2>/dev/null || mkdir -p "$root/qidx"
end_case

# Many small articles: per-document memory (metadata tables, the id set,
# the stories) must not grow the indexer's own memory: a million 30-byte
# JSON articles with --memory 16M must not take a hundred megabytes, and
# their anonymous memory stays within the budget + 12 MB (the tables are
# in mapped scratch files, diskarr.h; before, ~57 MB).
new_case memory-docs
n_docs=1000000
[ "$san" -eq 1 ] && n_docs=100000
awk -v n="$n_docs" 'BEGIN { for (i = 0; i < n; i++)
	printf "{\"id\":\"k%d\",\"body\":\"w%d\"}\n", i, i % 1000 }' >"$T/src/m.jsonl"
anon_peak "$T/anon" &
sampler=$!
run 600 4194304 "$NINDEX" -v --memory 16M -i "$T/idx" "$T/src"
: >"$T/stop"
wait "$sampler"
anon=$(cat "$T/anon" 2>/dev/null)
if sane memory-docs; then
	note "memory-docs: $n_docs articles of ~30 bytes, --memory 16M: peak RSS ${rss:-?} KB, anonymous ${anon:-?} KB"
	if [ "$st" -ne 0 ] || [ "$(found w7)" != $((n_docs / 1000)) ]; then
		fail memory-docs "status $st"
	elif [ -n "$rss" ] && [ "$rss" -gt $(((16 + 48) * 1024)) ] && [ "$san" -eq 0 ]; then
		fail memory-docs "peak RSS $rss KB over --memory 16M + 48 MB"
	elif [ "${anon:-0}" -gt $(((16 + 12) * 1024)) ] && [ "$san" -eq 0 ]; then
		fail memory-docs "anonymous memory $anon KB over --memory 16M + 12 MB"
	elif [ "${anon:-1}" -eq 0 ] && [ "$san" -eq 0 ]; then
		# (a sanitizer run of 100k articles may end between two samples)
		fail memory-docs "the sampler never saw nindex"
	else
		pass memory-docs
	fi
fi
end_case

# ---- hostile queries ----
new_case queries
Q=$root/qidx
# prefixes: 60000 terms sharing "pfx"
awk 'BEGIN { for (f = 0; f < 20; f++) { fn = sprintf("'"$T"'/src/p%02d.txt", f)
	printf "Prefix File\n\n" > fn
	for (i = 0; i < 3000; i++) printf "pfx%06d ", f * 3000 + i > fn
	print " the" > fn; close(fn) } }'
cp -R "$Q" "$T/pidx"
run 600 4194304 "$NINDEX" -q -i "$T/pidx" "$T/src"
[ "$st" -eq 0 ] || fail queries "cannot build the prefix index (status $st)"

query() {	# name index args...: must finish in 10 s (30 s under the
	# sanitizers, which run ~3x slower), 512 MB, status 0/1 or one clean error
	_n=$1 _i=$2
	shift 2
	run $((10 + 20 * san)) 524288 "$NSEARCH" -i "$_i" "$@"
	sane "query $_n" || return 0
	if [ "$st" -eq 2 ] && { [ "$(wc -l <"$T/err")" -ne 1 ] || ! grep -q '^nsearch: ' "$T/err"; }; then
		fail "query $_n" "exit 2 without one 'nsearch:' line"
	elif [ "$st" -gt 2 ]; then
		fail "query $_n" "status $st"
	else
		pass "query $_n"
		[ -n "${HOSTILE_VERBOSE:-}" ] &&
			note "query $_n: status $st, ${rss:-?} KB: $(cat "$T/err" "$T/out" | tr '\n' ' ' | head -c 100)"
	fi
}
rep() {	# rep N STRING: STRING N times
	awk -v n="$1" -v s="$2" 'BEGIN { for (i = 0; i < n; i++) printf "%s", s }'
}
# arguments are joined with spaces: a 1 MB query goes as 10 arguments
# (one argument may hold at most 128 KB: MAX_ARG_STRLEN)
query nested "$Q" -c -- "$(rep 100000 '(')" "the$(rep 100000 ')')"
a=$(rep 15000 'the of ')
query 1mb-words "$Q" -c -- "$a" "$a" "$a" "$a" "$a" "$a" "$a" "$a" "$a" "$a"
w=$(rep 100000 'x')
query 1mb-word "$Q" -c -- "$w" "$w" "$w" "$w" "$w" "$w" "$w" "$w" "$w" "$w"
query 5000-or "$Q" -c -- "$(awk 'BEGIN { for (i = 0; i < 4999; i++) printf "w%d OR ", i; print "the" }')"
query 4000-and "$Q" -n 5 -- "$(awk 'BEGIN { for (i = 0; i < 4000; i++) printf "w%d ", i }')"
query 300-phrases "$Q" -c -- "$(rep 299 '"the of" OR ')the"
query prefix-all "$T/pidx" -c -- 'pfx*'
query prefix-many "$T/pidx" -n 3 -- 'pf* OR pfx0* OR pfx00*'
query near-max "$Q" -c -- 'the NEAR/1000000 of'
query near-chain-40 "$Q" -c -- "$(rep 39 'of NEAR/1000000 ')of"
# corpus/ has 10 to 15 "iran" per article: a chain of 16 cannot match, and
# must not try every assignment of positions to operands (16! of them)
run 60 4194304 "$NINDEX" -q -i "$T/cidx" corpus
query near-chain-16 "$T/cidx" -c -- "$(rep 15 'iran NEAR/1000000 ')iran"
query adj-chain-16 "$T/cidx" -c -- "$(rep 15 'iran ADJ/1000000 ')iran"
query adj-impossible "$Q" -c -- "$(rep 12 'the ADJ/1000000 ')w1"
# NEAR over groups and SENTENCE/PARAGRAPH: deep and wide groups as
# operands, long chains of groups (16 groups sharing their words cannot all
# be placed: the search is bounded), a chain of 200 SENTENCE operands
query near-group-nested "$Q" -c -- "$(rep 99 '(')the OR of$(rep 99 ')') NEAR/1000000 the"
query near-group-deep "$Q" -c -- "$(rep 100000 '(')the OR of" "$(rep 100000 ')') NEAR the"
query near-group-5000 "$Q" -c -- "($(awk 'BEGIN { for (i = 0; i < 4999; i++) printf "w%d OR ", i; print "the" }')) NEAR/1000000 of"
query near-group-phrases "$Q" -c -- "($(rep 149 '"the of" OR ')the) NEAR/1000000 ($(rep 149 '"of the" OR ')of)"
query near-group-chain-16 "$T/cidx" -c -- "$(rep 15 '(iran OR "iran s" OR israel) NEAR/1000000 ')iran"
query adj-group-chain-16 "$T/cidx" -c -- "$(rep 15 '(iran OR "iran s") ADJ/1000000 ')iran"
query sentence-chain-200 "$Q" -c -- "$(rep 199 '(the OR of OR "the of") SENTENCE ')the"
query paragraph-chain-16 "$T/cidx" -c -- "$(rep 15 '(iran OR "iran s" OR israel) PARAGRAPH ')iran"
query limit-max "$Q" -n 1000000 --format tsv -- 'the'
query controls "$Q" -c -- "$(printf 'the\001\002\377\376 of \033[31m')"
end_case

echo "hostile: $passed passed, $failed failed"
[ "$failed" -eq 0 ]
