# Bad dates are query errors naming the column (status 2): a month 13, a
# day that does not exist, an end before the start; bad --since/--until
# values are usage errors naming the option.
. tests/cli/lib.sh
"$NINDEX" -q -i "$TMP/w" tests/data/wire/news.jsonl || exit 9
for q in 'kiwi date:2026-13' 'date:2025-02-29' 'kiwi date:2026-03..2026-02' 'date:soon'; do
	"$NSEARCH" -i "$TMP/w" "$q" >"$TMP/out" 2>"$TMP/err"
	echo "$q: status $?, $(error_column "$TMP/err"), stdout $(size "$TMP/out")"
done
"$NSEARCH" -i "$TMP/w" --since yesterday kiwi 2>"$TMP/err"
echo "--since: status $?, names it: $(yesno grep -q -- '--since' "$TMP/err")"
one_error nsearch "$TMP/err"
"$NSEARCH" -i "$TMP/w" --since 2026-03 --until 2026-02 kiwi 2>"$TMP/err"
echo "reversed: status $?"
head -n 1 "$TMP/err" | grep -c '^nsearch: '
