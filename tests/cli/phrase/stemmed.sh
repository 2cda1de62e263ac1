# Phrase words are stemmed: 000 has "Missile Sites" (title) and "missile
# sites"; 001 says "nuclear sites", 003 "missile defense".
. tests/cli/lib.sh
ids "$IDX" '"missile site"'
