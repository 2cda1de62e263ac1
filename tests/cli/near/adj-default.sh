# ADJ alone is ADJ/10 with airspace first: 000 ("airspace is the pivotal
# operational question. Jordan, Saudi" = 7) and 001 (9).
. tests/cli/lib.sh
ids "$IDX" 'airspace ADJ saudi'
