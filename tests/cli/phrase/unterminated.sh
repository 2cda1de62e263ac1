# An unterminated quote closes at the end of the query.
. tests/cli/lib.sh
ids "$IDX" '"saudi arabia'
