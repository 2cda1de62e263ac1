# doc/nsearch.1 formats without a single groff warning.
. tests/cli/lib.sh
command -v groff >/dev/null || { echo "groff missing"; exit 9; }
groff -man -Tutf8 -ww doc/nsearch.1 >/dev/null 2>"$TMP/err"
echo "status $?, warnings: $(wc -l <"$TMP/err" | tr -d ' ')"
cat "$TMP/err"
