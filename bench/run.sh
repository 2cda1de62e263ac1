#!/bin/sh
# run.sh [CORPUS.jsonl.gz...] -- nsearch side by side with Xapian and SQLite
# FTS5 through ../shared/bench/compare.py, then ratios (report.py).
# Work files go to build/bench/<corpus>/.  Needs ../shared (not part of the
# repository) and the peers it builds with its setup.sh.
set -eu
top=$(cd "$(dirname "$0")/.." && pwd)
shared=${SHARED:-$top/../shared}
B=${B:-$top/build}
repeat=${REPEAT:-5}
if [ ! -f "$shared/bench/compare.py" ]; then
	echo "bench: $shared/bench/compare.py not found (set SHARED=...)" >&2
	exit 2
fi
if [ ! -x "$shared/bench/bin/xapian-peer" ] || [ ! -x "$shared/bench/bin/fts5-peer" ]; then
	echo "bench: building the Xapian and FTS5 peers ($shared/bench/setup.sh)" >&2
	"$shared/bench/setup.sh" >&2
fi
[ $# -gt 0 ] || set -- "$shared/data/reuters21578.jsonl.gz" "$shared/data/20newsgroups.jsonl.gz"
for corpus in "$@"; do
	name=$(basename "$corpus" .gz)
	name=${name%.jsonl}
	work="$B/bench/$name"
	mkdir -p "$work"
	python3 "$shared/bench/gen_queries.py" "$corpus" -o "$work/queries.tsv" >&2
	NSEARCH_INDEX_CMD="$B/nindex -q -i {index} {corpus}" \
	NSEARCH_QUERY_CMD="$B/nsbench -i {index} --bench {queries} --repeat {repeat} -n {k}" \
		python3 "$shared/bench/compare.py" "$corpus" "$work/queries.tsv" \
		--workdir "$work" --repeat "$repeat" | tee "$work/compare.txt"
	python3 "$top/bench/report.py" "$work" "$B" "$corpus" | tee "$work/ratios.txt"
done
# The postings codec alone: bits per integer and integers per ns.
if [ -x "$B/codec_bench" ]; then
	echo "== postings codec (bench/codec_bench.c)"
	"$B/codec_bench" | tee "$B/bench/codec.txt"
fi
# The web readers: HTML pages against the same articles as JSON Lines, and
# a WARC's peak RSS (bench/web.py, on ../shared/data/html-dev).
if [ -x "$B/webx" ] && [ -d "$shared/data/html-dev" ]; then
	python3 "$top/bench/web.py" "$B" "$shared/data/html-dev" | tee "$B/bench/web.txt"
fi
# Spelling and fuzzy words beside Xapian's spelling (bench/spell.py, run
# with the system python that has python3-xapian).
if /usr/bin/python3 -c 'import xapian' 2>/dev/null; then
	echo "== spelling (bench/spell.py)"
	/usr/bin/python3 "$top/bench/spell.py" "$B" "$@" | tee "$B/bench/spell.txt"
fi
