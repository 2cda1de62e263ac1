# 000's title ends "How to Help", its body starts "U.S. reports".
. tests/cli/lib.sh
ids "$IDX" '"help u.s. reports"'
