# A date range over 100,000 articles dated 2020..2025 (about 46 a day, in
# interleaved order: article i gets day (i * 7919) mod 2192, so every date
# term's postings spread over the whole index) costs a bounded amount of
# postings, asserted on counters (--debug-counters), not on time:
#   - zephyr (every 1000th article, 100 in all) AND a 3.5-year range: the
#     range is checked per candidate by its date (100 checks), and the
#     postings read are zephyr's alone, far below the 57,253 articles of
#     the range;
#   - the range alone: 55 postings lists (17 + 20 days, 9 + 7 months, 2
#     years) instead of one per day, each article read once;
#   - a common word (99,900 articles) AND a 3-day range: the range leads (3
#     lists); the word's postings are read one block (at most 128) per
#     candidate, not all 99,900 of them.
# Counts are checked against awk over the generated file.
. tests/cli/lib.sh
cd "$TMP" || exit 9
awk -v N=100000 'BEGIN {
	split("31 28 31 30 31 30 31 31 30 31 30 31", dim, " ")
	nd = 0
	for (y = 2020; y <= 2025; y++)
		for (m = 1; m <= 12; m++) {
			n = dim[m] + (m == 2 && y % 4 == 0)
			for (d = 1; d <= n; d++)
				day[nd++] = sprintf("%04d-%02d-%02d", y, m, d)
		}
	for (i = 0; i < N; i++) {
		w = i % 1000 == 0 ? "zephyr" : "plain"
		printf "{\"id\":\"a%06d\",\"title\":\"note %d\",\"body\":\"%s word%d\",\"date\":\"%s\"}\n", i, i % 500, w, i % 97, day[(i * 7919) % nd]
	}
}' >a.jsonl
"$NINDEX" -q -i i a.jsonl || exit 9
in_range() {	# FROM TO [WORD]: articles dated FROM..TO (with WORD)
	awk -F'"' -v a="$1" -v b="$2" -v w="${3:-}" '$16 >= a && $16 <= b && (w == "" || index($12, w)) { n++ } END { print n + 0 }' a.jsonl
}
counter() {	# NAME: its value in the last counters line of err
	sed -n "s/.* $1=\([0-9]*\).*/\1/p" err | tail -n 1
}
check() {	# LABEL CONDITION...
	_l=$1
	shift
	echo "$_l: $(yesno test "$@")"
}
range=57253
echo "articles in 2021-03-15..2024-08-20: $(in_range 2021-03-15 2024-08-20) (expected $range)"

n=$("$NSEARCH" -i i -c --debug-counters 'zephyr date:2021-03-15..2024-08-20' 2>err)
echo "zephyr in range: $n, awk: $(in_range 2021-03-15 2024-08-20 zephyr)"
check "  postings read <= 100 + 128" "$(counter postings)" -le 228
check "  postings read < range / 100" "$(counter postings)" -lt $((range / 100))
check "  date checks <= 100" "$(counter date_checks)" -le 100
check "  lists opened <= 1 + 55" "$(counter lists)" -le 56
n2=$("$NSEARCH" -i i -c --debug-counters --since 2021-03-15 --until 2024-08-20 zephyr 2>err)
echo "--since/--until zephyr: $n2"
check "  postings read <= 228" "$(counter postings)" -le 228

n=$("$NSEARCH" -i i -c --debug-counters 'date:2021-03-15..2024-08-20' 2>err)
echo "range alone: $n"
echo "  lists opened: $(counter lists)"
check "  postings read = matches" "$(counter postings)" -eq "$n"

n=$("$NSEARCH" -i i -c --debug-counters 'plain date:2023-06-01..2023-06-03' 2>err)
echo "plain in 3 days: $n, awk: $(in_range 2023-06-01 2023-06-03 plain)"
echo "  lists opened: $(counter lists)"
check "  blocks decoded <= 3 + 137" "$(counter blocks)" -le 140
check "  postings read <= 136 + 137 * 128 (of 99900 for plain)" "$(counter postings)" -le $((136 + 137 * 128))

"$NSEARCH" -i i -l -n 3 --sort -date 'zephyr date:2021-03-15..2024-08-20' >ids
echo "newest zephyr in range: $(awk -F'"' 'index($12, "zephyr") && $16 <= "2024-08-20" && $16 >= "2021-03-15" { print $16 }' a.jsonl | sort -r | head -n 3 | tr '\n' ' ')"
echo "their dates: $(while read -r id; do grep "\"$id\"" a.jsonl | cut -d'"' -f16; done <ids | tr '\n' ' ')"

# Counts against awk, for ranges the words lead (the range checked by date)
# and ranges that lead (read by their terms), and a negated range.
for spec in "word5 2022-02-27 2022-03-02" "word13 2020-06-15 2025-06-15" \
	"plain 2024-12-31 2025-01-01" "zephyr 2020-01-01 2025-12-31" "word96 2023-01-01 2023-12-31"; do
	# shellcheck disable=SC2086 # split into word, from, to
	set -- $spec
	n=$("$NSEARCH" -i i -c "$1 date:$2..$3")
	a=$(awk -F'"' -v a="$2" -v b="$3" -v w="$1" '$16 >= a && $16 <= b { split($12, ws, " "); for (k in ws) if (ws[k] == w) { n++; break } } END { print n + 0 }' a.jsonl)
	echo "$1 date:$2..$3: $(yesno test "$n" -eq "$a")"
done
n=$("$NSEARCH" -i i -c 'word13 -date:2021..2022')
a=$(awk -F'"' '!($16 >= "2021-01-01" && $16 <= "2022-12-31") { split($12, ws, " "); for (k in ws) if (ws[k] == "word13") { n++; break } } END { print n + 0 }' a.jsonl)
echo "word13 -date:2021..2022: $(yesno test "$n" -eq "$a")"
