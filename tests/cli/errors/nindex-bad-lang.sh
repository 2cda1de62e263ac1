# An unknown stemming language is a usage error, named in the message; no
# index is created.
. tests/cli/lib.sh
cd "$TMP" || exit 9
"$NINDEX" --lang klingon -i i "$OLDPWD/corpus" 2>err
st=$?
one_error nindex err
echo "names it: $(yesno grep -q klingon err)"
echo "index created: $(yesno test -e i/MANIFEST)"
exit $st
