# 000's title: "U.S. Weighs How to Help" -- weighs and help 3 words apart.
. tests/cli/lib.sh
ids "$IDX" 'weighs NEAR/3 help'
