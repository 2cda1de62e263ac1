# Hidden files and directories (name starting with '.') are not read.
. tests/cli/lib.sh
cd "$TMP" || exit 9
mkdir -p src/.hidden || exit 9
cp "$OLDPWD/tests/data/mini/volcano.txt" src/ || exit 9
cp "$OLDPWD/tests/data/mini/tariffs.txt" src/.secret.txt || exit 9
cp "$OLDPWD/tests/data/mini/cafe-eviction.txt" src/.hidden/ || exit 9
"$NINDEX" -q -i i src || exit 9
"$NSEARCH" -i i --stats | grep '^docs='
"$NSEARCH" -i i --any --format tsv volcano tariffs cafe | cut -f3
