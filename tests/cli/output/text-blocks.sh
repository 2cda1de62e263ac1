# Several hits: numbered blocks of three lines separated by one blank line.
# "port arvik" matches dock-strike.txt, election.txt and volcano.txt.
. tests/cli/lib.sh
"$NSEARCH" -i "$MINI" '"port arvik"' >"$TMP/o"
st=$?
echo "lines: $(wc -l <"$TMP/o" | tr -d ' ')"
echo "blank lines: $(grep -c '^$' "$TMP/o")"
grep -o '^ *[0-9][0-9]*\. ' "$TMP/o"
sed -n 's/^ *[0-9][0-9]*\. //p' "$TMP/o" | LC_ALL=C sort
exit $st
