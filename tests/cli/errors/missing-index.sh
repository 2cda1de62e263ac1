# An index directory that does not exist: one message naming it.
. tests/cli/lib.sh
cd "$TMP" || exit 9
"$NSEARCH" -i nowhere trump 2>err
st=$?
one_error nsearch err
echo "names it: $(yesno grep -q nowhere err)"
exit $st
