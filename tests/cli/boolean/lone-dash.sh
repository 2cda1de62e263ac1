# A '-' standing alone is ignored: geneva AND lago.
. tests/cli/lib.sh
ids "$IDX" 'geneva - lago'
