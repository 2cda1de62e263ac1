# volcano: flights-cancelled.txt ("The volcano was still erupting"),
# election.txt ("where the volcano had kept"), volcano.txt (title);
# tariffs: tariffs.txt.
. tests/cli/lib.sh
ids "$MINI" 'volcano OR tariffs'
