# --collapse=none shows every article; dups folds only copies (the seed
# corpus has none, so four hits); story folds retellings (two hits).  A
# copy of 000 under a new headline is folded by dups too, and listed as
# 000's other version.
. tests/cli/lib.sh
hits() { grep -c '^ *[0-9][0-9]*\. ' "$TMP/o"; }
"$NSEARCH" -i "$IDX" --collapse=none iran >"$TMP/o"; echo "none: $? $(hits)"
"$NSEARCH" -i "$IDX" --collapse=dups iran >"$TMP/o"; echo "dups: $? $(hits)"
"$NSEARCH" -i "$IDX" --collapse=story iran >"$TMP/o"; echo "story: $? $(hits)"
mkdir "$TMP/src" && cp corpus/*.txt "$TMP/src/" || exit 9
{ echo "Netanyahu Got a Green Light, Sources Say"; tail -n +2 corpus/000_cb9e7fc10d88d411.txt; } \
	>"$TMP/src/copy.txt"
"$NINDEX" -q -i "$TMP/c" "$TMP/src" || exit 9
"$NSEARCH" -i "$TMP/c" --collapse=dups iran >"$TMP/o"; echo "with a copy, dups: $? $(hits)"
grep 'more version' "$TMP/o"
"$NSEARCH" -i "$TMP/c" iran >"$TMP/o"; echo "with a copy, story: $? $(hits)"
"$NSEARCH" -i "$IDX" --collapse=some iran; echo "bad mode: $?"
