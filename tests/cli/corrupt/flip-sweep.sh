# One byte flipped at each of about 16 offsets spread over each segment
# file, header and trailer included, each time in a fresh copy; two
# queries per copy: for the postings file one that reads every term's
# postings and positions and a count, for the document file the count and
# a text query that shows stored text.  Every run must either exit
# 2 with one "nsearch: ..." line, or answer exactly as the intact index does
# (the byte was not read or not used); never crash (status >= 128) nor
# answer differently.  Details of bad runs go to stderr.
. tests/cli/lib.sh
cd "$TMP" || exit 9
cat "$OLDPWD"/corpus/* | tr 'A-Z' 'a-z' | tr -cs 'a-z0-9' '\n' | LC_ALL=C sort -u |
	awk 'NF { printf "%s(%s NEAR/1000000 the)", (n++ ? " OR " : ""), $0 }' >q
run() {	# index, query number, output file; prints the exit status
	case $2 in
	1) "$NSEARCH" -i "$1" --format tsv -n 1000 "$(cat q)" ;;
	2) "$NSEARCH" -i "$1" -c 'iran OR geneva' ;;
	3) "$NSEARCH" -i "$1" '"missile sites" OR putin' ;;
	esac >"$3" 2>err
	echo $?
}
for k in 1 2 3; do
	run "$IDX" $k base$k >st
	[ "$(cat st)" = 0 ] || { echo "query $k fails on the intact index"; exit 9; }
done
runs=0 crashed=0 differ=0 badmsg=0 detected=0
for ext in nsp nsd; do
	f=$(cd "$IDX" && only seg-*.$ext) || exit 9
	sz=$(size "$IDX/$f")
	step=$((sz / 15))
	case $ext in nsp) queries="1 2" ;; *) queries="2 3" ;; esac
	off=0
	while [ $off -lt "$sz" ]; do
		rm -rf c
		cp -R "$IDX" c || exit 9
		flip "c/$f" $off || exit 9
		for k in $queries; do
			st=$(run c $k got)
			runs=$((runs + 1))
			if [ "$st" -gt 2 ]; then
				crashed=$((crashed + 1))
				echo "$ext@$off query $k: status $st" >&2
			elif [ "$st" = 2 ]; then
				detected=$((detected + 1))
				if [ "$(wc -l <err)" -ne 1 ] || ! grep -q '^nsearch: ' err; then
					badmsg=$((badmsg + 1))
					echo "$ext@$off query $k: message:" >&2
					cat err >&2
				fi
			elif ! cmp -s got base$k; then
				differ=$((differ + 1))
				echo "$ext@$off query $k: status $st, output differs from the intact index" >&2
			fi
		done
		off=$((off + step))
	done
	# the last byte (the trailer's magic) too
	rm -rf c
	cp -R "$IDX" c || exit 9
	flip "c/$f" $((sz - 1)) || exit 9
	st=$(run c 2 got)
	runs=$((runs + 1))
	if [ "$st" = 2 ]; then detected=$((detected + 1)); else
		crashed=$((crashed + 1)); echo "$ext@$((sz - 1)): status $st" >&2; fi
done
echo "enough runs: $(yesno test $runs -ge 60)"
echo "crashed: $crashed"
echo "answered differently: $differ"
echo "bad messages: $badmsg"
echo "some detected: $(yesno test $detected -gt 0)"
