# Both Mar-a-Lago mentions are in the bodies.
. tests/cli/lib.sh
ids "$IDX" 'body:"mar a lago"'
