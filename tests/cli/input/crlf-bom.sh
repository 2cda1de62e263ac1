# A text file with a UTF-8 BOM and CR LF line ends: the title has neither.
. tests/cli/lib.sh
cd "$TMP" || exit 9
mkdir src || exit 9
printf '\357\273\277Harbour Reopens After Storm\r\n\r\nThe harbour reopened on Monday.\r\nFishing boats left at dawn.\r\n' >src/harbour.txt
"$NINDEX" -q -i i src || exit 9
"$NSEARCH" -i i --format tsv harbour | cut -f3,5 | od -An -c | tr -s ' ' | grep -c '\\r'
"$NSEARCH" -i i --format tsv harbour | cut -f3,5
ids i '"monday fishing boats"'
