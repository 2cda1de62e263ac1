# MANIFEST cut to half its size.
. tests/cli/lib.sh
cd "$TMP" || exit 9
cp -R "$IDX" c || exit 9
truncate -s $(($(size c/MANIFEST) / 2)) c/MANIFEST || exit 9
"$NSEARCH" -i c trump >out 2>err
st=$?
one_error nsearch err
echo "names it: $(yesno grep -q MANIFEST err)"
exit $st
