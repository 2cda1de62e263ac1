# --format json is JSON Lines: every line parses (python3's json), with
# the schema version, ranks 1..n, and the fields of searcher/output.h; strings with
# quotes, backslashes, tabs and U+2028 come back intact.
. tests/cli/lib.sh
command -v python3 >/dev/null || { echo "python3 missing"; exit 9; }
"$NINDEX" -q -i "$TMP/w" tests/data/wire/news.jsonl || exit 9
"$NSEARCH" -i "$TMP/w" --format json -n 100 'date:.. OR source:reuters' >"$TMP/j"
echo "status $?"
python3 -c '
import json, sys
objs = [json.loads(l) for l in open(sys.argv[1], encoding="utf-8")]
print("objects:", len(objs))
print("keys:", " ".join(sorted(objs[0])))
print("versions:", sorted(set(o["version"] for o in objs)))
print("ranks ok:", [o["rank"] for o in objs] == list(range(1, len(objs) + 1)))
by = {o["id"]: o for o in objs}
print("w10 title:", by["w10"]["title"])
print("w11 title:", repr(by["w11"]["title"]))
print("w06 date:", by["w06"]["date"], "w07 source:", by["w07"]["source"])
print("w01 url:", by["w01"]["url"])
print("w03 url:", by["w03"]["url"], "path ends:", by["w03"]["path"].endswith("wire/news.jsonl"))
print("scores are numbers:", all(isinstance(o["score"], (int, float)) for o in objs))
' "$TMP/j"
