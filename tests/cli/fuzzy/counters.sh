# --debug-counters: a fuzzy word's walk reads a part of the word
# forms even of a dictionary as dense as 2197 words wXYZ (X, Y and Z in
# a..m, one article each: every prefix branches 13 ways), and a
# query without fuzzy words reads none.
. tests/cli/lib.sh
awk 'BEGIN { l = "abcdefghijklm"; for (i = 1; i <= 13; i++) for (j = 1; j <= 13; j++) for (k = 1; k <= 13; k++)
	printf "{\"id\": \"w%d-%d-%d\", \"body\": \"w%s%s%s\"}\n", i, j, k, substr(l, i, 1), substr(l, j, 1), substr(l, k, 1) }' >"$TMP/w.jsonl"
"$NINDEX" -q -i "$TMP/w" "$TMP/w.jsonl" || exit 9
c() {
	"$NSEARCH" -i "$TMP/w" -c --debug-counters "$1" 2>&1 >/dev/null |
		sed -n 's/.*fuzzy_visited=\([0-9]*\) fuzzy_entries=\([0-9]*\).*/\1 \2/p'
}
for q in 'wabc~' 'wabcz~' 'xabc~2'; do
	set -- $(c "$q")
	echo "$q: $("$NSEARCH" -i "$TMP/w" -c "$q") articles; visited some: $(yesno test "$1" -gt 0), under a third of the entries: $(yesno test $(($1 * 3)) -lt "$2"), entries: $2"
done
set -- $(c 'wabc')
echo "wabc: visited $1, entries $2"
