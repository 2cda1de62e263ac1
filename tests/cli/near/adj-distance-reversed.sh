# Arabia is never followed by Jordan within 2 words.
. tests/cli/lib.sh
ids "$IDX" 'arabia ADJ/2 jordan'
