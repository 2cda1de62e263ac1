# ADJ over groups: (jordan OR qatar) ADJ/1 saudi needs one of them right
# before "saudi": "Jordan, Saudi" in 000, 001, 002; in the other order,
# "Saudi Arabia and Qatar" (001) is 3 apart.
. tests/cli/lib.sh
ids "$IDX" '(jordan OR qatar) ADJ/1 saudi'
echo --
ids "$IDX" 'saudi ADJ/3 (jordan OR qatar)'
echo --
ids "$IDX" 'saudi ADJ/2 (jordan OR qatar)'
echo "exit $?"
