# Inside a restricted group an inner field wins: trump in the title and
# rockets in the body -- 000 (no title has "rockets").
. tests/cli/lib.sh
ids "$IDX" 'title:(trump body:rockets)'
