# "iran:missile" has no known field before the colon: it is the word
# iran:missile, analyzed as the phrase "iran missile" ("Iran’s missile"
# in 000 and 001).
. tests/cli/lib.sh
ids "$IDX" 'iran:missile'
