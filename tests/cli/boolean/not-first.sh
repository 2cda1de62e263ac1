# NOT applies to the operand after it, in the whole AND group: "NOT lago
# geneva" is geneva AND NOT lago.
. tests/cli/lib.sh
ids "$IDX" 'NOT lago geneva'
