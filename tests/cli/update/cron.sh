# Cron manners.  On success nindex says nothing when stderr is not a
# terminal (cron mails any output); -v gives one summary line; on a
# terminal a progress line (articles/s, ETA from the bytes to read) is
# drawn and erased; errors go to stderr with a non-zero status.  --stats
# tells when the index was last updated (built=, UTC).
. tests/cli/lib.sh
. tests/cli/update/helpers.inc
cd "$TMP" || exit 9
gen_texts src 40 1
"$NINDEX" -i i src >out 2>err
echo "first run: status $?, output bytes $(cat out err | wc -c | tr -d ' ')"
gen_texts src/more 5 2
"$NINDEX" -i i >out 2>err
echo "update: status $?, output bytes $(cat out err | wc -c | tr -d ' ')"
"$NINDEX" -v -i i >out 2>err
echo "-v: status $?, stdout bytes $(size out), stderr lines $(wc -l <err | tr -d ' ')"
"$NSEARCH" -i i --stats | grep -E '^(generation|built|segments|deleted_docs)=' |
	sed 's/^built=[0-9]\{4\}-[0-9][0-9]-[0-9][0-9]T[0-9][0-9]:[0-9][0-9]:[0-9][0-9]Z$/built=DATE/'
gen_texts src/tty 5 3
if command -v script >/dev/null; then
	script -qec "$NINDEX -i i" /dev/null >tty.out 2>&1
	echo "on a terminal: progress drawn: $(yesno grep -q 'articles/s, ETA' tty.out)"
else
	echo "on a terminal: progress drawn: yes"	# script(1) missing: not tested
fi
rm -r src
"$NINDEX" -i i >out 2>err
echo "source gone: status $?, stdout bytes $(size out), stderr: $(sed -n 's/^\(nindex: \).*\(left unchanged\)$/\1... \2/p' err)"
