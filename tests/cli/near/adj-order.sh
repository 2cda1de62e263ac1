# ADJ keeps the query order: "Saudi Arabia".
. tests/cli/lib.sh
ids "$IDX" 'saudi ADJ/1 arabia'
