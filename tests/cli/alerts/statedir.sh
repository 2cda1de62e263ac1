# Where saved searches live: $NSEARCH_STATE, else $XDG_STATE_HOME/nsearch/,
# else ~/.local/state/nsearch/; one file per index, keyed by its absolute
# path (idx, ./idx/ and the full path are one index; another index at
# another path has its own); no HOME and no NSEARCH_STATE is an error.
. tests/cli/lib.sh
cd "$TMP" || exit 9
mkdir src home xdg
printf '{"id":"a1","title":"iran talks","date":"2026-02-01","body":"iran talks"}\n' >src/a.jsonl
"$NINDEX" -q -i idx src || exit 9
cp -r idx idx2
unset NSEARCH_STATE XDG_STATE_HOME
files() { (cd "$1" && find . -type f -name '*.saved' | sed 's/-[0-9a-f]\{16\}\.saved$/-HASH.saved/' | sort | tr '\n' ' '); }
HOME=$TMP/home "$NSEARCH" -i idx --save a iran; echo "HOME: $? $(files home)"
HOME=$TMP/home "$NSEARCH" -i ./idx/ --save b iran; echo "./idx/: $? $(files home)"
HOME=$TMP/home "$NSEARCH" -i "$TMP/idx" --saved | cut -f1 | tr '\n' ' '; echo "(full path)"
echo "idx2: $(HOME=$TMP/home "$NSEARCH" -i idx2 --saved | wc -l | tr -d ' ') saved (its own)"
HOME=$TMP/home XDG_STATE_HOME=$TMP/xdg "$NSEARCH" -i idx --save c iran; echo "XDG_STATE_HOME: $? $(files xdg)"
HOME=$TMP/home XDG_STATE_HOME=$TMP/xdg "$NSEARCH" -i idx --saved | cut -f1 | tr '\n' ' '; echo
NSEARCH_STATE=$TMP/st HOME=$TMP/home XDG_STATE_HOME=$TMP/xdg "$NSEARCH" -i idx --save d iran; echo "NSEARCH_STATE: $? $(files st)"
env -u HOME "$NSEARCH" -i idx --saved 2>err; echo "no HOME: $?"
one_error nsearch err
