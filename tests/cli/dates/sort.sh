# --sort date: oldest first; --sort -date: newest first; ties (w03, w09
# are not tied; none are) by index order; undated articles (w06) last.
. tests/cli/lib.sh
"$NINDEX" -q -i "$TMP/w" tests/data/wire/news.jsonl || exit 9
echo "date: $("$NSEARCH" -i "$TMP/w" -l --sort date 'source:reuters' | tr '\n' ' ')"
echo "-date: $("$NSEARCH" -i "$TMP/w" -l --sort -date 'source:reuters' | tr '\n' ' ')"
echo "score: $("$NSEARCH" -i "$TMP/w" -l 'negotiat*' | tr '\n' ' ')"
echo "-date: $("$NSEARCH" -i "$TMP/w" -l --sort -date 'negotiat*' | tr '\n' ' ')"
echo "n 2: $("$NSEARCH" -i "$TMP/w" -l -n 2 --sort -date 'date:..' | tr '\n' ' ')"
"$NSEARCH" -i "$TMP/w" --sort newest kiwi 2>"$TMP/err"
echo "bad: status $?"
