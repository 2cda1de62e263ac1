# A restriction no article meets empties an AND (it is not dropped like a
# word made only of punctuation): a date range outside the index's years,
# a prefix that stands for no word.  Under OR or NOT it changes nothing.
. tests/cli/lib.sh
"$NINDEX" -q -i "$TMP/w" tests/data/wire/news.jsonl || exit 9
for q in 'kiwi date:1990' 'kiwi zzq*' 'kiwi zzq* NEAR mango' 'kiwi OR zzq*' 'kiwi -zzq*' \
	'kiwi -date:1990' 'kiwi OR (mango date:1990)'; do
	echo "$q: $(count "$TMP/w" "$q")"
done
