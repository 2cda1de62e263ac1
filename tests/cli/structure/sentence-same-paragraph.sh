# Graham and Carlson are in one paragraph of 003 ("Several Republican
# lawmakers, including Senator Lindsey Graham, ..." then "On the other hand,
# ... Tucker Carlson cautioned ..."), in two of its sentences.
. tests/cli/lib.sh
ids "$IDX" 'graham PARAGRAPH carlson'
echo "exit $?"
ids "$IDX" 'graham SENTENCE carlson'
echo "exit $?"
