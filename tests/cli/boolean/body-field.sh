# "rockets" is in 000's body.
. tests/cli/lib.sh
ids "$IDX" 'body:rockets'
