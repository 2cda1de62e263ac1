# Words are case-insensitive: 000 "short-range rockets" is the only rocket.
. tests/cli/lib.sh
ids "$IDX" 'ROCKETS AND trump'
