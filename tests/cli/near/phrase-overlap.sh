# The "arabia" of the phrase cannot also be the second operand, and no other
# "arabia" is within 1 word of "Saudi Arabia".
. tests/cli/lib.sh
ids "$IDX" '"saudi arabia" NEAR/1 arabia'
