# -n 0 prints nothing; the status still says whether anything matched.
. tests/cli/lib.sh
"$NSEARCH" -i "$IDX" -n 0 trump
echo "trump: $?"
"$NSEARCH" -i "$IDX" -n 0 putin geneva
echo "putin geneva: $?"
