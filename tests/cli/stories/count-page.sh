# -c counts articles unless asked to collapse; with collapsing -n counts
# stories and --offset pages by story (2 stories match "iran": the
# 000-002 story ranks first, as 001 has the best score).
. tests/cli/lib.sh
echo "articles: $("$NSEARCH" -i "$IDX" -c iran)"
echo "stories: $("$NSEARCH" -i "$IDX" -c --collapse=story iran)"
echo "copy groups: $("$NSEARCH" -i "$IDX" -c --collapse=dups iran)"
"$NSEARCH" -i "$IDX" -n 1 iran | grep -E '^ *[0-9]+\. |^    [0-9]{3}_'
"$NSEARCH" -i "$IDX" -n 1 --offset 1 iran | grep -E '^ *[0-9]+\. |^    [0-9]{3}_'
"$NSEARCH" -i "$IDX" -n 1 --offset 2 iran; echo "past the last story: $?"
"$NSEARCH" -i "$IDX" -l -n 2 --collapse=story iran
