# A write error other than a closed pipe is reported (one line) with
# status 2: /dev/full fails every write with ENOSPC.
. tests/cli/lib.sh
[ -w /dev/full ] || { echo "no /dev/full"; exit 9; }
for args in "" "--format json" "-l" "-c" "--stats"; do
	# shellcheck disable=SC2086
	"$NSEARCH" -i "$IDX" $args trump >/dev/full 2>"$TMP/err"
	echo "${args:-text}: status $?, $(one_error nsearch "$TMP/err" | tr '\n' ' ')"
done
