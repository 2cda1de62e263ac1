# The snippet starts at the start of the text or of a sentence, never with
# the tail of the sentence before: j2's body is "The new line links the
# airport with the city centre. The mayor, João Silva, rode the first train
# — it was full."  For "joao" it may show the whole text or start at "The
# mayor", but not at "centre.".
. tests/cli/lib.sh
cd "$TMP" || exit 9
cp "$OLDPWD/tests/data/mini-json/news.jsonl" . || exit 9
"$NINDEX" -q -i j news.jsonl || exit 9
"$NSEARCH" -i j joao >o
st=$?
first=$(sed -n '3{s/^    //;s/^…//;s/ .*//;p;}' o)
echo "snippet has the word: $(sed -n 3p o | grep -c 'João Silva')"
case $first in
[A-Z]*) echo "starts a sentence: yes" ;;
*) echo "starts a sentence: no ($first)" ;;
esac
exit $st
