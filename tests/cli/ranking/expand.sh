# --expand (RM3): an AND query keeps its matches and only its ranking
# changes; an OR query (--any) may widen; expansion words are listed by
# --explain as expansion, never highlighted (tests/data/mini).
. tests/cli/lib.sh
echo "volcano: $("$NSEARCH" -i "$MINI" -c volcano) = $("$NSEARCH" -i "$MINI" -c --expand volcano)"
a=$("$NSEARCH" -i "$MINI" --format tsv -n 100 volcano | cut -f3 | sort | tr '\n' ' ')
b=$("$NSEARCH" -i "$MINI" --format tsv -n 100 --expand volcano | cut -f3 | sort | tr '\n' ' ')
[ "$a" = "$b" ] && echo "AND keeps the same articles" || echo "differs: $a / $b"
n1=$("$NSEARCH" -i "$MINI" -c --any 'volcano ash')
n2=$("$NSEARCH" -i "$MINI" -c --any --expand 'volcano ash')
[ "$n2" -ge "$n1" ] && echo "OR may widen: yes" || echo "OR shrank: $n1 -> $n2"
"$NSEARCH" -i "$MINI" --explain -n 1 --expand volcano | grep -c 'expansion' | awk '{ print ($1 > 0) ? "explain lists expansion words" : "no expansion words" }'
"$NSEARCH" -i "$MINI" --expand volcano >/dev/null
