# One byte of MANIFEST flipped.  In its head (segments, sources, settings:
# the part a search reads, checked by the head CRC) a search fails with one
# message.  In the files section (the source files' state, which only
# nindex reads, checked by the whole-file CRC) a search still answers right,
# nindex --check names MANIFEST, and an update reads every source again.
. tests/cli/lib.sh
cd "$TMP" || exit 9
cp -R "$IDX" c || exit 9
flip c/MANIFEST 30 || exit 9
"$NSEARCH" -i c trump >out 2>err
st=$?
one_error nsearch err
cp -R "$IDX" f || exit 9
flip f/MANIFEST $(($(size f/MANIFEST) - 10)) || exit 9
echo "files section: trump $("$NSEARCH" -i f -c trump)"
"$NINDEX" --check -i f 2>err
echo "check: status $?, names it: $(yesno grep -q 'MANIFEST' err)"
"$NINDEX" -i f 2>err
echo "update: status $?, says so: $(yesno grep -q 'reading them all again' err)"
"$NINDEX" --check -i f
echo "check after: status $?, trump $("$NSEARCH" -i f -c trump)"
exit $st
