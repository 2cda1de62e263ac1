# ADJ with the phrase second: only 000 has airspace at most 7 words before
# "Saudi Arabia" ("airspace is the pivotal operational question. Jordan,
# Saudi Arabia"); 001's is 9 words before.
. tests/cli/lib.sh
ids "$IDX" 'airspace ADJ/7 "saudi arabia"'
