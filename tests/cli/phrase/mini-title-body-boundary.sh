# cup-final.txt: title "... in Cup Final", body "City fans fell silent":
# not a phrase; election.txt: "the final city to report its results".
. tests/cli/lib.sh
ids "$MINI" '"final city"'
