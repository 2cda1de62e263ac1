# A phrase before the word: 002 "Saudi Arabia and the United Arab Emirates
# have even declared that they would not permit their airspace" -- from the
# phrase's end (Arabia) to airspace is 15 words.
. tests/cli/lib.sh
ids "$IDX" '"saudi arabia" NEAR/15 airspace'
