# A gzipped plain-text article: its id keeps the name (.txt.gz), its title
# and text read as usual; subdirectories give ids with their path.
. tests/cli/lib.sh
cd "$TMP" || exit 9
mkdir -p src/2024/03 || exit 9
gzip -c "$OLDPWD/tests/data/mini/volcano.txt" >src/2024/03/volcano.txt.gz || exit 9
cp "$OLDPWD/tests/data/mini/tariffs.txt" src/ || exit 9
"$NINDEX" -q -i i src || exit 9
"$NSEARCH" -i i --format tsv kelda | cut -f3-5
