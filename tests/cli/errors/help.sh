# --help prints the usage on stdout and exits 0.
. tests/cli/lib.sh
"$NSEARCH" --help | head -n 1
"$NINDEX" --help | head -n 1
