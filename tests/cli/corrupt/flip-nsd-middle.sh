# (c) One byte flipped in the middle of the document file (inside the
# stored records), then a text query whose hits (all four articles) show
# stored text: exit 2 with one "nsearch: ..." line, never a crash.
. tests/cli/lib.sh
cd "$TMP" || exit 9
cp -R "$IDX" c || exit 9
f=$(only c/seg-*.nsd) || exit 9
flip "$f" $(($(size "$f") / 2)) || exit 9
"$NSEARCH" -i c trump >out 2>err
st=$?
one_error nsearch err
echo "says what: $(yesno grep -qE 'seg-[0-9]+\.nsd|corrupt' err)"
exit $st
