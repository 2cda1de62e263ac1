# \u00e3 decodes to ã, which folds to a: "sao", "joao" and "João" find j2
# ("The mayor, Jo\u00e3o Silva, rode the first train \u2014 it was full.").
. tests/cli/lib.sh
"$NINDEX" -q -i "$TMP/j" tests/data/mini-json/news.jsonl || exit 9
ids "$TMP/j" sao
ids "$TMP/j" joao
ids "$TMP/j" 'João'
ids "$TMP/j" '"train it was full"'
