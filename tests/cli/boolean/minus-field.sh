# -title:putin excludes 003, the only article with Putin in its title.
. tests/cli/lib.sh
ids "$IDX" 'trump -title:putin'
