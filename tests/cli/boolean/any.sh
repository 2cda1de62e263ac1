# --any ORs juxtaposed words: putin (003) or geneva (000-002).
. tests/cli/lib.sh
"$NSEARCH" -i "$IDX" --any --format tsv putin geneva | cut -f3 | LC_ALL=C sort
