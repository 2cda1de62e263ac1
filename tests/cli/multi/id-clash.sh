# An id live in two indexes searched as one is shown with the index's name
# (the directory's last component) and a colon; ids found in one index only
# are shown as they are.  Two indexes with the same last component are
# named by their directories as given.  --similar takes the prefixed form;
# the bare form of a clashing id names no single article.
. tests/cli/lib.sh
cd "$TMP" || exit 9
mkdir -p src/2025 src/2026 shards || exit 9
printf 'Harbour Strike Ends\n\nDock workers at the harbour ended their strike on Monday.\n' >src/2025/harbour.txt
printf 'Harbour Strike Begins\n\nDock workers at the harbour began a strike over wages.\n' >src/2026/harbour.txt
printf 'Grain Prices\n\nWheat and grain prices rose after the harbour strike.\n' >src/2026/grain.txt
printf 'Ferry Timetable\n\nThe ferry from the harbour runs every hour.\n' >src/2025/ferry.txt
ls src | xargs -P 2 -I{} "$NINDEX" -q -i shards/{} src/{} || exit 9
echo "--- ids"
"$NSEARCH" -i shards/2025 -i shards/2026 -l harbour | LC_ALL=C sort
echo "--- tsv"
"$NSEARCH" -i shards/2025/ -i shards/2026 --format tsv harbour strike | cut -f1,3,5
echo "--- json ids"
"$NSEARCH" -i shards/2025 -i shards/2026 --format json strike | sed 's/.*"id":\("[^"]*"\).*/\1/'
echo "--- similar"
"$NSEARCH" -i shards/2025 -i shards/2026 -l --similar 2026:harbour.txt
"$NSEARCH" -i shards/2025 -i shards/2026 -l --similar grain.txt
"$NSEARCH" -i shards/2025 -i shards/2026 -l --similar harbour.txt 2>err
echo "bare clashing id: $?"; one_error nsearch err
echo "--- same last component"
mkdir -p a b || exit 9
"$NINDEX" -q -i a/news src/2025 && "$NINDEX" -q -i b/news src/2026 || exit 9
"$NSEARCH" -i a/news -i b/news -l harbour | LC_ALL=C sort
"$NSEARCH" -i a/news -i b/news --stats | grep '^piece'
