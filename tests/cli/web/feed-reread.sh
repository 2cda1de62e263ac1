# A feed read again after it changed (as cron does): its new item is added,
# the changed one replaced, the unchanged ones kept as they are, and the
# items it no longer holds stay in the index.
. tests/cli/lib.sh
mkdir -p "$TMP/s"
cp tests/data/web/feeds/harbour.rss "$TMP/s/harbour.rss"
"$NINDEX" -v -i "$TMP/i" "$TMP/s" 2>&1 | sed -n 's/^nindex: \(added .*unchanged [0-9]*\) in .*/\1/p'
# one item changes, one is new, one drops out of the feed
sed -e 's|welcome visitors on Sunday|welcome visitors on Saturday and Sunday|' \
    -e 's|<channel>|<channel><item><title>Fish market moves indoors</title><link>https://herald.example/fish</link><pubDate>Mon, 06 May 2024 07:00:00 GMT</pubDate><description>The fish market moves into the old customs hall.</description></item>|' \
	tests/data/web/feeds/harbour.rss |
	python3 -c 'import re, sys; sys.stdout.write(re.sub(r"<item>\s*<title>Ferry.*?</item>", "", sys.stdin.read(), flags=re.S))' \
	>"$TMP/s/harbour.rss"
touch -d '2030-01-01' "$TMP/s/harbour.rss"
"$NINDEX" -v -i "$TMP/i" 2>&1 | sed -n 's/^nindex: \(added .*unchanged [0-9]*\) in .*/\1/p'
"$NSEARCH" -i "$TMP/i" -l 'harbour OR ferry OR lighthouse OR fish' | LC_ALL=C sort
echo "saturday: $(count "$TMP/i" saturday)"
