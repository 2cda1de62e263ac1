# (d) MANIFEST deleted: the directory is no index any more.
. tests/cli/lib.sh
cd "$TMP" || exit 9
cp -R "$IDX" c || exit 9
rm c/MANIFEST
"$NSEARCH" -i c trump >out 2>err
st=$?
one_error nsearch err
echo "stdout bytes: $(size out)"
exit $st
