# Symbolic links inside a source directory: followed while they stay inside
# it (sub/again.txt -> ../volcano.txt is a second article), reported and
# skipped when broken, leading outside, or looping (sub/up -> ..).
. tests/cli/lib.sh
cd "$TMP" || exit 9
mkdir -p src/sub || exit 9
cp "$OLDPWD/tests/data/mini/volcano.txt" src/ || exit 9
ln -s ../volcano.txt src/sub/again.txt
ln -s "$OLDPWD/tests/data/mini/tariffs.txt" src/out.txt
ln -s .. src/sub/up
ln -s nowhere src/broken.txt
"$NINDEX" -i i src 2>err
st=$?
rel <err | sed 's/^\(nindex: [^:]*\):.*/\1/'
echo "stderr lines: $(wc -l <err | tr -d ' ')"
"$NSEARCH" -i i --any --format tsv kelda tariffs | cut -f3 | LC_ALL=C sort
exit $st
