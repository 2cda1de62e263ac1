# One short of 002's 16 words: only 000 (7) and 001 (9).
. tests/cli/lib.sh
ids "$IDX" 'airspace NEAR/15 saudi'
