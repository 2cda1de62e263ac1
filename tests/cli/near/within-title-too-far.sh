# The same pair is 3 apart, not 2.
. tests/cli/lib.sh
ids "$IDX" 'weighs NEAR/2 help'
