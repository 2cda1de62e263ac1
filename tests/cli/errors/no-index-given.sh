# Neither -i nor NSEARCH_INDEX.
. tests/cli/lib.sh
"$NSEARCH" trump 2>"$TMP/err"
st=$?
echo "first line starts with nsearch: $(yesno sh -c "head -n 1 '$TMP/err' | grep -q '^nsearch: '")"
exit $st
