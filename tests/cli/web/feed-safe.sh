# A feed cannot make nindex read other files or expand entities: an
# external entity and an internal one stay unexpanded; an .xml file that is
# not a feed is plain text; a feed cut short gives the items libxml2
# recovers (ids "file#n" when they have no link).
. tests/cli/lib.sh
mkdir -p "$TMP/s"
echo "SECRET-CONTENT-OF-A-LOCAL-FILE" >"$TMP/secret.txt"
cat >"$TMP/s/evil.rss" <<EOT
<?xml version="1.0"?>
<!DOCTYPE rss [
  <!ENTITY ext SYSTEM "file://$TMP/secret.txt">
  <!ENTITY lol "lollollollollollollollollollol">
  <!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">
]>
<rss version="2.0"><channel><title>Evil</title>
<item><title>Entity test</title><link>https://evil.example/1</link>
<description>before &ext; middle &lol2; after</description></item>
</channel></rss>
EOT
printf '<?xml version="1.0"?>\n<config><name>tide gauge</name></config>\n' >"$TMP/s/settings.xml"
printf '<?xml version="1.0"?>\n<rss version="2.0"><channel><item><title>Cut' >"$TMP/s/broken.rss"
"$NINDEX" -i "$TMP/i" "$TMP/s" 2>"$TMP/err"
echo "status $?"
rel <"$TMP/err"
echo "secret: $(count "$TMP/i" SECRET-CONTENT-OF-A-LOCAL-FILE)"
echo "lollol: $(count "$TMP/i" lollollollollollollollollollol)"
"$NSEARCH" -i "$TMP/i" --show https://evil.example/1 | tail -n 1
"$NSEARCH" -i "$TMP/i" -l 'tide gauge'
"$NSEARCH" -i "$TMP/i" -l cut
