# The man pages (doc/nsearch.1, nindex.1, nsearch.3) format without a single
# groff warning.
. tests/cli/lib.sh
command -v groff >/dev/null || { echo "groff missing"; exit 9; }
for m in doc/nsearch.1 doc/nindex.1 doc/nsearch.3; do
	groff -man -Tutf8 -ww "$m" >/dev/null 2>"$TMP/err"
	echo "$m: status $?, warnings: $(wc -l <"$TMP/err" | tr -d ' ')"
	cat "$TMP/err"
done
