# The document file cut to half its size.
. tests/cli/lib.sh
cd "$TMP" || exit 9
cp -R "$IDX" c || exit 9
f=$(only c/seg-*.nsd) || exit 9
truncate -s $(($(size "$f") / 2)) "$f" || exit 9
"$NSEARCH" -i c trump >out 2>err
st=$?
one_error nsearch err
echo "says what: $(yesno grep -qE 'seg-[0-9]+\.nsd|corrupt' err)"
exit $st
