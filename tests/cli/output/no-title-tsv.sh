# In tsv the missing title is an empty field; the date is ISO.
. tests/cli/lib.sh
tsv "$IDX" consensus
