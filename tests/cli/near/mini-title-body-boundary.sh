# cup-final.txt's title ends "Cup Final" and its body starts "City fans":
# that pair does not count; election.txt has "the final city to report".
. tests/cli/lib.sh
ids "$MINI" 'final NEAR/1 city'
