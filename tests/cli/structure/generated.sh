# SENTENCE, PARAGRAPH and NEAR/ADJ over groups on 160 generated articles
# (JSON Lines and text files, two segments), -c and -l of 240 random
# queries against the reference in tests/structure/gen_check.py.
. tests/cli/lib.sh
command -v python3 >/dev/null || { echo "python3 missing"; exit 9; }
python3 tests/structure/gen_check.py "$NINDEX" "$NSEARCH" "$TMP"
