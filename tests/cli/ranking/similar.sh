# --similar ID: the articles most like one article, the article itself
# left out; an unknown id is an error (corpus/: the four seeds all cover
# the same story).
. tests/cli/lib.sh
"$NSEARCH" -i "$IDX" -l --similar 000_cb9e7fc10d88d411.txt | sort
echo "count: $("$NSEARCH" -i "$IDX" -c --similar 000_cb9e7fc10d88d411.txt)"
"$NSEARCH" -i "$IDX" --similar no-such-id 2>"$TMP/err"
echo "unknown id: $?"; one_error nsearch "$TMP/err"
"$NSEARCH" -i "$IDX" --similar 000_cb9e7fc10d88d411.txt trump 2>"$TMP/err"
echo "with a query: $?"
