# trump AND the phrase "saudi arabia" (000-002 all mention Trump).
. tests/cli/lib.sh
ids "$IDX" 'trump "saudi arabia'
