# "Port Arvik" appears in volcano.txt, election.txt and dock-strike.txt.
. tests/cli/lib.sh
count "$MINI" 'port arvik'
