# The mini articles searched by numbers: "54 percent" (election.txt), and
# "2-1" is the two words 2 and 1 (cup-final.txt: "won the cup final 2-1").
. tests/cli/lib.sh
ids "$MINI" '"54 percent"'
ids "$MINI" '2-1'
