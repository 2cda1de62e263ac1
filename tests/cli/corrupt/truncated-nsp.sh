# (a) The postings file cut to half its size: exit 2 (not a crash), one
# line "nsearch: ..." that names the file or says the index is corrupt.
. tests/cli/lib.sh
cd "$TMP" || exit 9
cp -R "$IDX" c || exit 9
f=$(only c/seg-*.nsp) || exit 9
truncate -s $(($(size "$f") / 2)) "$f" || exit 9
"$NSEARCH" -i c trump >out 2>err
st=$?
one_error nsearch err
echo "says what: $(yesno grep -qE 'seg-[0-9]+\.nsp|corrupt' err)"
echo "stdout bytes: $(size out)"
exit $st
