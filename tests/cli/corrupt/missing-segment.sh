# A segment file the MANIFEST names is gone: the message names it.
. tests/cli/lib.sh
cd "$TMP" || exit 9
cp -R "$IDX" c || exit 9
f=$(only c/seg-*.nsd) || exit 9
rm "$f"
"$NSEARCH" -i c trump >out 2>err
st=$?
one_error nsearch err
echo "names it: $(yesno grep -qE 'seg-[0-9]+\.nsd' err)"
exit $st
