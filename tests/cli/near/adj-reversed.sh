# No article says "Arabia Saudi".
. tests/cli/lib.sh
ids "$IDX" 'arabia ADJ/1 saudi'
