# "Port Arvik": volcano.txt (twice), election.txt, dock-strike.txt (title and
# body).
. tests/cli/lib.sh
ids "$MINI" '"port arvik"'
