# (e) MANIFEST replaced by text: the message names MANIFEST.
. tests/cli/lib.sh
cd "$TMP" || exit 9
cp -R "$IDX" c || exit 9
echo 'this is not a manifest' >c/MANIFEST
"$NSEARCH" -i c trump >out 2>err
st=$?
one_error nsearch err
echo "names it: $(yesno grep -q MANIFEST err)"
exit $st
