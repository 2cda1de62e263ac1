# word~ matches the archive's words within one edit, word~2 within two
# (transpositions count one), through their stems: "goverment~" finds
# government (120 articles) and goverment (t1).
. tests/cli/lib.sh
awk -f tests/cli/spell/corpus.awk >"$TMP/s.jsonl" && "$NINDEX" -q -i "$TMP/s" "$TMP/s.jsonl" || exit 9
for q in 'goverment' 'goverment~' 'goverment~1' 'govrment~' 'govrment~2' 'gvoernment~' \
	'spending~ yrok~' 'yrok~' 'title:goverment~' 'body:goverment~ -spending'; do
	echo "$q: $(count "$TMP/s" "$q")"
done
