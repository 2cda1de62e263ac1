# NEAR is unordered: arabia NEAR/1 saudi finds "Saudi Arabia" too.
. tests/cli/lib.sh
ids "$IDX" 'arabia NEAR/1 saudi'
