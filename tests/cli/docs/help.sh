# --help is short (fits a terminal page or two) and has examples.
. tests/cli/lib.sh
"$NSEARCH" --help >"$TMP/h"
echo "status $?"
echo "under 60 lines: $(yesno test "$(wc -l <"$TMP/h")" -lt 60)"
echo "widest under 90: $(yesno test "$(awk '{ if (length > m) m = length } END { print m }' "$TMP/h")" -lt 90)"
grep -c '^  nsearch ' "$TMP/h"
