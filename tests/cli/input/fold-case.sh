# Case does not matter: "Rovers" is only in cup-final.txt.
. tests/cli/lib.sh
ids "$MINI" ROVERS
ids "$MINI" rovers
ids "$MINI" RoVeRs
