# NEAR, ADJ, SENTENCE and PARAGRAPH cannot be mixed in one chain.
. tests/cli/lib.sh
"$NSEARCH" -i "$IDX" 'iran SENTENCE missile NEAR/3 saudi' 2>&1
echo "exit $?"
"$NSEARCH" -i "$IDX" '(iran missile) SENTENCE saudi' 2>&1
echo "exit $?"
"$NSEARCH" -i "$IDX" 'source:x SENTENCE iran' 2>&1
