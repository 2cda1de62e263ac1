# "U.S." is the word us: only tariffs.txt ("The U.S. government").
. tests/cli/lib.sh
ids "$MINI" 'U.S.'
ids "$MINI" us
ids "$MINI" '"u.s. government"'
