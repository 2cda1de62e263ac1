# 000: "airspace is the pivotal operational question. Jordan, Saudi" = 7 apart;
# 001 has them 9 apart, 002 16 apart.
. tests/cli/lib.sh
ids "$IDX" 'airspace NEAR/7 saudi'
