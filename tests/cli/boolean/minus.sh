# -lago is NOT lago.
. tests/cli/lib.sh
ids "$IDX" 'geneva -lago'
