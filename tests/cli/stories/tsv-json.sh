# tsv and json keep every article by default and carry the story: the last
# tsv column, "story" and "story_size" in json (checked with python3's
# json): 000, 001 and 002 share one, 003 has its own.
. tests/cli/lib.sh
. tests/cli/stories/helpers.inc
command -v python3 >/dev/null || { echo "python3 missing"; exit 9; }
"$NSEARCH" -i "$IDX" --format tsv iran | story_rel
"$NSEARCH" -i "$IDX" --format tsv --header iran | head -n 1
"$NSEARCH" -i "$IDX" --format json iran >"$TMP/j"
echo "status $?"
python3 -c '
import json, sys
objs = [json.loads(l) for l in open(sys.argv[1], encoding="utf-8")]
by = {o["id"][:3]: o for o in objs}
print("articles:", len(objs))
print("000-002 one story:", len({by[k]["story"] for k in ("000", "001", "002")}) == 1)
print("003 apart:", by["003"]["story"] != by["000"]["story"])
print("sizes:", sorted((k, o["story_size"]) for k, o in by.items()))
print("story ids are 16 hex digits:", all(len(o["story"]) == 16 and int(o["story"], 16) >= 0 for o in objs))
' "$TMP/j"
"$NSEARCH" -i "$IDX" --format json --collapse=story iran | python3 -c '
import json, sys
print("collapsed json objects:", len([json.loads(l) for l in sys.stdin]))'
