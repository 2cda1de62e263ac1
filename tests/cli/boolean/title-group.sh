# A field applies to a whole group: Putin is in 003's title, Geneva in none.
. tests/cli/lib.sh
ids "$IDX" 'title:(putin OR geneva)'
