# cafe-eviction.txt: "Café Owner Fights Eviction", "the Café Lumière":
# accents fold away, in the query as in the text.
. tests/cli/lib.sh
ids "$MINI" cafe
ids "$MINI" 'CAFÉ'
ids "$MINI" 'café'
ids "$MINI" lumiere
