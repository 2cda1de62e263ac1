# Trump is in the titles of 000, 001, 003; 002 has no title.
. tests/cli/lib.sh
ids "$IDX" 'title:trump'
