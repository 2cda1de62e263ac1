# "Jordan, Saudi Arabia": jordan first, arabia 2 words later.
. tests/cli/lib.sh
ids "$IDX" 'jordan ADJ/2 arabia'
