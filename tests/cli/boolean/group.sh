# putin: 003; geneva: 000-002; trump: all; lago: 000, 001.
. tests/cli/lib.sh
ids "$IDX" '(putin OR geneva) AND trump NOT lago'
