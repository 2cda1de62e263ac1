# The hyphenated name is the two words lopez garcia.
. tests/cli/lib.sh
ids "$MINI" '"lopez garcia"'
