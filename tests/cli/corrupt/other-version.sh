# An index of another format version (the version field, bytes 4-7 of the
# header, changed) is an error, status 2, with one message naming the file;
# a rebuild from sources replaces it.
. tests/cli/lib.sh
cd "$TMP" || exit 9
cp -R "$IDX" m || exit 9
flip m/MANIFEST 4 || exit 9
"$NSEARCH" -i m trump >out 2>err
st=$?
echo "MANIFEST: status $st"
one_error nsearch err
echo "names it: $(yesno grep -q MANIFEST err)"
cp -R "$IDX" p || exit 9
f=$(only p/seg-*.nsp) || exit 9
flip "$f" 4 || exit 9
"$NSEARCH" -i p trump >out 2>err
echo "postings file: status $?"
one_error nsearch err
echo "names it: $(yesno grep -qE 'seg-[0-9]+\.nsp' err)"
"$NINDEX" -q -i m "$OLDPWD/corpus"
echo "rebuild: status $?, trump: $("$NSEARCH" -i m -c trump)"
exit $st
