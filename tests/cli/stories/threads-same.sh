# Story assignment sketches and gathers its candidates on both threads
# when the memory budget allows (--memory 8M and more), else on one
# thread: all must give the same stories, byte for byte, for a first build
# and for an update whose new articles join the stories of the old ones.
# --memory 1M: one thread, two windows of sketches; 8M: both threads, two
# windows (each article's sketch merged from the two threads' shares of
# the terms; a window's walk opens only the terms with documents in it),
# then one window for the update, in pieces cut short by their share of
# candidates (indexer/story.c decide_piece()); 256M: both threads, one
# window.  6,000 + 1,500 generated articles: 60 stories of six topic words
# each, every seventh article a copy of an earlier one, dates spread over
# days.
. tests/cli/lib.sh
cd "$TMP" || exit 9
gen() {
	awk -v from="$1" -v to="$2" 'BEGIN {
		for (i = from; i < to; i++) {
			k = (i * 7) % 60
			b = ""
			for (j = 0; j < 6; j++) b = b " s" k "w" j
			for (j = 0; j < 8; j++) b = b " f" (i * 13 + j * 29) % 3000
			if (i % 7 == 3) b = body[i - 3]
			body[i] = b
			printf "{\"id\": \"a%05d\", \"title\": \"story %d part %d\", \"date\": \"2024-03-%02d\", \"body\": \"%s\"}\n", i, k, i, 1 + i % 20, b
		}
	}'
}
gen 0 6000 >a.jsonl
gen 6000 7500 >b.jsonl
for m in 1M 8M 256M; do
	"$NINDEX" -q --memory $m -i i$m a.jsonl || exit 9
	cp i$m/stories-1 first.$m
	"$NINDEX" -q --memory $m -i i$m a.jsonl b.jsonl || exit 9
	"$NSEARCH" -i i$m --format tsv -n 3000 s7w1 | cut -f3,7 >hits.$m
done
echo "first build, same story map: $(yesno cmp -s first.1M first.8M) $(yesno cmp -s first.1M first.256M)"
echo "update, same story map: $(yesno cmp -s i1M/stories-2 i8M/stories-2) $(yesno cmp -s i1M/stories-2 i256M/stories-2)"
echo "same stories of s7w1: $(yesno cmp -s hits.1M hits.8M) $(yesno cmp -s hits.1M hits.256M)"
echo "articles of s7w1: $(wc -l <hits.256M | tr -d ' ')"
echo "their stories: $(cut -f2 hits.256M | sort -u | wc -l | tr -d ' ')"
