# Operands need distinct positions: no article has two "saudi" within 1
# word, so one occurrence must not match both operands.
. tests/cli/lib.sh
ids "$IDX" 'saudi NEAR/1 saudi'
