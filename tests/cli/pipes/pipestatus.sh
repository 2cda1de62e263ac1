# In bash, the first status of "nsearch ... | head -1" is 0 (PIPESTATUS).
. tests/cli/lib.sh
command -v bash >/dev/null || { echo "bash missing"; exit 9; }
cd "$TMP" || exit 9
awk 'BEGIN { for (i = 1; i <= 2000; i++) printf "{\"id\": \"p%05d-padding-padding-padding-padding\", \"body\": \"kiwi %d\"}\n", i, i }' >p.jsonl
"$NINDEX" -q -i p p.jsonl || exit 9
NS=$NSEARCH bash -c '"$NS" -i p -l -n 5000 kiwi 2>err | head -1 >/dev/null; echo "statuses: ${PIPESTATUS[*]}"'
echo "stderr: $(size err)"
