# examples/search.c built the way its users build it: against the library
# installed by make install (into a DESTDIR), with its flags from
# `pkg-config --cflags --libs nsearch` reading the installed nsearch.pc
# (PKG_CONFIG_SYSROOT_DIR maps its /opt/ns into DESTDIR), once against the
# shared library (found through LD_LIBRARY_PATH) and once against the static
# one with `pkg-config --static`; both print the hits nsearch prints.
. tests/cli/lib.sh
command -v make >/dev/null || { echo "make missing"; exit 9; }
command -v pkg-config >/dev/null || { echo "pkg-config missing"; exit 9; }
bin=$(dirname "$NSEARCH")
so=$(cd "$bin" && ls libnsearch.so.*.*.*)
d=$TMP/dest
make -s -o "$bin/nindex" -o "$bin/nsearch" -o "$bin/libnsearch.a" -o "$bin/$so" \
	B="$bin" PREFIX=/opt/ns DESTDIR="$d" install >"$TMP/log" 2>&1
echo "install: $?"
# The sanitizer build's library needs the sanitizers' runtime linked in.
san=
nm -D "$bin/$so" | grep -q __asan_init && san="-fsanitize=address,undefined"
PKG_CONFIG_PATH=$d/opt/ns/lib/pkgconfig
PKG_CONFIG_SYSROOT_DIR=$d
export PKG_CONFIG_PATH PKG_CONFIG_SYSROOT_DIR
cc=${CC:-cc}
cp examples/search.c "$TMP/"	# away from the source tree's include/
cd "$TMP" || exit 1
# shellcheck disable=SC2046,SC2086 # pkg-config prints a list of options
$cc $san -std=c11 -Wall -Wextra -Werror -o search-shared search.c \
	$(pkg-config --cflags --libs nsearch) >cc.log 2>&1
echo "shared build: $?"
# libnsearch.a (-Bstatic for it alone: glibc's libm.a does not go with a
# shared libc), and what it needs from Libs.private + Requires.private.
static_libs=$(pkg-config --static --libs nsearch | sed 's/-lnsearch/-Wl,-Bstatic -lnsearch -Wl,-Bdynamic/')
# shellcheck disable=SC2046,SC2086
$cc $san -std=c11 -Wall -Wextra -Werror -o search-static search.c \
	$(pkg-config --static --cflags nsearch) $static_libs >>cc.log 2>&1
echo "static build: $?"
cat cc.log >&2
echo "shared uses the installed library: $(LD_LIBRARY_PATH=$d/opt/ns/lib ldd ./search-shared |
	grep -c "libnsearch.so.0 => $d/opt/ns/lib/libnsearch.so.0")"
echo "static needs no libnsearch.so: $(yesno sh -c "! ldd ./search-static 2>&1 | grep -q libnsearch")"
cd "$REPO" || exit 1
for q in 'saudi airspace' 'minister OR government' '"prime minister"' 'zzznotaword'; do
	"$NSEARCH" -i "$IDX" --format tsv -- "$q" | cut -f1,2,3,5 >"$TMP/want"
	LD_LIBRARY_PATH=$d/opt/ns/lib "$TMP/search-shared" "$IDX" "$q" >"$TMP/shared"
	s1=$?
	"$TMP/search-static" "$IDX" "$q" >"$TMP/static"
	s2=$?
	echo "$q: $(wc -l <"$TMP/want" | tr -d ' ') hits, status $s1 $s2," \
		"shared $(yesno cmp -s "$TMP/want" "$TMP/shared"), static $(yesno cmp -s "$TMP/want" "$TMP/static")"
done
# Errors: a query that does not parse, an index that is not there.
"$TMP/search-static" "$IDX" 'a AND (b' 2>"$TMP/err"
echo "syntax error: $? $(error_column "$TMP/err")"
LD_LIBRARY_PATH=$d/opt/ns/lib "$TMP/search-shared" "$TMP/none" 'a' 2>"$TMP/err"
echo "no index: $? $(one_error search "$TMP/err" | tr '\n' ' ')"
