# A text group's document range rewritten with its CRC to match (format.h:
# first_doc, n_docs): every record still lies in its group's range, so only
# --check's walk of the groups against their documents notices, and says
# where.  Queries stay right (records carry their own docid).
. tests/cli/lib.sh
cd "$TMP" || exit 9
mkdir src
python3 "$REPO/tests/cli/counts/gen.py" src 7 3000 || exit 9
"$NINDEX" -q -i idx src || exit 9
"$NINDEX" -i idx --check; echo "intact --check: $?"
"$NSEARCH" -i idx -l iran >before || exit 9
python3 "$REPO/tests/cli/corrupt/grouppatch.py" idx/seg-*.nsd 0 1 2>range || exit 9
echo "two groups or more: $(yesno grep -qv 'of 3000$' range)"
"$NINDEX" -i idx --check 2>err; echo "n_docs + 1, --check: $?"
sed 's/seg-[0-9]*\.nsd/SEG.nsd/' err
"$NSEARCH" -i idx -l iran >after; echo "query: $?"
echo "same hits: $(yesno cmp -s before after)"
