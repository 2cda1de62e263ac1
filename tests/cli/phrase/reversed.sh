# Both words are in 000-002, never as "arabia saudi".
. tests/cli/lib.sh
ids "$IDX" '"arabia saudi"'
