# 000: "U.S. reports say President Trump told Netanyahu ... prompting U.S.
# military planners to discuss how to assist." is one sentence (U.S. twice
# inside it); 002 has "planners" and "assistance" (stem assist) in two
# sentences of one paragraph.
. tests/cli/lib.sh
ids "$IDX" 'planners SENTENCE assist'
echo --
ids "$IDX" 'planners PARAGRAPH assist'
