# --memory: K, M, G in either case, optionally followed by B; a bare number
# is megabytes; at least 1M.
. tests/cli/lib.sh
cd "$TMP" || exit 9
for m in 1024K 1m 1MB 2 1g 1023K 0 12X; do
	"$NINDEX" -q --memory "$m" -i "i$m" "$OLDPWD/tests/data/mini" 2>/dev/null
	echo "$m: $?"
done
