# A FIFO inside a source directory is reported and skipped; a FIFO named
# on the command line is read like a file (here as JSON Lines).
. tests/cli/lib.sh
command -v mkfifo >/dev/null || { echo "mkfifo missing"; exit 9; }
cd "$TMP" || exit 9
mkdir src || exit 9
cp "$OLDPWD/tests/data/mini/volcano.txt" src/ || exit 9
mkfifo src/pipe.txt || exit 9
"$NINDEX" -i i src 2>err
echo "dir: status $?, names it: $(yesno grep -q '^nindex: .*pipe\.txt' err)"
ids i kelda
mkfifo feed.jsonl || exit 9
timeout 10 sh -c 'cat "$1" >feed.jsonl' sh "$OLDPWD/tests/data/mini-json/news.jsonl" &
"$NINDEX" -q -i j feed.jsonl
echo "fifo source: status $?"
wait
ids j chess
