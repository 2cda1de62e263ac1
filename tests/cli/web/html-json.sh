# nsearch --show ID --format json: one object with id, title, date, source,
# url, path (null when absent) and body (without the title).
. tests/cli/lib.sh
"$NINDEX" -q -i "$TMP/w" tests/data/web/site || exit 9
"$NSEARCH" -i "$TMP/w" --show council-vote.htm --format json | rel
"$NSEARCH" -i "$TMP/w" --show cafe-reopens.html --format json | python3 -c '
import json, sys
o = json.load(sys.stdin)
print(sorted(o))
print(o["title"], "|", o["source"], "|", o["body"].count("\n\n") + 1, "paragraphs")'
