# Trump is named in all four seed articles.
. tests/cli/lib.sh
count "$IDX" trump
