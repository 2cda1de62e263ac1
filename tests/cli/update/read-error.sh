# Read errors.  A read(2) of a source that fails in the middle of an update
# (EIO, injected with NS_FAIL_AFTER_READS) stops it: status 1, the file
# named, the index as it was; the next run completes the update.  A gzip
# file that is damaged (here: cut short while being rewritten) is a problem
# with that file only: what could be read is indexed, the file is marked to
# be read whole again, and once it is whole the next run reads it.
. tests/cli/lib.sh
. tests/cli/update/helpers.inc
cd "$TMP" || exit 9
gen_texts src/a 6 1
gen_jsonl src/feed.jsonl 20 2 j
"$NINDEX" -q -i i src || exit 9
results i >old.res
gen_texts src/b 4 3
gen_jsonl src/feed.jsonl 5 4 k
NS_FAIL_AFTER_READS=3 "$NINDEX" -i i 2>err
echo "read error: status $?, names a file: $(yesno grep -qE '^nindex: .*/src/[^ ]*: Input/output error' err)"
results i >got
echo "old results: $(yesno cmp -s got old.res)"
"$NINDEX" -v -i i 2>err
echo "next run: status $?, $(counts err | tr '\n' ' ')"
echo "next run: $(same_as_fresh i src)"
gen_jsonl g.jsonl 300 5 g
gzip -c g.jsonl >full.gz
head -c $(($(size full.gz) / 2)) full.gz >src/g.jsonl.gz
"$NINDEX" -v -i i 2>err
echo "cut gzip: status $?, names it: $(yesno grep -q '^nindex: .*g.jsonl.gz: unexpected end of file' err)"
n=$("$NSEARCH" -i i -c 'title:g')
echo "some of it indexed: $(yesno test "$n" -gt 0 -a "$n" -lt 300)"
"$NINDEX" -v -i i 2>err
echo "again, still cut: read again: $(yesno grep -q '(1 files read' err)"
cp full.gz src/g.jsonl.gz
"$NINDEX" -v -i i 2>err
echo "whole: status $?, title:g $("$NSEARCH" -i i -c 'title:g')"
echo "whole: $(same_as_fresh i src)"
