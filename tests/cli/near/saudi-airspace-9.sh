# NEAR is unordered: the same as airspace NEAR/9 saudi, although saudi comes
# after airspace in both matching texts.
. tests/cli/lib.sh
ids "$IDX" 'saudi NEAR/9 airspace'
