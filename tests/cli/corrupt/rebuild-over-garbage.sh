# ... but a rebuild from sources given now replaces the damaged index.
. tests/cli/lib.sh
cd "$TMP" || exit 9
cp -R "$IDX" c || exit 9
echo 'this is not a manifest' >c/MANIFEST
"$NINDEX" -q -i c "$OLDPWD/corpus"
st=$?
echo "trump: $("$NSEARCH" -i c -c trump)"
exit $st
