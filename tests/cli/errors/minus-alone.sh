# -trump alone excludes everything: an error too (after -- so that -trump is
# not read as an option).
. tests/cli/lib.sh
"$NSEARCH" -i "$IDX" -- -trump 2>"$TMP/err"
st=$?
one_error nsearch "$TMP/err"
error_column "$TMP/err"
exit $st
