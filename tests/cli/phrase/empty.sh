# An empty phrase matches nothing.
. tests/cli/lib.sh
ids "$IDX" '""'
