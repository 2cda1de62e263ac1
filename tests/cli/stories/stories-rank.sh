# --stories ranks the matching stories: the best headline (of the best
# hit), the number of articles, the sources (the seed files name none),
# the first and last dates (only 002 is dated).
. tests/cli/lib.sh
command -v python3 >/dev/null || { echo "python3 missing"; exit 9; }
"$NSEARCH" -i "$IDX" --stories iran | sed 's/story [0-9a-f]\{16\}:/story ID:/'
echo "status $?"
"$NSEARCH" -i "$IDX" --stories --format json iran | python3 -c '
import json, sys
for o in map(json.loads, sys.stdin):
    print(o["rank"], o["id"][:3], o["size"], o["first_date"], o["last_date"], o["sources"], len(o["story"]))'
"$NSEARCH" -i "$IDX" --stories -n 1 --offset 1 iran | grep -c '^ *[0-9]\. '
"$NSEARCH" -i "$IDX" --stories --collapse=dups iran 2>/dev/null; echo "with dups: $?"
