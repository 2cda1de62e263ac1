#!/bin/sh
# eval.sh -- ranking quality of nsearch beside Xapian and SQLite FTS5 on the
# six test collections of ../shared/data (topics as OR queries, as the
# harness measures its peers), then one summary table (eval.py).
# Work files go to build/eval/<collection>/.  Needs ../shared.
set -eu
top=$(cd "$(dirname "$0")/.." && pwd)
shared=${SHARED:-$top/../shared}
B=${B:-$top/build}
if [ ! -f "$shared/bench/compare.py" ]; then
	echo "eval: $shared/bench/compare.py not found (set SHARED=...)" >&2
	exit 2
fi
if [ ! -x "$shared/bench/bin/xapian-peer" ] || [ ! -x "$shared/bench/bin/fts5-peer" ]; then
	"$shared/bench/setup.sh" >&2
fi
for c in ${COLLECTIONS:-cacm cisi cran med time adi}; do
	work="$B/eval/$c"
	mkdir -p "$work"
	python3 "$shared/bench/nl_queries.py" "$shared/data/$c/queries.tsv" >"$work/topics.tsv"
	NSEARCH_INDEX_CMD="$B/nindex -q -i {index} {corpus}" \
	NSEARCH_QUERY_CMD="$B/nsbench -i {index} --bench {queries} --repeat {repeat} -n {k}" \
	NSEARCH_TREC_CMD="$B/nsbench -i {index} --trec {queries} -n {trec_k} --tag {tag}" \
		python3 "$shared/bench/compare.py" "$shared/data/$c/docs.jsonl.gz" "$work/topics.tsv" \
		--qrels "$shared/data/$c/qrels.txt" --workdir "$work" --repeat 1 \
		>"$work/compare.txt" 2>"$work/compare.err"
	# Variants of nsearch's ranking, evaluated on the same index.
	for v in ${VARIANTS-expand}; do
		"$B/nsbench" -i "$work/nsearch.idx" --trec "$work/topics.tsv" -n 1000 --tag "$v" \
			--"$v" >"$work/nsearch-$v.run" 2>>"$work/compare.err" || true
	done
done
python3 "$top/bench/eval.py" "$B/eval" "$shared" ${COLLECTIONS:-cacm cisi cran med time adi}
