# With --any, a negated operand excludes from the whole OR group:
# (putin OR geneva) AND NOT lago.
. tests/cli/lib.sh
"$NSEARCH" -i "$IDX" --any --format tsv putin geneva -lago | cut -f3 | LC_ALL=C sort
