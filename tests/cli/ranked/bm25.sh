# BM25 by hand (k1 = 1.5, b = 0.75; no titles, one term, so neither the
# title weight nor proximity applies), five articles of 2, 4, 1, 2, 2 words:
# N = 5, avgdl = 11/5 = 2.2; apple is in a and b: idf = ln(1 + 3.5/2.5)
# = ln 2.4 = 0.875469.
#   b: tf 2, dl 4: 0.875469 * 2 * 2.5 / (2 + 1.5 * (0.25 + 0.75 * 4 / 2.2))
#      = 4.377345 / 4.420455 = 0.9902
#   a: tf 1, dl 2: 0.875469 * 2.5 / (1 + 1.5 * (0.25 + 0.75 * 2 / 2.2))
#      = 2.188673 / 2.397727 = 0.9128
. tests/cli/lib.sh
cd "$TMP" || exit 9
cat >bm.jsonl <<'J'
{"id": "a", "body": "apple banana"}
{"id": "b", "body": "apple apple cherry date"}
{"id": "c", "body": "cherry"}
{"id": "t2", "body": "kiwi lemon"}
{"id": "t1", "body": "kiwi lemon"}
J
"$NINDEX" -q -i bm bm.jsonl || exit 9
"$NSEARCH" -i bm --format tsv apple | cut -f1-3
