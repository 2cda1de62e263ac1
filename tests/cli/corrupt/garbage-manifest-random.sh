# MANIFEST overwritten with as many bytes of noise, magic kept: the CRC
# catches it.  (Noise from awk with a fixed seed, so every run is the same.)
. tests/cli/lib.sh
cd "$TMP" || exit 9
cp -R "$IDX" c || exit 9
n=$(size c/MANIFEST)
{ printf 'NSMF'; awk -v n="$n" 'BEGIN { srand(42); for (i = 4; i < n; i++) printf "%c", 32 + int(rand() * 90) }'; } >m
mv m c/MANIFEST
"$NSEARCH" -i c trump >out 2>err
st=$?
one_error nsearch err
echo "names it: $(yesno grep -q MANIFEST err)"
exit $st
