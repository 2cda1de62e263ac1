# cup-final.txt: "Striker Zoë Ångström scored the winning goal".
. tests/cli/lib.sh
ids "$MINI" angstrom
ids "$MINI" 'ÅNGSTRÖM'
ids "$MINI" zoe
ids "$MINI" '"zoë angstrom scored"'
