# --show with an id no article has: a message, exit status 1; --show with
# query words is a usage error (2).
. tests/cli/lib.sh
"$NSEARCH" -i "$MINI" --show no-such-id 2>"$TMP/err"
echo "status $?"
cat "$TMP/err"
"$NSEARCH" -i "$MINI" --show volcano.txt volcano 2>/dev/null
echo "status $?"
"$NSEARCH" -i "$MINI" --show volcano.txt --format tsv 2>/dev/null
echo "status $?"
"$NSEARCH" -i "$MINI" --show volcano.txt | head -n 4 | rel
