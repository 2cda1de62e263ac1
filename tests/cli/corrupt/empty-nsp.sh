# A postings file of 0 bytes.
. tests/cli/lib.sh
cd "$TMP" || exit 9
cp -R "$IDX" c || exit 9
f=$(only c/seg-*.nsp) || exit 9
: >"$f"
"$NSEARCH" -i c trump >out 2>err
st=$?
one_error nsearch err
echo "says what: $(yesno grep -qE 'seg-[0-9]+\.nsp|corrupt' err)"
exit $st
