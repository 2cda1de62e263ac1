# "Iran’s missile" is in 000 (title: "Iran’s Missile Sites") and 001 ("Iran’s
# missile infrastructure"); 002 says "Iranian missile".
. tests/cli/lib.sh
count "$IDX" 'iran NEAR/1 missile'
