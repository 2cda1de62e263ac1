# date:2026 is the year; date:2024-02-29 the leap day (w08).
. tests/cli/lib.sh
"$NINDEX" -q -i "$TMP/w" tests/data/wire/news.jsonl || exit 9
ids "$TMP/w" date:2026 | tr '\n' ' '; echo
ids "$TMP/w" date:2024-02-29
echo "2024: $(ids "$TMP/w" date:2024)"
