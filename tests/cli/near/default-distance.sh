# NEAR alone is NEAR/10: 000 (7) and 001 (9), not 002 (16).
. tests/cli/lib.sh
ids "$IDX" 'airspace NEAR saudi'
