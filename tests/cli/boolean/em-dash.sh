# An em dash alone holds no word: it matches nothing (and is no error).
. tests/cli/lib.sh
ids "$IDX" '—'
