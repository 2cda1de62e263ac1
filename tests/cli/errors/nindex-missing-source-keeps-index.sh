# A missing source beside a good one still fails, and the index that was
# there stays as it was (4 articles with "trump").
. tests/cli/lib.sh
cd "$TMP" || exit 9
cp -R "$IDX" i || exit 9
"$NINDEX" -i i no-such-dir "$OLDPWD/tests/data/mini" 2>err
st=$?
echo "names it: $(yesno grep -q '^nindex: .*no-such-dir' err)"
echo "trump: $("$NSEARCH" -i i -c trump)"
echo "volcano: $("$NSEARCH" -i i -c volcano)"
exit $st
