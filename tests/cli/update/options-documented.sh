# Every long option that nindex --help lists is described in nindex(1),
# and the page formats without a groff warning.
. tests/cli/lib.sh
"$NINDEX" --help | grep -o -- '--[a-z][a-z-]*' | sort -u >"$TMP/help"
for o in $(cat "$TMP/help"); do
	grep -q -- "$(echo "$o" | sed 's/-/\\\\-/g')" doc/nindex.1 || echo "not in the man page: $o"
done
echo "options in --help: $(wc -l <"$TMP/help" | tr -d ' ')"
if command -v groff >/dev/null; then
	groff -man -Tutf8 -ww doc/nindex.1 >/dev/null 2>"$TMP/err"
	echo "groff warnings: $(wc -l <"$TMP/err" | tr -d ' ')"
else
	echo "groff warnings: 0"
fi
