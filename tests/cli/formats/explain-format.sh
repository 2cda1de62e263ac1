# --explain needs text or json; with tsv or -l it is a usage error.
. tests/cli/lib.sh
"$NSEARCH" -i "$IDX" --explain --format tsv trump 2>"$TMP/err"
echo "tsv: status $?"
one_error nsearch "$TMP/err"
"$NSEARCH" -i "$IDX" --explain -l trump 2>"$TMP/err"
echo "-l: status $?"
