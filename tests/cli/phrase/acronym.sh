# 000 "prompting U.S. military planners", 002 "U.S. military and
# intelligence leaders", 003 "U.S. military involvement"; 001 never puts
# "military" right after "U.S.".
. tests/cli/lib.sh
ids "$IDX" '"U.S. military"'
