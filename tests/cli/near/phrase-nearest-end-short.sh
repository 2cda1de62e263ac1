# ... so NEAR/14 leaves out 002 (000 and 001 have the phrase 7 and 9 words
# after airspace).
. tests/cli/lib.sh
ids "$IDX" '"saudi arabia" NEAR/14 airspace'
