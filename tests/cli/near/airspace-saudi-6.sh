# The closest pair is in 000: "their airspace is the pivotal operational
# question. Jordan, Saudi" -- airspace and saudi are 7 words apart.
. tests/cli/lib.sh
ids "$IDX" 'airspace NEAR/6 saudi'
