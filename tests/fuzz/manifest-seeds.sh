#!/bin/sh
# manifest-seeds.sh BUILD_DIR -- writes the manifest target's seeds
# (tests/fuzz/seeds/manifest/) from real indexes made by BUILD_DIR/nindex:
# one segment; two segments and a deletion file; an update from standard
# input; file states with a JSON Lines tail and gzip content; compacted;
# each raw (mode 0) and with CRCs to fix (mode 1); plus a cut and an empty
# one.  Run by `make fuzz-seeds` after a format change.
set -eu
build=$(cd "${1:-build}" && pwd)
here=$(cd "$(dirname "$0")" && pwd)
out=$here/seeds/manifest
repo=$(cd "$here/../.." && pwd)
tmp=$(mktemp -d "${TMPDIR:-/tmp}/nsfuzz-mf.XXXXXX")
trap 'rm -rf "$tmp"' EXIT
mkdir -p "$out"
rm -f "$out"/raw-* "$out"/fixup-* "$out"/empty
N="$build/nindex -q"

seed() {	# name index-dir
	{ printf '\000'; cat "$2/MANIFEST"; } >"$out/raw-$1"
	{ printf '\001'; cat "$2/MANIFEST"; } >"$out/fixup-$1"
}

mkdir -p "$tmp/src"
cp "$repo"/corpus/* "$tmp/src/"
$N -i "$tmp/one" "$tmp/src"
seed corpus "$tmp/one"
rm "$tmp/src"/002_*
cp "$repo/tests/data/mini/volcano.txt" "$tmp/src/"
cp -R "$tmp/one" "$tmp/two"
$N -i "$tmp/two"
seed two-segments-del "$tmp/two"

printf '{"id":"a","body":"alpha"}\n{"id":"b","body":"beta"}\n' | $N -i "$tmp/stdin" -
printf '{"id":"b","body":"beta again"}\n' | $N -i "$tmp/stdin" -
seed stdin-update "$tmp/stdin"

mkdir -p "$tmp/ms/sub"
printf '{"id":"x1","body":"one"}\n{"id":"x2","body":"two"}\n{"id":"x3","body":"open' >"$tmp/ms/feed.jsonl"
echo "gz article text" | gzip -c >"$tmp/ms/g.txt.gz"
for i in 1 2 3 4 5; do printf 'Title %s\n\nbody %s\n' "$i" "$i" >"$tmp/ms/sub/a$i.txt"; done
$N -i "$tmp/files" "$tmp/ms"
printf '"}\n{"id":"x4","body":"four"}\n' >>"$tmp/ms/feed.jsonl"
rm "$tmp/ms/sub/a3.txt"
$N -i "$tmp/files"
seed files-tail-gz "$tmp/files"
$N --compact -i "$tmp/files"
seed compacted "$tmp/files"

{ printf '\001'; head -c 100 "$tmp/two/MANIFEST"; } >"$out/fixup-cut-100"
printf '\000' >"$out/empty"
