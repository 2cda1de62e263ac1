# Open ends: ..B from the first dated article, A.. to the last; ".." any
# date.  w06 has no date: no date restriction ever matches it.
. tests/cli/lib.sh
"$NINDEX" -q -i "$TMP/w" tests/data/wire/news.jsonl || exit 9
echo "..2025-12-31: $(ids "$TMP/w" date:..2025-12-31 | tr '\n' ' ')"
echo "2026-02..: $(ids "$TMP/w" date:2026-02.. | tr '\n' ' ')"
echo "..: $(count "$TMP/w" date:..) of $("$NSEARCH" -i "$TMP/w" --stats | sed -n 's/^docs=//p')"
echo "undated in ..: $(ids "$TMP/w" date:.. | grep -c w06)"
