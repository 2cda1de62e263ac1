# source:"bbc news" is a phrase over the source's words: "BBC News" (w02)
# and "BBC News Online" (w05); the words in the other order are no phrase.
. tests/cli/lib.sh
"$NINDEX" -q -i "$TMP/w" tests/data/wire/news.jsonl || exit 9
ids "$TMP/w" 'source:"bbc news"'
echo "reversed: $(count "$TMP/w" 'source:"news bbc"')"
echo "online: $(ids "$TMP/w" 'source:"news online"')"
