# A file without an .html name that starts like an HTML document is read as
# a web page; text that only mentions tags is plain text; a page that is
# all boilerplate gives an article with its title and no body.
. tests/cli/lib.sh
mkdir -p "$TMP/s"
printf '<!-- saved page -->\n<!DOCTYPE html><html><head><title>Tide tables printed again</title></head><body><p>The harbour office has printed the tide tables again after readers asked for a paper copy of the spring and summer times.</p></body></html>\n' >"$TMP/s/saved-page"
printf 'Notes on markup\n\nThe <html> element wraps a page; <body> holds what is shown.\n' >"$TMP/s/notes.txt"
printf '<html><body><nav><a href="/">Home</a></nav></body></html>' >"$TMP/s/empty.html"
"$NINDEX" -q -i "$TMP/i" "$TMP/s" || exit 9
tsv "$TMP/i" tide OR markup OR home
"$NSEARCH" -i "$TMP/i" --show empty.html 2>/dev/null; echo "empty.html: status $?"
"$NSEARCH" -i "$TMP/i" -l 'tide OR markup' | LC_ALL=C sort
