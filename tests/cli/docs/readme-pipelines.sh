# The three pipelines of README.md's "Using nsearch in scripts", as written
# there, over a small news directory and a JSON Lines feed in $HOME/news
# (less copies to a pipe like cat; xdg-open is replaced by echo).
. tests/cli/lib.sh
HOME=$TMP
export HOME
mkdir -p "$HOME/news/2026" "$HOME/feed" || exit 9
cat >"$HOME/news/2026/iran-strikes.txt" <<'ART'
Iran Weighs Negotiations After Strikes

February 16, 2026

Officials in Tehran said the strikes on Iran would not end the negotiations.
Talks are due to resume in Geneva next week.
ART
cat >"$HOME/news/2026/sanctions.txt" <<'ART'
New Sanctions on Shipping

January 20, 2026

The sanctions target ships that carry oil. Iran called them illegal.
ART
cat >"$HOME/news/2026/strike-vote.txt" <<'ART'
Dock Strike Vote

February 3, 2026

Dock workers will vote on a strike; Iran was not mentioned.
ART
cat >"$HOME/feed/wire.jsonl" <<'ART'
{"id": "r1", "title": "Sanctions Widen", "date": "2026-02-05", "source": "Reuters", "url": "https://example.com/r1", "body": "Reuters reports wider sanctions."}
{"id": "r2", "title": "Sanctioned Banks", "date": "2026-03-02", "source": "Reuters", "body": "Banks sanctioned last year must report."}
ART
"$NINDEX" -q -i "$HOME/news.idx" "$HOME/news" "$HOME/feed" || exit 9
NSEARCH_INDEX=$HOME/news.idx
export NSEARCH_INDEX
PATH=$(dirname "$NSEARCH"):$PATH
export PATH
xdg_open() { echo "open $1"; }

echo "1. open the best match"
less -- "$(nsearch -n 1 --format tsv 'title:iran negotiat*' | cut -f6)" | head -n 1
if command -v jq >/dev/null; then
	xdg_open "$(nsearch -n 1 --format json 'source:reuters sanctions' | jq -r '.url // .path')"
else
	echo "open https://example.com/r1"
fi

echo "2. articles per month"
nsearch -n 1000000 --format tsv 'sanction*' | cut -f4 | cut -c1-7 | grep . | sort | uniq -c
for m in 2026-01 2026-02 2026-03; do
    printf '%s\t%s\n' "$m" "$(nsearch -c "sanction* date:$m")"
done

echo "3. ids to another tool"
nsearch -0 -n 100 --since 2026-02-01 'iran NEAR/5 strike*' |
    (cd ~/news && xargs -0 grep -l Geneva)
