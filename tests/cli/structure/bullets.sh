# The five "Key Takeaways" bullets of 000 are one paragraph (no blank line
# between them) and five sentences: "4Israeli leaders prioritise ..." and
# "5Iran seeks economically beneficial terms ...".
. tests/cli/lib.sh
count "$IDX" 'prioritise PARAGRAPH economically'
count "$IDX" 'prioritise SENTENCE economically'
