# --timeline without a unit takes the finest giving 10 to 60 periods over
# the matches' span; when none does, the nearest to that range: 62 months
# rather than 6 years, 9 years rather than 102 months; and days for a span
# of fewer than 10 days.
. tests/cli/lib.sh
. tests/cli/alerts/helpers.inc
cd "$TMP" || exit 9
span() {	# FIRST LAST: two articles, the unit and number of periods shown
	rm -rf idx src
	mkdir src
	{ art a1 "$1" AP "flood"; art a2 "$2" AP "flood"; } >src/a.jsonl
	"$NINDEX" -q -i idx src || exit 9
	"$NSEARCH" -i idx --timeline flood >got
	echo "$1 .. $2: $(wc -l <got | tr -d ' ') periods, the first $(head -n 1 got | cut -f1)"
}
span 2026-02-01 2026-02-05
span 2026-02-01 2026-03-12
span 2026-02-01 2026-05-01
span 2024-01-01 2025-01-20
span 2020-01-15 2025-02-15
span 2017-01-15 2025-06-15
span 1990-01-01 2025-06-15
