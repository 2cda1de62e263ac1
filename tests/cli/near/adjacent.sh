# Adjacent words are 1 apart: "Saudi Arabia" is in 000, 001 and 002.
. tests/cli/lib.sh
ids "$IDX" 'saudi NEAR/1 arabia'
