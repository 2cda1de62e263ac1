# "highlights" are byte offsets into the UTF-8 snippet of the matched
# words; --explain adds an "explain" object whose weights add up to the
# score.
. tests/cli/lib.sh
command -v python3 >/dev/null || { echo "python3 missing"; exit 9; }
"$NINDEX" -q -i "$TMP/w" tests/data/wire/news.jsonl || exit 9
"$NSEARCH" -i "$TMP/w" --format json --explain 'kiwi OR mango OR negotiat* OR "gulf times"' |
python3 -c '
import json, sys
for line in sys.stdin:
    o = json.loads(line)
    b = o["snippet"].encode("utf-8")
    words = [b[s:e].decode("utf-8") for s, e in o["highlights"]]
    ex = o["explain"]
    total = sum(t["weight"] for t in ex["terms"])
    print(o["id"], "|".join(words), abs(total - o["score"]) < 1e-3,
          " ".join(t["term"] for t in ex["terms"]))
'
