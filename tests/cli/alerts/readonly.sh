# nsearch saves searches and marks outside the index and writes nothing
# into it: every feature works on a read-only copy, and (as root, whom
# chmod does not stop) nothing in the index directory changed.
. tests/cli/lib.sh
. tests/cli/alerts/helpers.inc
cd "$TMP" || exit 9
mkdir src
art a1 2026-02-01 AP "iran talks" >src/a.jsonl
art a2 2026-03-01 Reuters "iran vote" >src/b.jsonl
"$NINDEX" -q -i idx src || exit 9
chmod -R a-w idx
snap() { (cd idx && ls -lA --time-style=+%s.%N . && cat ./* | cksum); }
snap >before
"$NSEARCH" -i idx --save iran -n 5 iran; echo "save: $?"
new iran
"$NSEARCH" -i idx @iran -l; echo "@iran: $?"
"$NSEARCH" -i idx --saved | cut -f1,2
"$NSEARCH" -i idx --timeline=month iran; echo "timeline: $?"
"$NSEARCH" -i idx --facet source iran; echo "facet: $?"
"$NSEARCH" -i idx --forget iran; echo "forget: $?"
snap >after
echo "index unchanged: $(yesno cmp -s before after)"
echo "files in the index: $(ls -A idx | wc -l | tr -d ' ') (no lock, no temp file)"
chmod -R u+w idx
