# erupts = erupted = eruption = erupting (stemmed): volcano.txt and
# flights-cancelled.txt ("The volcano was still erupting").
. tests/cli/lib.sh
ids "$MINI" 'erupts'
