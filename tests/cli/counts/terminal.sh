# On a terminal, --timeline draws bars of Unicode blocks scaled to its
# width (the largest count fills it) and --facet aligns its columns; the
# same counts as in a pipe.  Two widths, through a pseudo-terminal.
. tests/cli/lib.sh
cd "$TMP" || exit 9
mkdir src
python3 "$REPO/tests/cli/counts/gen.py" src 7 3000 || exit 9
"$NINDEX" -q -i idx src || exit 9
"$NSEARCH" -i idx --timeline=month iran >pipe
for w in 60 100; do
	python3 "$REPO/tests/cli/counts/term.py" $w "$NSEARCH" -i idx --timeline=month iran >tty
	python3 - "$w" <<'PY'
import sys
w = int(sys.argv[1])
rows = [l for l in open("tty", encoding="utf-8").read().split("\n") if l]
pipe = [l.split("\t") for l in open("pipe").read().split("\n") if l]
full, parts = "\u2588", "\u258f\u258e\u258d\u258c\u258b\u258a\u2589"
ok_width = all(len(r) <= w for r in rows)
labels = [r.split(" ", 1)[0] for r in rows]
counts = [int(r.rsplit(" ", 1)[1]) for r in rows]
same = labels == [p[0] for p in pipe if p[0] != "undated"] + (["undated"] if any(p[0] == "undated" for p in pipe) else []) \
    and counts == [int(p[1]) for p in pipe]
bars = [sum(8 for c in r if c == full) + sum(parts.index(c) + 1 for c in r if c in parts) for r in rows]
cells = w - len(labels[0]) - len(str(max(counts))) - 2
top = max(bars)
scaled = all(abs(b / 8 - c * cells / max(counts)) <= 1 for b, c in zip(bars, counts))
print("width %d: %d rows, all within the width: %s, same periods and counts as the pipe: %s"
      % (w, len(rows), ok_width, same))
print("  longest bar fills the %d cells left: %s, bars proportional to counts: %s"
      % (cells, top == cells * 8, scaled))
PY
done
python3 "$REPO/tests/cli/counts/term.py" 70 "$NSEARCH" -i idx --facet source iran | sed 's/ *$//' | awk '{ print length($0) }' | sort -u | tr '\n' ' '
echo "(every --facet line ends at the same column)"
