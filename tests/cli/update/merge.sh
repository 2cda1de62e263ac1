# The merge policy keeps the number of segments logarithmic: 40 updates of
# one to three new files each, on an index of 60 articles, never leave more
# than (F - 1) * (log_F(N) + 1) segments (F = 4: 3 per tier of live sizes
# 1-3, 4-15, 16-63, 64-255), and the index answers as one built fresh.
# Deleting most of a segment's articles makes it be rewritten without
# them.  --compact merges everything into one segment (reading no source:
# here they are moved away), --full reads everything again.
. tests/cli/lib.sh
. tests/cli/update/helpers.inc
scratch
gen_texts src/base 60 1
"$NINDEX" -q -i i src || exit 9
max=0
for k in $(seq 1 40); do
	gen_texts src/u$k $((k % 3 + 1)) $((k + 1))
	"$NINDEX" -q -i i || exit 9
	n=$(segments i)
	[ "$n" -gt $max ] && max=$n
done
docs=$("$NSEARCH" -i i --stats | sed -n 's/^docs=//p')
echo "documents: $docs, most segments: $max, within 12: $(yesno test $max -le 12)"
echo "40 updates: $(same_as_fresh i src)"
rm src/base/t1*.txt src/base/t2*.txt src/base/t3*.txt src/base/t4*.txt src/base/t5*.txt
"$NINDEX" -q -i i || exit 9
echo "deleted_docs after removing 55 of the 60 first files: $("$NSEARCH" -i i --stats | sed -n 's/^deleted_docs=//p')"
echo "removal: $(same_as_fresh i src)"
mv src gone
"$NINDEX" -v --compact -i i 2>err
echo "compact without sources: status $?, segments $(segments i)"
mv gone src
echo "compact: $(same_as_fresh i src)"
ls i | sed 's/^seg-[0-9]*\./seg-N./'
"$NINDEX" -q --full -i i || exit 9
echo "full: $(same_as_fresh i src), segments $(segments i)"
