# An unknown option is a usage error.
. tests/cli/lib.sh
"$NSEARCH" -i "$IDX" --bogus trump 2>/dev/null
