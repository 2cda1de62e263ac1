# jordan .. arabia span 2 words, more than 1.
. tests/cli/lib.sh
ids "$IDX" 'jordan NEAR/1 saudi NEAR/1 arabia'
