# --stats: key=value lines, one key each, among them the totals of the
# dictionaries and the dates (tests/data/wire: 11 articles, 10 dated).
. tests/cli/lib.sh
"$NINDEX" -q -i "$TMP/w" tests/data/wire/news.jsonl || exit 9
"$NSEARCH" -i "$TMP/w" --stats >"$TMP/s"
echo "status $?"
echo "all key=value: $(yesno awk -F= 'NF < 2 { exit 1 }' "$TMP/s")"
grep -E '^(docs|dated_docs|first_date|last_date|language|deleted_docs)=' "$TMP/s"
for k in words terms word_terms field_terms postings positions field_postings segments generation postings_bytes dictionary_bytes postings_file_bytes documents_file_bytes; do
	grep -q "^$k=[0-9][0-9]*$" "$TMP/s" || echo "missing $k"
done
echo "unique keys: $(yesno test "$(grep -v '^source=' "$TMP/s" | cut -d= -f1 | sort | uniq -d)" = "")"
