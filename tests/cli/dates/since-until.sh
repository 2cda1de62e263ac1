# --since and --until are AND-ed with the query; --since takes the start of
# a partial date, --until its end (--until 2026-02 = to Feb 28 included).
# Times are honoured: w04 is 2026-02-16T23:30Z.
. tests/cli/lib.sh
"$NINDEX" -q -i "$TMP/w" tests/data/wire/news.jsonl || exit 9
echo "since 2026-02 kiwi: $("$NSEARCH" -i "$TMP/w" -l --since 2026-02 kiwi | LC_ALL=C sort | tr '\n' ' ')"
echo "until 2026-02: $("$NSEARCH" -i "$TMP/w" -c --since 2026-02 --until 2026-02)"
echo "since 23:00: $("$NSEARCH" -i "$TMP/w" -l --since 2026-02-16T23:00Z --until 2026-02-16 | tr '\n' ' ')"
echo "since 23:45: $("$NSEARCH" -i "$TMP/w" -c --since 2026-02-16T23:45Z --until 2026-02-16)"
echo "until 23:00: $("$NSEARCH" -i "$TMP/w" -c --since 2026-02-16 --until 2026-02-16T23:00Z)"
echo "with date: $("$NSEARCH" -i "$TMP/w" -l --since 2026-02-11 'date:2026-02' | LC_ALL=C sort | tr '\n' ' ')"
