# A phrase operand counts from its nearest end: 000 "airspace ... Jordan,
# Saudi Arabia" = 7, 001 = 9; in 002 "Saudi Arabia ... their airspace" is 15
# from "Arabia".
. tests/cli/lib.sh
ids "$IDX" '"saudi arabia" NEAR/10 airspace'
