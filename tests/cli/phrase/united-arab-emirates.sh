# "the United Arab Emirates": 000, 001, 002 (000 also says "the UAE").
. tests/cli/lib.sh
ids "$IDX" '"united arab emirates"'
