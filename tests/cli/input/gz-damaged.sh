# A truncated .gz plain-text article is reported and skipped; the other
# article of the directory is indexed.
. tests/cli/lib.sh
cd "$TMP" || exit 9
mkdir src || exit 9
cp "$OLDPWD/tests/data/mini/tariffs.txt" src/ || exit 9
gzip -c "$OLDPWD/tests/data/mini/volcano.txt" >full.gz || exit 9
head -c $(($(size full.gz) / 2)) full.gz >src/volcano.txt.gz
"$NINDEX" -i i src 2>err
st=$?
echo "names it: $(yesno grep -q '^nindex: .*volcano\.txt\.gz' err)"
echo "stderr lines: $(wc -l <err | tr -d ' ')"
"$NSEARCH" -i i --stats | grep '^docs='
ids i 'kelda OR tariffs'
exit $st
