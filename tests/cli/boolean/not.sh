# Geneva is in 000, 001, 002; Mar-a-Lago ("lago") in 000 and 001.
. tests/cli/lib.sh
ids "$IDX" 'geneva NOT lago'
