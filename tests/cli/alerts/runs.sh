# --new across updates: only articles that reached the index since the last
# run, whether added, replaced, after a merge (--compact) or not; a --full
# rebuild, or an index removed and built again at the same path, is said
# so, never reported as all new.
. tests/cli/lib.sh
. tests/cli/alerts/helpers.inc
cd "$TMP" || exit 9
mkdir src
{ art a1 2026-02-01 Reuters "iran talks"; art a2 2026-02-03 AP "oil and iran"; } >src/a.jsonl
"$NINDEX" -q -i idx src || exit 9
"$NSEARCH" -i idx --save iran iran || exit 9
new iran
new iran
echo "add:"
{ art a3 2026-02-05 Reuters "iran sanctions"; art a4 2026-02-05 Reuters "wheat harvest"; } >src/b.jsonl
"$NINDEX" -q -i idx || exit 9
new iran
new iran
echo "nothing changed:"
"$NINDEX" -q -i idx || exit 9
new iran
# a.jsonl is read again whole: its articles are all new versions (a2 too)
echo "replace a1, add a non-match:"
{ art a1 2026-02-01 Reuters "iran talks resume"; art a2 2026-02-03 AP "oil and iran"; art a6 2026-02-06 AP "copper"; } >src/a.jsonl
"$NINDEX" -q -i idx || exit 9
new iran
echo "delete:"
rm src/b.jsonl
"$NINDEX" -q -i idx || exit 9
new iran
echo "add, then compact:"
art a5 2026-02-07 AP "iran vote" >src/c.jsonl
"$NINDEX" -q -i idx || exit 9
"$NINDEX" -q --compact -i idx || exit 9
echo "segments: $("$NSEARCH" -i idx --stats | sed -n 's/^segments=//p')"
new iran
"$NINDEX" -q --compact -i idx || exit 9
new iran
echo "many updates, each merged:"
for k in 1 2 3 4 5 6; do
	art m$k 2026-02-1$k AP "storm $k" >src/m$k.jsonl
	"$NINDEX" -q -i idx || exit 9
done
art m7 2026-02-17 AP "iran storm" >src/m7.jsonl
"$NINDEX" -q -i idx || exit 9
for k in 8 9; do
	art m$k 2026-02-1$k AP "storm $k" >src/m$k.jsonl
	"$NINDEX" -q -i idx || exit 9
done
"$NINDEX" -q --compact -i idx || exit 9
new iran
echo "full rebuild:"
"$NINDEX" -q --full -i idx || exit 9
new iran
new iran
echo "a first run with --since reports:"
"$NSEARCH" -i idx --save recent --since 2026-02-06 iran || exit 9
new recent
new recent
echo "replaced (removed, then built again at the same path):"
rm -rf idx
"$NINDEX" -q -i idx src || exit 9
new iran
new iran
