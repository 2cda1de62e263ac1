# Lower-case "or" is a plain word, so this is putin AND or AND geneva.
. tests/cli/lib.sh
ids "$IDX" 'putin or geneva'
