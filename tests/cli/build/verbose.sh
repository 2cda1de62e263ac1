# -v ends with one summary line: articles added, updated, deleted and
# unchanged, then files read, skipped files, bad lines.  A second run with
# nothing changed reads nothing.
. tests/cli/lib.sh
cd "$TMP" || exit 9
"$NINDEX" -v -i i "$OLDPWD/tests/data/mini" 2>err
st=$?
echo "stderr lines: $(wc -l <err | tr -d ' ')"
grep -o 'added [0-9]*, updated [0-9]*, deleted [0-9]*, unchanged [0-9]* in' err
grep -o '[0-9]* files read' err
grep -o '[0-9]* skipped, [0-9]* bad lines' err
"$NINDEX" -v -i i 2>err
grep -o 'added [0-9]*, updated [0-9]*, deleted [0-9]*, unchanged [0-9]* in' err
grep -o '[0-9]* files read, [0-9]* unchanged' err
exit $st
