# make install PREFIX=... DESTDIR=... puts both programs and both man pages
# in place (the programs under test, not rebuilt: -o), make uninstall
# removes them.
. tests/cli/lib.sh
command -v make >/dev/null || { echo "make missing"; exit 9; }
bin=$(dirname "$NSEARCH")
d=$TMP/dest
make -s -o "$bin/nindex" -o "$bin/nsearch" B="$bin" PREFIX=/opt/ns DESTDIR="$d" install >"$TMP/log" 2>&1
echo "install: $?"
(cd "$d" && find . -type f | LC_ALL=C sort)
echo "modes: $(stat -c %a "$d/opt/ns/bin/nsearch") $(stat -c %a "$d/opt/ns/share/man/man1/nsearch.1")"
"$d/opt/ns/bin/nsearch" --version | sed 's/[0-9][0-9.]*/N/g'
man -l "$d/opt/ns/share/man/man1/nsearch.1" 2>/dev/null | grep -c 'NAME' | sed 's/[1-9][0-9]*/man page renders/'
make -s -o "$bin/nindex" -o "$bin/nsearch" B="$bin" PREFIX=/opt/ns DESTDIR="$d" uninstall >>"$TMP/log" 2>&1
echo "uninstall: $?"
echo "files left: $(find "$d" -type f | wc -l | tr -d ' ')"
