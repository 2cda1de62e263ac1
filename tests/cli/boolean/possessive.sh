# Netanyahu's = netanyahu: named in 000, 001, 002, not in 003.
. tests/cli/lib.sh
ids "$IDX" "Netanyahu's"
