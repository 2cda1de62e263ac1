# --save, --saved, --forget, @NAME: options travel with the query, options
# given now override them; names and missing searches are checked.
. tests/cli/lib.sh
. tests/cli/alerts/helpers.inc
cd "$TMP" || exit 9
"$NSEARCH" -i "$MINI" --save strike --format tsv -n 2 --sort date strike; echo "save: $?"
"$NSEARCH" -i "$MINI" --save wx 'storm OR volcano'; echo "save: $?"
"$NSEARCH" -i "$MINI" --saved; echo "saved: $?"
"$NSEARCH" -i "$MINI" @strike | cut -f1,3; echo "@strike: $?"
"$NSEARCH" -i "$MINI" -l @wx; echo "@wx -l: $?"
"$NSEARCH" -i "$MINI" -l -n 1 @wx; echo "-l -n 1 @wx: $?"
"$NSEARCH" -i "$MINI" @strike -l; echo "@strike -l: $?"
"$NSEARCH" -i "$MINI" --format tsv -n 100 strike | cut -f3 | LC_ALL=C sort >plain
"$NSEARCH" -i "$MINI" -n 100 @strike | cut -f3 | LC_ALL=C sort >saved
echo "same matches as the query itself: $(yesno cmp -s plain saved)"
"$NSEARCH" -i "$MINI" --save strike -c strike; echo "replace: $?"
"$NSEARCH" -i "$MINI" @strike; echo "@strike: $?"
"$NSEARCH" -i "$MINI" --forget wx; echo "forget: $?"
"$NSEARCH" -i "$MINI" --saved | cut -f1
"$NSEARCH" -i "$MINI" --forget wx 2>err; echo "forget again: $?"; one_error nsearch err
"$NSEARCH" -i "$MINI" @nothing 2>err; echo "@nothing: $?"; one_error nsearch err
"$NSEARCH" -i "$MINI" --new nothing 2>err; echo "--new nothing: $?"; one_error nsearch err
"$NSEARCH" -i "$MINI" --save 'a b' x 2>err; echo "bad name: $?"; one_error nsearch err
"$NSEARCH" -i "$MINI" --save x 2>err; echo "no query: $?"; one_error nsearch err
echo "state files: $(ls "$NSEARCH_STATE" | sed 's/-[0-9a-f]*\.saved/-HASH.saved/; s/-[0-9a-f]*\.saved\.lock/-HASH.saved.lock/' | tr '\n' ' ')"
