# 000: "Israeli leaders prioritise Iran’s growing missile capabilities";
# 003 has "its growing ties with Iran" (3 apart).
. tests/cli/lib.sh
ids "$IDX" 'iran NEAR/1 growing'
