# Every long option that --help lists is described in nsearch(1), and
# every option the man page gives is accepted.
. tests/cli/lib.sh
"$NSEARCH" --help | grep -o -- '--[a-z][a-z-]*' | sort -u >"$TMP/help"
for o in $(cat "$TMP/help"); do
	grep -q -- "$(echo "$o" | sed 's/-/\\\\-/g')" doc/nsearch.1 || echo "not in the man page: $o"
done
echo "options in --help: $(wc -l <"$TMP/help" | tr -d ' ')"
"$NSEARCH" --version | sed 's/[0-9][0-9.]*/N/g'
