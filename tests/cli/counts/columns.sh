# The day and source columns (format.h) are checked: a flipped entry fails
# its chunk's CRC (--timeline and --facet stop with an error naming the
# index, and nindex --check says which document); an entry rewritten with
# a CRC to match is caught by --check, which compares each document's
# columns with its record.
. tests/cli/lib.sh
cd "$TMP" || exit 9
mkdir src
python3 "$REPO/tests/cli/counts/gen.py" src 7 300 || exit 9
"$NINDEX" -q -i idx src || exit 9
nsd=$(cd idx && ls seg-*.nsd)
cp -r idx good
"$NSEARCH" -i idx --timeline=year iran >/dev/null; echo "intact: $?"
"$NINDEX" -i idx --check; echo "intact --check: $?"
python3 "$REPO/tests/cli/counts/colpatch.py" idx/$nsd 0 3 12345 || exit 9
"$NSEARCH" -i idx --timeline=year iran 2>err >/dev/null; echo "day flipped, --timeline: $?"
one_error nsearch err
"$NSEARCH" -i idx --facet source iran >/dev/null; echo "day flipped, --facet source (another column): $?"
"$NINDEX" -i idx --check 2>err; echo "day flipped, --check: $?"
sed "s/$nsd/SEG.nsd/" err
rm -r idx && cp -r good idx
python3 "$REPO/tests/cli/counts/colpatch.py" idx/$nsd 0 3 12345 fix || exit 9
"$NINDEX" -i idx --check 2>err; echo "day rewritten, --check: $?"
grep -c "column of document 3 " err
rm -r idx && cp -r good idx
# d: the first article with iran (docids follow the lines of the one file)
d=$(($(grep -n '"body": "[^"]*iran' src/a.jsonl | head -n 1 | cut -d: -f1) - 1))
python3 "$REPO/tests/cli/counts/colpatch.py" idx/$nsd 1 $d 99 fix || exit 9
"$NINDEX" -i idx --check 2>err; echo "source rewritten, --check: $?"
grep -c "column of document $d " err
"$NSEARCH" -i idx --facet source iran 2>err >/dev/null; echo "source out of the table, --facet source: $?"
one_error nsearch err
