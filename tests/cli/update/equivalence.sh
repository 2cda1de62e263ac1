# An index updated step by step answers every query exactly as an index
# built fresh from the same files: the same ids, counts and scores (global
# statistics leave deleted documents out).  Each step reads only what
# changed; the -v counts say what happened:
#   initial   40 text articles in two directories, 30 JSON Lines articles
#   add       5 new text files
#   change    one text file rewritten (same name, other words)
#   touch     one file's mtime changed, content the same: nothing read
#   delete    one text file removed
#   append    5 lines appended to the JSON Lines file: only they are read
#   partial   a last line without its line feed, then the line feed and one
#             more line (the unterminated line is read again)
#   rewrite   the first JSON Lines file rewritten shorter: read whole again
#   same-id   a new JSON Lines file (later in walk order) with 3 ids of the
#             first one: the newest copies win (as in a fresh build, where
#             the later file wins)
#   rename    a text file renamed: its id changes
#   gzip      a gzipped JSON Lines file added, then replaced by another
#   rmdir     a whole directory removed
. tests/cli/lib.sh
. tests/cli/update/helpers.inc
scratch
gen_texts src/a 25 1
gen_texts src/b 15 2
gen_jsonl src/feed.jsonl 30 3 j
step() {	# name
	"$NINDEX" -v -i i 2>err || { echo "$1: nindex failed"; cat err; exit 1; }
	echo "$1: $(counts err | tr '\n' ' ')"
	echo "$1: $(same_as_fresh i src)"
}
"$NINDEX" -v -i i src 2>err || exit 9
echo "initial: $(counts err | tr '\n' ' ')"
echo "initial: $(same_as_fresh i src)"
gen_texts src/c 5 4
step add
gen_texts src/x 3 5 && mv src/x/t2.txt src/a/t7.txt && rm -r src/x
step change
touch -d '2001-01-01' src/a/t8.txt
step touch
rm src/b/t3.txt
step delete
gen_jsonl src/feed.jsonl 5 6 k
step append
printf '{"id": "p1", "title": "partial", "body": "storm harbor"}' >>src/feed.jsonl
step partial-open
printf '\n{"id": "p2", "title": "after", "body": "storm river"}\n' >>src/feed.jsonl
step partial-closed
head -n 20 src/feed.jsonl >f.tmp && mv f.tmp src/feed.jsonl
step rewrite
gen_jsonl src/z.jsonl 3 7 j storm
step same-id
mv src/a/t9.txt src/a/t9-renamed.txt
step rename
gen_jsonl g.jsonl 8 8 g && gzip -c g.jsonl >src/g.jsonl.gz
step gzip-add
gen_jsonl h.jsonl 4 9 g && gzip -c h.jsonl >src/g.jsonl.gz
step gzip-change
rm -r src/c
step rmdir
