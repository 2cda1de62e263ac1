# NEAR operands are words, phrases, prefixes or OR groups of them; an AND
# group is refused.
. tests/cli/lib.sh
"$NSEARCH" -i "$IDX" '(putin geneva) NEAR trump' 2>"$TMP/err"
st=$?
one_error nsearch "$TMP/err"
exit $st
