# bridge-closed.txt is one line (so no title), dated 2024-05-12, and shorter
# than a snippet: the whole text is shown, without any "…".
. tests/cli/lib.sh
"$NSEARCH" -i "$MINI" council
