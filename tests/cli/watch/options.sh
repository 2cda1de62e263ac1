# --watch's options: --settle only with --watch, a number of seconds from 0
# to 3600; --watch with --full (a rebuild, so a new index identity, on
# every update: --new could never tell what is new), --compact or --check
# is refused; each is a message (and a hint) and status 2, the index
# untouched.
. tests/cli/lib.sh
cd "$TMP" || exit 9
mkdir src
printf 'Storm warning\n\nA storm is coming.\n' >src/a.txt
"$NINDEX" -q -i idx src || exit 9
before=$(cat idx/MANIFEST | cksum)
for args in "--settle 2" "--watch --settle -1" "--watch --settle abc" "--watch --settle 4000" \
	"--watch --full" "--watch --compact" "--watch --check"; do
	# shellcheck disable=SC2086
	"$NINDEX" -q -i idx $args src 2>err </dev/null
	echo "$args: status $?, $(wc -l <err | tr -d ' ') lines: $(head -n 1 err)"
done
echo "index untouched: $(yesno test "$(cat idx/MANIFEST | cksum)" = "$before")"
