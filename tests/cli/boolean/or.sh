# Putin only in 003, Qatar only in 001 ("Saudi Arabia and Qatar").
. tests/cli/lib.sh
ids "$IDX" 'putin OR qatar'
