# A prefix that stands for more than 1000 terms is an error naming its
# column; one for 100 of them works.  1100 articles, each with one word
# zq0001..zq1100.
. tests/cli/lib.sh
cd "$TMP" || exit 9
awk 'BEGIN { for (i = 1; i <= 1100; i++) printf "{\"id\": \"z%d\", \"body\": \"zq%04d common\"}\n", i, i }' >z.jsonl
"$NINDEX" -q -i z z.jsonl || exit 9
echo "zq00*: $("$NSEARCH" -i z -c 'zq00*')"
echo "zq0*: $("$NSEARCH" -i z -c 'zq0*')"
"$NSEARCH" -i z 'common zq*' 2>err
st=$?
one_error nsearch err
error_column err
echo "says 1000: $(yesno grep -q 'more than 1000' err)"
exit $st
