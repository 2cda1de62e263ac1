# ... and in no title.
. tests/cli/lib.sh
ids "$IDX" 'title:rockets'
