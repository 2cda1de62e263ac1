# On a terminal (script(1) provides one) text output is colored: the title
# and the matched words in bold (ESC [1m).  NO_COLOR=1 turns that off; tsv
# is never colored.  (An empty NO_COLOR is left untested: nsearch(1) says
# any value turns color off, the code follows no-color.org and ignores it.)
. tests/cli/lib.sh
command -v script >/dev/null || { echo "script(1) missing"; exit 9; }
esc=$(printf '\033')
tty_run() {	# NO_COLOR value or "unset", nsearch arguments...
	nc=$1
	shift
	if [ "$nc" = unset ]; then
		script -qec "'$NSEARCH' -i '$IDX' $*" /dev/null
	else
		NO_COLOR=$nc script -qec "'$NSEARCH' -i '$IDX' $*" /dev/null
	fi </dev/null >"$TMP/o" 2>&1
	echo "status $?, bold lines: $(grep -c "$esc\[1m" "$TMP/o"), bold snippet lines: $(grep -c "^    .*$esc\[1m" "$TMP/o")"
}
echo "terminal: $(tty_run unset -n 1 trump)"
echo "NO_COLOR=1: $(tty_run 1 -n 1 trump)"
echo "tsv: $(tty_run unset -n 1 --format tsv trump)"
