# Rebuilding with other sources replaces the whole content.
. tests/cli/lib.sh
cd "$TMP" || exit 9
"$NINDEX" -q -i i "$OLDPWD/corpus" || exit 9
"$NINDEX" -q -i i "$OLDPWD/tests/data/mini"
st=$?
echo "trump: $("$NSEARCH" -i i -c trump)"
echo "volcano: $("$NSEARCH" -i i -c volcano)"
ls i | sed 's/^seg-[0-9]*\./seg-N./'
exit $st
