# --color=always colors even into a pipe, and wins over NO_COLOR;
# --color=never never colors, even on a terminal; tsv and json are never
# colored; a bad value is a usage error.
. tests/cli/lib.sh
command -v script >/dev/null || { echo "script(1) missing"; exit 9; }
esc=$(printf '\033')
n_esc() { grep -c "$esc\[" "$1"; }
"$NSEARCH" -i "$IDX" -n 1 --color=always trump >"$TMP/o"; echo "always, pipe: $(n_esc "$TMP/o")"
NO_COLOR=1 "$NSEARCH" -i "$IDX" -n 1 --color=always trump >"$TMP/o"; echo "always, NO_COLOR: $(n_esc "$TMP/o")"
"$NSEARCH" -i "$IDX" -n 1 --color trump >"$TMP/o"; echo "auto, pipe: $(n_esc "$TMP/o")"
script -qec "'$NSEARCH' -i '$IDX' -n 1 --color=never trump" /dev/null </dev/null >"$TMP/o" 2>&1
echo "never, terminal: $(n_esc "$TMP/o")"
NO_COLOR= script -qec "'$NSEARCH' -i '$IDX' -n 1 trump" /dev/null </dev/null >"$TMP/o" 2>&1
echo "empty NO_COLOR, terminal: $(n_esc "$TMP/o")"
"$NSEARCH" -i "$IDX" -n 1 --color=always --format tsv trump >"$TMP/o"; echo "always, tsv: $(n_esc "$TMP/o")"
"$NSEARCH" -i "$IDX" -n 1 --color=always --format json trump >"$TMP/o"; echo "always, json: $(n_esc "$TMP/o")"
"$NSEARCH" -i "$IDX" --color=sometimes trump 2>"$TMP/err"; echo "bad: status $?"
