# One byte of MANIFEST flipped in the middle (the CRC covers every byte).
. tests/cli/lib.sh
cd "$TMP" || exit 9
cp -R "$IDX" c || exit 9
flip c/MANIFEST $(($(size c/MANIFEST) / 2)) || exit 9
"$NSEARCH" -i c trump >out 2>err
st=$?
one_error nsearch err
exit $st
