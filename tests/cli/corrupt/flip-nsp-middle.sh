# (b) One byte flipped in the middle of the postings file.  Queries that do
# not read that byte may still answer (then exactly as before); none may
# crash; "X NEAR/1000000 the" ORed for every word X of the corpus reads the
# postings and positions of every term, so it must see the damage.
. tests/cli/lib.sh
cd "$TMP" || exit 9
cp -R "$IDX" c || exit 9
f=$(only c/seg-*.nsp) || exit 9
flip "$f" $(($(size "$f") / 2)) || exit 9
cat "$OLDPWD"/corpus/* | tr 'A-Z' 'a-z' | tr -cs 'a-z0-9' '\n' | LC_ALL=C sort -u |
	awk 'NF { printf "%s(%s NEAR/1000000 the)", (n++ ? " OR " : ""), $0 }' >q
"$NSEARCH" -i "$IDX" --format tsv -n 1000 -c "$(cat q)" >/dev/null || { echo "query fails on the good index"; exit 9; }
"$NSEARCH" -i c --format tsv -n 1000 "$(cat q)" >out 2>err
st=$?
echo "status: $st"
one_error nsearch err
echo "says what: $(yesno grep -qE 'seg-[0-9]+\.nsp|corrupt' err)"
