# Juxtaposition (AND) binds tighter than OR: putin OR (geneva AND lago) is
# 003 plus 000 and 001; (putin OR geneva) AND lago would be 000, 001 only.
. tests/cli/lib.sh
ids "$IDX" 'putin OR geneva lago'
