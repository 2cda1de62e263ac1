# "central bank": bank-rates.txt and tariffs.txt ("The central bank warned");
# election: bank-rates.txt ("the presidential election") and election.txt.
. tests/cli/lib.sh
ids "$MINI" '"central bank" election'
