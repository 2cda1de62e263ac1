# 5,000 generated JSON articles indexed twice: with the default memory
# budget (no run spilled) and with --memory 1M (sorted runs spilled to disk
# and merged).  Both indexes must answer every query byte for byte the same
# and hold the same story map.
# The articles are built so that the counts are known:
#   article i (1..5000), id s<i>, title "report <i>", body:
#     every; even if i%2==0; third if i%3==0;
#     alpha, then i%3 words "gap", then omega  (alpha..omega = i%3 + 1 apart);
#     "red fox" if i%5==0, "fox v1 red" if i%5==1;
#     id<i>; then 30 filler words v<k>.
# So: even 2500, third 1666 (5000/3), even AND third 833 (i%6==0),
# even NOT third 1667, even OR third 3333, "red fox" 1000, red fox 2000,
# alpha NEAR/1 omega = "alpha omega" = i%3==0 = 1666, alpha NEAR/2 omega =
# i%3 in {0,1} = 3333, omega ADJ/3 alpha 0 (omega always comes second).
. tests/cli/lib.sh
cd "$TMP" || exit 9
awk 'BEGIN {
	for (i = 1; i <= 5000; i++) {
		b = "every"
		if (i % 2 == 0) b = b " even"
		if (i % 3 == 0) b = b " third"
		b = b " alpha"
		for (g = 0; g < i % 3; g++) b = b " gap"
		b = b " omega"
		if (i % 5 == 0) b = b " red fox"
		if (i % 5 == 1) b = b " fox v1 red"
		b = b " id" i
		for (j = 0; j < 30; j++) b = b " v" (i * 31 + j * 17) % 500
		printf "{\"id\": \"s%05d\", \"title\": \"report %d\", \"body\": \"%s\"}\n", i, i, b
	}
}' >gen.jsonl
"$NINDEX" -v -i big gen.jsonl 2>err1 || { cat err1; exit 9; }
"$NINDEX" -v --memory 1M -i small gen.jsonl 2>err2 || { cat err2; exit 9; }
echo "default budget, runs spilled: $(sed -n 's/.* \([0-9][0-9]*\) runs spilled.*/\1/p' err1)"
n=$(sed -n 's/.* \([0-9][0-9]*\) runs spilled.*/\1/p' err2)
echo "--memory 1M spilled runs: $(yesno test "${n:-0}" -gt 0)"
for i in big small; do
	"$NSEARCH" -i $i --stats | grep -E '^(docs|words|terms)=' >stats.$i
done
echo "same stats: $(yesno cmp -s stats.big stats.small)"
# the story maps too: at 1M the story build keeps few probed terms' docids
# and reads the rest from the postings again (indexer/story.c)
echo "same stories: $(yesno cmp -s big/stories-1 small/stories-1)"
cat stats.big | grep '^docs='
status=0
while IFS= read -r q; do
	"$NSEARCH" -i big --format tsv -n 100 "$q" >t.big 2>&1
	"$NSEARCH" -i small --format tsv -n 100 "$q" >t.small 2>&1
	c1=$("$NSEARCH" -i big -c "$q" 2>&1)
	c2=$("$NSEARCH" -i small -c "$q" 2>&1)
	same=$(yesno cmp -s t.big t.small)
	[ "$c1" = "$c2" ] || same="no (counts $c1 and $c2)"
	echo "$q: $c1, same: $same"
done <<'Q'
every
even
third
even AND third
even NOT third
even -third
even OR third
"red fox"
red fox
alpha NEAR/1 omega
"alpha omega"
alpha NEAR/2 omega
omega ADJ/3 alpha
title:report
id4711
Q
