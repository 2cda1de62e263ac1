# The title rule for plain text: a first line followed by a blank line is
# a title even when it ends in '.'; a first line ending in '.' directly
# followed by text is body; a line over 200 bytes or 30 words is body; a
# headline ending in '?' needs no blank line after it.
. tests/cli/lib.sh
cd "$TMP" || exit 9
mkdir src || exit 9
printf 'Storm Hits the Coast.\n\nWaves rose over the kiwi harbour wall.\n' >src/a.txt
printf 'Storm hits the coast.\nWaves rose over the kiwi harbour wall.\n' >src/b.txt
printf '%s\n\nkiwi body text.\n' "$(awk 'BEGIN { for (i = 1; i <= 31; i++) printf "w%d%s", i, (i < 31 ? " " : "") }')" >src/c.txt
printf 'Will the Storm Reach the Coast?\nKiwi farmers fear the worst.\n' >src/d.txt
"$NINDEX" -q -i i src || exit 9
"$NSEARCH" -i i --format tsv kiwi | cut -f3,5 | LC_ALL=C sort
