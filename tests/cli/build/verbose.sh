# -v ends with a summary line: articles, files, skipped files, bad lines.
. tests/cli/lib.sh
cd "$TMP" || exit 9
"$NINDEX" -v -i i "$OLDPWD/tests/data/mini" 2>err
st=$?
grep -o 'indexed [0-9]* articles' err
grep -o 'from [0-9]* files' err
grep -o 'skipped [0-9]* files, [0-9]* bad lines, [0-9]* repeated ids' err
exit $st
