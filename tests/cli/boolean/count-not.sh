# trump: 4 articles, lago: 000 and 001.
. tests/cli/lib.sh
count "$IDX" 'trump NOT lago'
