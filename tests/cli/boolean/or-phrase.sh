# rockets: 000; "nuclear negotiations": 001 ("if nuclear negotiations between
# Washington") and 002 ("the fresh nuclear negotiations").
. tests/cli/lib.sh
ids "$IDX" 'rockets OR "nuclear negotiations"'
