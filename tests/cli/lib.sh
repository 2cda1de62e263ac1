# lib.sh -- helpers for the CLI cases; a case sources it with
#   . tests/cli/lib.sh
# (run.sh sets NINDEX, NSEARCH, IDX, MINI and TMP; see the top of run.sh).

# The repository root (cases start there), as realpath() spells it.
REPO=$(pwd -P)

# rel  filter: paths under $TMP or the repository become relative (nindex
# stores the absolute paths of the sources).
rel() {
	sed -e "s|$TMP/||g" -e "s|$REPO/||g"
}

# ids INDEX QUERY...  prints the ids of all matches in byte order; returns
# the exit status of nsearch.
ids() {
	_i=$1
	shift
	"$NSEARCH" -i "$_i" --format tsv -n 1000 -- "$@" >"$TMP/.ids"
	_st=$?
	cut -f3 "$TMP/.ids" | LC_ALL=C sort
	return $_st
}

# count INDEX QUERY...  prints the number of matches; returns nsearch's status.
count() {
	_i=$1
	shift
	"$NSEARCH" -i "$_i" -c -- "$@"
}

# tsv INDEX QUERY...  the tsv lines without the score and story columns (rank, id, date,
# title, url-or-path); returns nsearch's status.
tsv() {
	_i=$1
	shift
	"$NSEARCH" -i "$_i" --format tsv -n 1000 -- "$@" >"$TMP/.tsv"
	_st=$?
	cut -f1,3-6 "$TMP/.tsv" | rel
	return $_st
}

# yesno COMMAND...  prints yes when the command succeeds, else no.
yesno() {
	if "$@"; then echo yes; else echo no; fi
}

# one_error PROGRAM FILE  describes an error message on stderr in FILE by
# its stable parts: the number of lines and whether the first line starts
# with "PROGRAM: ".
one_error() {
	echo "stderr lines: $(wc -l <"$2" | tr -d ' ')"
	echo "starts with $1: $(yesno grep -q "^$1: " "$2")"
}

# error_column FILE  the column number a query error names ("column N"), or none.
error_column() {
	_c=$(sed -n 's/.*column \([0-9][0-9]*\).*/\1/p' "$1" | head -n 1)
	echo "column: ${_c:-none}"
}

# flip FILE OFFSET  inverts every bit of the byte at OFFSET (0-based) in place.
flip() {
	_b=$(od -An -tu1 -j "$2" -N 1 "$1" | tr -d ' \n')
	[ -n "$_b" ] || return 1
	# shellcheck disable=SC2059 # the format is the octal escape itself
	printf "\\$(printf '%03o' $((_b ^ 255)))" |
		dd of="$1" bs=1 seek="$2" count=1 conv=notrunc 2>/dev/null
}

# size FILE  its size in bytes.
size() {
	wc -c <"$1" | tr -d ' '
}

# only FILE...  fails unless exactly one file matches (for globs such as
# seg-*.nsp), prints it.
only() {
	[ $# -eq 1 ] && [ -e "$1" ] && echo "$1"
}
