# date:2026-02 is all of February 2026: w03 (02-01), w10, w11,
# w04 (02-16 23:30Z), w05 (02-28), and w09, 2026-02-01T01:00+02:00: a date
# is the publisher's wall clock, the offset is not applied (it would be
# 2026-01-31 in UTC), so w09 is on February 1 with w03.
. tests/cli/lib.sh
"$NINDEX" -q -i "$TMP/w" tests/data/wire/news.jsonl || exit 9
ids "$TMP/w" date:2026-02
echo "--"
ids "$TMP/w" date:2026-02-01
