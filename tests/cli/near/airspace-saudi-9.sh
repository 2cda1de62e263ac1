# 001: "over their airspace. Yet, several key Middle Eastern states,
# including Jordan, Saudi" = 9 apart (the sentence end does not matter).
. tests/cli/lib.sh
ids "$IDX" 'airspace NEAR/9 saudi'
