# (qatar OR uae) NEAR/n saudi: 001 "Saudi Arabia and Qatar" (3 apart), 000
# "Saudi Arabia and the UAE" (4 apart).
. tests/cli/lib.sh
ids "$IDX" '(qatar OR uae) NEAR/3 saudi'
echo --
ids "$IDX" '(qatar OR uae) NEAR/4 saudi'
echo --
ids "$IDX" 'saudi NEAR/4 (qatar OR uae OR "united arab emirates")'
