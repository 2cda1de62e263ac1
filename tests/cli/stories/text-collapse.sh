# The seed corpus holds two stories about Iran: 000, 001 and 002 are three
# outlets' retellings of one report (Trump told Netanyahu he would back
# strikes on Iran's missile sites if talks fail; 002 is dated 2026-02-16,
# 000 and 001 are undated), 003 is another (the June strikes, Putin's
# mediation).  Text shows one hit per story: the best-ranked article, then
# its other versions oldest first, undated last.
. tests/cli/lib.sh
"$NSEARCH" -i "$IDX" iran >"$TMP/o"
st=$?
echo "hits: $(grep -c '^ *[0-9][0-9]*\. ' "$TMP/o")"
grep -E '^ *[0-9]+\. |^    [0-9]{3}_|more version' "$TMP/o"
exit $st
