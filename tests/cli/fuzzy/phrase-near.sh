# A fuzzy word inside a phrase ("new yrok~": the phrase with york in its
# place) and as a NEAR/ADJ operand; "Flights to New York": flights is 3
# words before york.
. tests/cli/lib.sh
awk -f tests/cli/spell/corpus.awk >"$TMP/s.jsonl" && "$NINDEX" -q -i "$TMP/s" "$TMP/s.jsonl" || exit 9
for q in '"new yrok"' '"new yrok~"' '"new yrok~1"' '"new~ yrok~2"' '"yrok~ new"' \
	'"flights to nwe~ yrok~ were"' 'body:"new yrok~"' 'title:"new yrok~"' \
	'flights NEAR/3 yrok~' 'flights NEAR/2 yrok~' 'yrok~ ADJ/3 flights' 'flihgts~ ADJ/3 yrok~' \
	'"saudi arabai~ was"'; do
	echo "$q: $(count "$TMP/s" "$q")"
done
