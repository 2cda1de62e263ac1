# A '-' before a NEAR chain negates the chain: all Trump articles except
# those with "Saudi Arabia" (000, 001, 002).
. tests/cli/lib.sh
ids "$IDX" 'trump -saudi NEAR/1 arabia'
