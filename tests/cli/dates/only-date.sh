# A query may be only a date restriction: -c counts the articles of the
# month, and --since/--until alone need no query at all.
. tests/cli/lib.sh
"$NINDEX" -q -i "$TMP/w" tests/data/wire/news.jsonl || exit 9
echo "date:2026-02: $(count "$TMP/w" date:2026-02)"
echo "--since 2026-02-01 --until 2026-02-28: $("$NSEARCH" -i "$TMP/w" -c --since 2026-02-01 --until 2026-02-28)"
echo "--until 2025: $("$NSEARCH" -i "$TMP/w" -l --until 2025 | LC_ALL=C sort | tr '\n' ' ')"
