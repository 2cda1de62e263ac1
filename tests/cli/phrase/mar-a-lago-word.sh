# A hyphenated query word is the phrase of its parts.
. tests/cli/lib.sh
ids "$IDX" 'mar-a-lago'
