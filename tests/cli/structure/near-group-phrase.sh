# "saudi arabia" NEAR/n (qatar OR uae): counted from the phrase's nearest
# end, arabia: 001 "Arabia and Qatar" is 2, 000 "Arabia and the UAE" 3.
. tests/cli/lib.sh
ids "$IDX" '"saudi arabia" NEAR/2 (qatar OR uae)'
echo --
ids "$IDX" '"saudi arabia" NEAR/3 (qatar OR uae)'
