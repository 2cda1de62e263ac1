# make install PREFIX=... DESTDIR=... puts the programs, the libraries (the
# shared one with its soname links), nsearch.h, nsearch.pc and the man pages
# in place; make uninstall removes all of it.  Everything installed is the
# build under test, not rebuilt: -o for each file (an ASan build would
# otherwise be built again here with the default flags).
. tests/cli/lib.sh
command -v make >/dev/null || { echo "make missing"; exit 9; }
bin=$(dirname "$NSEARCH")
so=$(cd "$bin" && ls libnsearch.so.*.*.*)
d=$TMP/dest
old="-o $bin/nindex -o $bin/nsearch -o $bin/libnsearch.a -o $bin/$so"
# shellcheck disable=SC2086 # $old is a list of options
make -s $old B="$bin" PREFIX=/opt/ns DESTDIR="$d" install >"$TMP/log" 2>&1
echo "install: $?"
(cd "$d" && find . \( -type f -o -type l \) | LC_ALL=C sort)
echo "modes: $(stat -c %a "$d/opt/ns/bin/nsearch") $(stat -c %a "$d/opt/ns/share/man/man1/nsearch.1")" \
	"$(stat -c %a "$d/opt/ns/lib/$so") $(stat -c %a "$d/opt/ns/lib/libnsearch.a")" \
	"$(stat -c %a "$d/opt/ns/include/nsearch.h") $(stat -c %a "$d/opt/ns/lib/pkgconfig/nsearch.pc")"
echo "links: $(readlink "$d/opt/ns/lib/libnsearch.so") $(readlink "$d/opt/ns/lib/libnsearch.so.0" |
	sed 's/[0-9][0-9.]*$/X.Y.Z/')"
echo "soname: $(objdump -p "$d/opt/ns/lib/$so" | awk '$1 == "SONAME" { print $2 }')"
echo "same library: $(yesno cmp -s "$bin/$so" "$d/opt/ns/lib/$so")"
echo "same header: $(yesno cmp -s include/nsearch.h "$d/opt/ns/include/nsearch.h")"
"$d/opt/ns/bin/nsearch" --version | sed 's/[0-9][0-9.]*/N/g'
# nsearch.pc: as pkg-config reads it, for this prefix.
pc() { PKG_CONFIG_PATH="$d/opt/ns/lib/pkgconfig" pkg-config "$@" nsearch; }
echo "pc version ok: $(yesno test "$(pc --modversion)" = "$(sed -n 's/^#define NSEARCH_VERSION "\(.*\)"/\1/p' include/nsearch.h)")"
echo "pc cflags: $(pc --cflags)"
echo "pc libs: $(pc --libs)"
echo "pc static: $(pc --static --libs | tr ' ' '\n' | grep -E '^-l|^-pthread' | LC_ALL=C sort -u | tr '\n' ' ')"
for m in man1/nindex.1 man1/nsearch.1 man3/nsearch.3; do
	n=$(man -l "$d/opt/ns/share/man/$m" 2>"$TMP/man.err" | grep -c 'NAME')
	echo "$m: $( [ "$n" -gt 0 ] && [ ! -s "$TMP/man.err" ] && echo renders || echo broken)"
done
make -s $old B="$bin" PREFIX=/opt/ns DESTDIR="$d" uninstall >>"$TMP/log" 2>&1
echo "uninstall: $?"
echo "files left: $(find "$d" \( -type f -o -type l \) | wc -l | tr -d ' ')"
