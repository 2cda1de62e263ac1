# Word rules of nindex(1) TEXT ANALYSIS, each on a small JSON article:
# numbers keep their dots and lose their commas; an apostrophe between
# letters stays in the word, a final possessive s' goes; the soft hyphen
# and zero-width characters vanish inside a word; CJK ideographs are words
# of their own; ligatures and special letters fold to ASCII; a word longer
# than 64 bytes is dropped and takes no position, one of 64 bytes is kept.
. tests/cli/lib.sh
cd "$TMP" || exit 9
x65=$(awk 'BEGIN { while (n++ < 65) printf "x" }')
y64=$(awk 'BEGIN { while (n++ < 64) printf "y" }')
cat >t.jsonl <<J
{"id": "t1", "body": "The price rose to 1,000 dollars, then 3.14 percent. The states' rights; don't stop; O'Brien said."}
{"id": "t2", "body": "co\u00adoperation and zero\u200bwidth words. alpha $x65 beta"}
{"id": "t3", "body": "\u6771\u4eac\u90fd\u306e\u77e5\u4e8b and STRASSE Straße ÆSIR Øresund Łódź"}
{"id": "t4", "body": "gamma $y64 delta"}
J
"$NINDEX" -q -i i t.jsonl || exit 9
for q in 1000 1,000 3.14 '"3.14 percent"' states "states'" "don't" dont "o'brien" obrien \
	cooperation zerowidth '"alpha beta"' '東京' '"東京都"' '京都' strasse straße aesir \
	oresund lodz '"gamma delta"' "$y64" "$x65"; do
	case $q in "$y64") label=y64 ;; "$x65") label=x65 ;; *) label=$q ;; esac
	echo "$label: $(ids i "$q" | tr '\n' ' ')"
done
