# title:iran SENTENCE missile: Iran in the title, and missile in the same
# sentence, so in the title too: 000 "... Iran’s Missile Sites ...", 003
# "... U.S. missiles joining Israel’s Iran strikes ..."; 001 and 002 have
# no missile in the title.
. tests/cli/lib.sh
ids "$IDX" 'title:iran SENTENCE missile'
echo --
ids "$IDX" 'title:(iran SENTENCE missile)'
