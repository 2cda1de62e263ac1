# nindex --check reads every byte of an index: silent with status 0 when it
# is sound (-v: one summary line); else one line per problem naming the
# file, then a count, status 1.  Damage here: a flipped byte in a deletion
# file, in the postings, in a stored document, a truncated document file.
. tests/cli/lib.sh
. tests/cli/update/helpers.inc
cd "$TMP" || exit 9
gen_texts src 30 1
"$NINDEX" -q -i i src || exit 9
rm src/t1.txt src/t2.txt
"$NINDEX" -q -i i || exit 9
"$NINDEX" --check -i i >out 2>err
echo "sound: status $?, output bytes $(cat out err | wc -c | tr -d ' ')"
"$NINDEX" -v --check -i i 2>err
echo "sound, -v: status $?, $(sed -n 's/.*is sound: \(generation [0-9]*, [0-9]* segments, [0-9]* documents ([0-9]* deleted)\).*/\1/p' err)"
damage() {	# what, file pattern, offset expression
	rm -rf c && cp -R i c || exit 9
	f=$(only c/$2) || { echo "$1: no file $2"; return; }
	case $3 in
	cut) truncate -s $(($(size "$f") / 2)) "$f" ;;
	third) flip "$f" $(($(size "$f") / 3)) ;;
	*) flip "$f" "$3" ;;
	esac
	"$NINDEX" --check -i c 2>err
	st=$?
	echo "$1: status $st, names $(basename "$f" | sed 's/[0-9][0-9]*/N/g'): $(yesno grep -q "$(basename "$f")" err), ends with a count: $(yesno grep -qE '^nindex: check: [0-9]+ problems? in' err)"
}
damage "deletion bitmap" 'seg-*.del-*' 30
damage "postings" 'seg-*.nsp' third
damage "stored text" 'seg-*.nsd' third
damage "cut document file" 'seg-*.nsd' cut
