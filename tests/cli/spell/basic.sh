# --spell prints the query with its misspelled words replaced (exit 0), or
# nothing (exit 1) when every word is well known.  Operators, phrases,
# fields, prefixes, fuzzy words and source:/date: operands stay as typed;
# the case of a replaced word is kept.
. tests/cli/lib.sh
awk -f tests/cli/spell/corpus.awk >"$TMP/s.jsonl" && "$NINDEX" -q -i "$TMP/s" "$TMP/s.jsonl" || exit 9
sp() {
	out=$("$NSEARCH" -i "$TMP/s" --spell "$1")
	echo "[$1] -> [$out] exit $?"
}
sp 'goverment spending'
sp 'government spending'
sp 'Goverment SPENDNG'
sp 'title:goverment AND "saudi arabai" OR spendin* OR spnding~ source:goverment date:2026'
sp '(-goverment OR airspce) NEAR/5 saudi'
sp 'zzzzqqq'
