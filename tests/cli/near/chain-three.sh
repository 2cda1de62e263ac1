# A chain is one NEAR with the largest distance (2): "Jordan, Saudi Arabia"
# spans 2 words in 000, 001 and 002.
. tests/cli/lib.sh
ids "$IDX" 'jordan NEAR/2 saudi NEAR/1 arabia'
