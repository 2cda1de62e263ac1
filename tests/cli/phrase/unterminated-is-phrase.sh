# ... and it is still a phrase, not the two words: no "arabia saudi".
. tests/cli/lib.sh
ids "$IDX" '"arabia saudi'
