# Juxtaposed words are ANDed: Putin (003) and Geneva (000-002) never meet.
. tests/cli/lib.sh
ids "$IDX" putin geneva
