# election.txt: "Maria Lopez-Garcia won ...".
. tests/cli/lib.sh
ids "$MINI" 'lopez-garcia'
