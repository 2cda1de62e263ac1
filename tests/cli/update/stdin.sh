# Articles from standard input accumulate: "nindex -i DIR -" adds them to
# the index as it is (other sources neither read nor forgotten); a later
# refresh keeps them (standard input cannot be read again); the same id
# again replaces the older copy; --full reads the sources again as for a
# new index, so they go.
. tests/cli/lib.sh
. tests/cli/update/helpers.inc
cd "$TMP" || exit 9
gen_texts src 5 1
"$NINDEX" -q -i i src || exit 9
gen_jsonl s1.jsonl 3 2 s kiwi
"$NINDEX" -v -i i - <s1.jsonl 2>err
echo "stdin: status $?, $(counts err | head -n 1)"
"$NINDEX" -v -i i 2>err
echo "refresh: status $?, $(counts err | head -n 1)"
gen_jsonl s2.jsonl 2 3 s mango
"$NINDEX" -v -i i - <s2.jsonl 2>err
echo "stdin again: status $?, $(counts err | head -n 1)"
echo "kiwi: $("$NSEARCH" -i i -c kiwi), mango: $("$NSEARCH" -i i -c mango)"
"$NSEARCH" -i i --stats | grep -E '^(docs|source)=' | rel
"$NINDEX" --check -i i && echo "check: ok"
"$NINDEX" -v --full -i i 2>err
echo "full: status $?, $(counts err | head -n 1)"
echo "full: $(same_as_fresh i src)"
