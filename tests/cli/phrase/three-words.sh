# "Jordan, Saudi Arabia": the comma does not break a phrase.
. tests/cli/lib.sh
ids "$IDX" '"jordan saudi arabia"'
