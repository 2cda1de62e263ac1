# Query-time stopwords (searcher/stopwords.h): a stopword given alone as an
# AND/OR operand is dropped; a query of only stopwords keeps them; phrases
# and NEAR operands keep them (corpus/).
. tests/cli/lib.sh
echo "trump: $("$NSEARCH" -i "$IDX" -c trump)"
echo "the trump: $("$NSEARCH" -i "$IDX" -c 'the trump')"
echo "the AND qatar: $("$NSEARCH" -i "$IDX" -c 'the AND qatar')"
echo "only stopwords, the: $("$NSEARCH" -i "$IDX" -c 'the')"
echo "only stopwords, of OR which: $("$NSEARCH" -i "$IDX" -c 'of OR which')"
echo "phrase keeps them: $("$NSEARCH" -i "$IDX" -c '"the strike"') vs $("$NSEARCH" -i "$IDX" -c 'strike')"
echo "NEAR keeps them: $("$NSEARCH" -i "$IDX" -c 'the NEAR/3 emirates')"
echo "same ranking: $("$NSEARCH" -i "$IDX" --format tsv 'the of airspace' | cut -f3 | tr '\n' ' ')= $("$NSEARCH" -i "$IDX" --format tsv airspace | cut -f3 | tr '\n' ' ')"
echo "scored terms of 'the airspace': $("$NSEARCH" -i "$IDX" --explain -n 1 'the airspace' | grep -cE '^      [0-9.]+  [a-z]')"
