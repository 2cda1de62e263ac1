# Two --new runs of one saved search at once report each article once: the
# lock is held from reading the mark until it moved.
. tests/cli/lib.sh
. tests/cli/alerts/helpers.inc
cd "$TMP" || exit 9
mkdir src
art a1 2026-02-01 AP "iran talks" >src/a.jsonl
"$NINDEX" -q -i idx src || exit 9
"$NSEARCH" -i idx --save iran iran || exit 9
"$NSEARCH" -i idx --new iran
i=0
while [ $i -lt 40 ]; do
	i=$((i + 1))
	art b$i 2026-02-02 AP "iran news $i"
done >src/b.jsonl
"$NINDEX" -q -i idx || exit 9
for k in 1 2 3 4; do
	"$NSEARCH" -i idx --new iran -l >out$k 2>err$k &
done
wait
cat out1 out2 out3 out4 | LC_ALL=C sort >all
echo "reported: $(wc -l <all | tr -d ' '), distinct: $(uniq all | wc -l | tr -d ' ')"
echo "runs that reported: $(for k in 1 2 3 4; do [ -s out$k ] && echo x; done | wc -l | tr -d ' ')"
echo "stderr: $(cat err1 err2 err3 err4 | wc -c | tr -d ' ') bytes"
new iran
