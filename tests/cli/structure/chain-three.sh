# All three in one sentence: 000 bullet 3 "... including Jordan, Saudi
# Arabia and the UAE, ..."; 001 names Jordan and the UAE in one sentence,
# without Saudi Arabia.
. tests/cli/lib.sh
ids "$IDX" 'jordan SENTENCE uae SENTENCE saudi'
echo --
ids "$IDX" 'jordan SENTENCE uae'
