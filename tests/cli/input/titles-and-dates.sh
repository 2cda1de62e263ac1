# Titles and dates of the mini articles: a title line followed by a blank
# line is the title; bridge-closed.txt is one paragraph (no title) dated
# "On 2024-05-12"; volcano.txt is dated "PORT ARVIK, March 5, 2024".
. tests/cli/lib.sh
"$NSEARCH" -i "$MINI" --format tsv -n 100 the | cut -f3-5 | LC_ALL=C sort
