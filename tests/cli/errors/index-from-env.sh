# NSEARCH_INDEX stands in for -i.
. tests/cli/lib.sh
NSEARCH_INDEX=$IDX "$NSEARCH" -c trump
