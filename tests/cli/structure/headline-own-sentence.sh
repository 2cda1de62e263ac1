# "Diplomacy Resumes At Geneva" (002) is a headline line: a sentence of its
# own, in the paragraph of "The Trump administration has pointed out ...";
# 003 has "talks scheduled to resume" and "the Trump administration
# maintains" in two sentences of one paragraph; 001 has "resume" only in a
# headline paragraph and in a paragraph without "administration".
. tests/cli/lib.sh
ids "$IDX" 'resumes SENTENCE administration'
echo "exit $?"
ids "$IDX" 'resumes PARAGRAPH administration'
