# date:A..B runs from the start of A to the end of B.
. tests/cli/lib.sh
"$NINDEX" -q -i "$TMP/w" tests/data/wire/news.jsonl || exit 9
ids "$TMP/w" date:2026-02-01..2026-02-16
echo "--"
ids "$TMP/w" date:2025-12..2026-01
