# 002 opens with a 472-byte paragraph, so it has no title; its date is
# "February 16th, 2026".  Only 002 says "consensus" ("fail to reach a
# consensus in their technical talks").  It is a retelling of 000 and 001:
# a fourth line lists them as its other versions.
. tests/cli/lib.sh
"$NSEARCH" -i "$IDX" consensus >"$TMP/o"
st=$?
sed -n '1,2p' "$TMP/o"
echo "lines: $(wc -l <"$TMP/o" | tr -d ' ')"
echo "snippet indented: $(yesno grep -q '^    [^ ]' "$TMP/o")"
echo "snippet has the word: $(sed -n 3p "$TMP/o" | grep -c 'consensus')"
exit $st
