# A file skipped whole is reported by what its state says, never by when
# the run happens to start: a damaged compressed file at every run until
# it reads cleanly (nindex(1)); a binary file when it is new or changed,
# then not again while it stays the same (it is not read again, as any
# unchanged file).  Twice: files modified long before the first run (their
# mtimes are trusted next time) and "just before" it (a future mtime:
# racy, so the next run confirms them by their content hash).
. tests/cli/lib.sh
cd "$TMP" || exit 9
run() {	# run N: an update of i, its messages and counts
	"$NINDEX" -v -i i src 2>err
	echo "run $1: status $?"
	rel <err | sed 's/ in [0-9.]* s (\(.*unchanged, [0-9]* skipped\),.*/: \1/'
}
runs() {	# runs DATE: files modified at DATE, updated, then fixed
	echo "== modified $1"
	rm -rf src i
	mkdir src || exit 9
	cp "$OLDPWD/tests/data/mini/volcano.txt" src/ || exit 9
	printf 'ELF\000\001\002\003 binary volcano\000\377\376' >src/blob.bin
	seq 1 5000 | gzip -c | head -c 200 >src/cut.txt.gz
	touch -d "$1" src/* || exit 9
	run 1
	run 2
	run 3
	printf 'ELF\000\001\002\003 another binary\000\377' >src/blob.bin
	echo "The cut file is whole again: a lava note." | gzip -c >src/cut.txt.gz
	touch -d "$1" src/* || exit 9
	run 4
	run 5
	echo "lava: $(count i lava)"
}
runs "2020-01-02 03:04:05"
runs "2099-01-02 03:04:05"
