# A fresh index holds MANIFEST, LOCK and one pair of segment files.
. tests/cli/lib.sh
cd "$TMP" || exit 9
"$NINDEX" -q -i i "$OLDPWD/corpus" || exit 9
ls i | sed 's/^seg-[0-9]*\./seg-N./'
