# The operands of a NEAR chain may come in any order.
. tests/cli/lib.sh
ids "$IDX" 'arabia NEAR/2 jordan NEAR/2 saudi'
