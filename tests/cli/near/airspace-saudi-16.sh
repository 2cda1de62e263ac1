# 002: "Jordan, Saudi Arabia and the United Arab Emirates have even declared
# that they would not permit their airspace" = 16 apart.
. tests/cli/lib.sh
ids "$IDX" 'airspace NEAR/16 saudi'
