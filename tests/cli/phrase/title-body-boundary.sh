# 001's title ends "if Talks Collapse" and its body starts "U.S. President":
# a phrase never spans the title/body boundary.  No body has "collapse U.S.".
. tests/cli/lib.sh
ids "$IDX" '"collapse u.s."'
