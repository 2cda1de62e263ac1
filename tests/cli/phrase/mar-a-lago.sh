# 000 writes "Mar-a-Lago" (ASCII hyphens), 001 "Mar‑a‑Lago" (U+2011
# non-breaking hyphens); both are the three words mar a lago.
. tests/cli/lib.sh
ids "$IDX" '"mar a lago"'
