# The query typed with U+2011 non-breaking hyphens, as 001 writes it.
. tests/cli/lib.sh
ids "$IDX" 'mar‑a‑lago'
