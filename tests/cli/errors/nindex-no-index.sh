# nindex needs -i.
. tests/cli/lib.sh
"$NINDEX" corpus 2>"$TMP/err"
st=$?
echo "first line starts with nindex: $(yesno sh -c "head -n 1 '$TMP/err' | grep -q '^nindex: '")"
exit $st
