# JSON strings escape control characters, quotes, backslashes, U+2028 and
# U+2029; every line is valid UTF-8 and parses, even for an article read
# from a file whose name is not UTF-8 (its id has U+FFFD in place of the
# byte; ns_json_string's own replacement of such bytes is in t_show.c).
. tests/cli/lib.sh
command -v python3 >/dev/null || { echo "python3 missing"; exit 9; }
cd "$TMP" || exit 9
mkdir src
printf 'Odd Name\n\nA kiwi in a file whose name is not UTF-8.\n' >"src/bad-$(printf '\377')-name.txt"
printf '%s\n' '{"id": "c1", "title": "tab\there \"q\" back\\slash \u2028 \u0001", "body": "kiwi \u2029 end"}' >src/c.jsonl
"$NINDEX" -q -i i src 2>/dev/null || exit 9
"$NSEARCH" -i i --format json kiwi >j
echo "status $?"
echo "escaped U+2028: $(grep -c '\\u2028' j)"
python3 -c '
import json, sys
for l in open(sys.argv[1], "rb"):
    l.decode("utf-8")
    o = json.loads(l)
    print(o["id"], repr(o["title"]))
' j
