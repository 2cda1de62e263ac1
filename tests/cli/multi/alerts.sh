# Saved searches and --new over several indexes searched as one: the saved
# searches belong to the set of indexes (the order given and NSEARCH_INDEX
# do not matter), each index keeps its own mark (generations of two
# indexes are not comparable), and what --new reports equals what it
# reports on one index built from the union and updated alike: the same
# articles with the same scores.  A piece rebuilt with --full is named; the
# others still report what is new in them.
. tests/cli/lib.sh
. tests/cli/alerts/helpers.inc
cd "$TMP" || exit 9
mkdir a b u
{ art a1 2026-02-01 Reuters "iran talks"; art a2 2026-02-03 AP "oil and iran"; } >a/1.jsonl
{ art b1 2026-02-02 BBC "iran vote"; art b2 2026-02-04 AP "wheat"; } >b/1.jsonl
cp a/1.jsonl u/a1.jsonl && cp b/1.jsonl u/b1.jsonl || exit 9
for d in a b u; do "$NINDEX" -q -i $d.idx $d || exit 9; done
# mnew LABEL INDEX-OPTIONS...: --new iran, ids and scores sorted, status
mnew() {
	_l=$1
	shift
	"$NSEARCH" "$@" --new iran --format tsv >"$TMP/.new" 2>"$TMP/.newerr"
	_st=$?
	echo "$_l: status $_st: $(cut -f2,3 "$TMP/.new" | LC_ALL=C sort | tr '\t\n' '  ')"
	[ -s "$TMP/.newerr" ] && echo "  stderr: $(cut -c1-90 "$TMP/.newerr")"
	return 0
}
"$NSEARCH" -i a.idx -i b.idx --save iran iran || exit 9
"$NSEARCH" -i u.idx --save iran iran || exit 9
echo "the set, in any order:"
"$NSEARCH" -i b.idx -i a.idx --saved
NSEARCH_INDEX=b.idx:a.idx "$NSEARCH" --saved
echo "one of them alone has none:"
"$NSEARCH" -i a.idx --saved; echo "status $?"
mnew first -i a.idx -i b.idx
mnew first-union -i u.idx
echo "added to both:"
art a3 2026-02-05 Reuters "iran sanctions" >a/2.jsonl
{ art b3 2026-02-06 BBC "iran iran election"; art b4 2026-02-06 AP "copper"; } >b/2.jsonl
cp a/2.jsonl u/a2.jsonl && cp b/2.jsonl u/b2.jsonl || exit 9
for d in a b u; do "$NINDEX" -q -i $d.idx $d || exit 9; done
mnew many -i b.idx -i a.idx
mnew union -i u.idx
NSEARCH_INDEX=a.idx:b.idx
export NSEARCH_INDEX
mnew again
unset NSEARCH_INDEX
"$NSEARCH" -i a.idx -i b.idx --saved
echo "added to b, twice (b's generation runs ahead of a's):"
art b5 2026-02-07 BBC "iran rally" >b/3.jsonl
"$NINDEX" -q -i b.idx b || exit 9
art b6 2026-02-08 BBC "iran strike" >b/4.jsonl
"$NINDEX" -q -i b.idx b || exit 9
cp b/3.jsonl b/4.jsonl u/ || exit 9
"$NINDEX" -q -i u.idx u || exit 9
mnew many -i a.idx -i b.idx
mnew union -i u.idx
"$NSEARCH" -i a.idx -i b.idx --saved
echo "a replaced article of a, and @iran runs the saved search on the set:"
{ art a1 2026-02-01 Reuters "iran talks resume"; art a2 2026-02-03 AP "oil and iran"; } >a/1.jsonl
"$NINDEX" -q -i a.idx a || exit 9
"$NSEARCH" -i a.idx -i b.idx -c @iran
mnew many -i a.idx -i b.idx
echo "a rebuilt with --full, one new in b:"
"$NINDEX" -q --full -i a.idx a || exit 9
art b7 2026-02-09 BBC "iran protest" >b/5.jsonl
"$NINDEX" -q -i b.idx b || exit 9
mnew many -i a.idx -i b.idx
mnew many -i a.idx -i b.idx
echo "--forget drops it from the set:"
"$NSEARCH" -i b.idx -i a.idx --forget iran || exit 9
"$NSEARCH" -i a.idx -i b.idx --saved; echo "status $?"
"$NSEARCH" -i u.idx --saved
