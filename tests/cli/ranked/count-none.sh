# -c prints 0 and exits 1 when nothing matches.
. tests/cli/lib.sh
count "$IDX" putin geneva
