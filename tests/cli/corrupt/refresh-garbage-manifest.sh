# nindex without sources cannot refresh from a damaged MANIFEST: it fails
# (status 1) and says so.
. tests/cli/lib.sh
cd "$TMP" || exit 9
cp -R "$IDX" c || exit 9
echo 'this is not a manifest' >c/MANIFEST
"$NINDEX" -i c 2>err
st=$?
one_error nindex err
echo "names it: $(yesno grep -q MANIFEST err)"
exit $st
