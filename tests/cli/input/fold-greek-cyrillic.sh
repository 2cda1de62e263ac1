# festival.txt: "The Greek word θέατρο" and "a touring company from Москва":
# Greek and Cyrillic fold case and accents too.
. tests/cli/lib.sh
ids "$MINI" 'θεατρο'
ids "$MINI" 'ΘΈΑΤΡΟ'
ids "$MINI" 'москва'
ids "$MINI" 'МОСКВА'
