# A binary file in a source directory is skipped with a message naming it;
# the text article beside it and an empty file are no problem.
. tests/cli/lib.sh
cd "$TMP" || exit 9
mkdir src || exit 9
cp "$OLDPWD/tests/data/mini/volcano.txt" src/ || exit 9
printf 'ELF\000\001\002\003 binary volcano\000\377\376' >src/blob.bin
: >src/empty.txt
"$NINDEX" -i i src 2>err
st=$?
echo "stderr lines: $(wc -l <err | tr -d ' ')"
echo "names it: $(yesno grep -q '^nindex: .*blob\.bin' err)"
"$NSEARCH" -i i --stats | grep '^docs='
ids i volcano
exit $st
