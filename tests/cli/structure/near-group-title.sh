# title:(trump OR putin) NEAR/3 iran: 003's title "Trump hints at U.S.
# missiles joining Israel’s Iran strikes—Putin steps ..." has Putin 2 after
# Iran; 000's title has Trump 8 before Iran, 001's 7; 002 has no title.
. tests/cli/lib.sh
ids "$IDX" 'title:(trump OR putin) NEAR/3 iran'
echo --
ids "$IDX" 'title:trump NEAR/8 iran'
