# A prefix may be a NEAR operand: "Negotiators" is 3 words from "Geneva"
# in w01's title; in its body they are 9 apart.
. tests/cli/lib.sh
"$NINDEX" -q -i "$TMP/w" tests/data/wire/news.jsonl || exit 9
echo "NEAR/3: $(ids "$TMP/w" 'negotiat* NEAR/3 geneva')"
echo "NEAR/2: $(count "$TMP/w" 'negotiat* NEAR/2 geneva')"
echo "ADJ/3 reversed: $(count "$TMP/w" 'geneva ADJ/3 negotiat*')"
