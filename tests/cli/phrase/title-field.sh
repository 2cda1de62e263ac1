# Only 000 has "Missile Sites" in its title.
. tests/cli/lib.sh
ids "$IDX" 'title:"missile sites"'
