# cup-final.txt: "the team's spirit"; the possessive 's is dropped.
. tests/cli/lib.sh
ids "$MINI" team
ids "$MINI" "team's"
ids "$MINI" '"team spirit"'
