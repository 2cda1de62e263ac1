# --all matches every live article; with --format json it exports them,
# body and story included, as JSON Lines that nindex reads back into an
# index with the same stories.
. tests/cli/lib.sh
. tests/cli/stories/helpers.inc
command -v python3 >/dev/null || { echo "python3 missing"; exit 9; }
"$NSEARCH" -i "$IDX" --all -l
"$NSEARCH" -i "$IDX" --all -c
"$NSEARCH" -i "$IDX" --all -n 2 -l
"$NSEARCH" -i "$IDX" --all --format json >"$TMP/all.jsonl"
echo "status $?"
python3 -c '
import json, sys
objs = [json.loads(l) for l in open(sys.argv[1], encoding="utf-8")]
print("objects:", len(objs), "with bodies:", sum(1 for o in objs if len(o["body"]) > 1000))
print("stories:", len({o["story"] for o in objs}))' "$TMP/all.jsonl"
"$NINDEX" -q -i "$TMP/back" "$TMP/all.jsonl" || exit 9
"$NSEARCH" -i "$TMP/back" --format tsv iran | story_rel
"$NSEARCH" -i "$IDX" --all iran 2>/dev/null; echo "with a query: $?"
