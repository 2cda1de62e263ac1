# 003: "... the administration “is prioritizing containment and
# deterrence, not escalation.”" -- the sentence with Ratcliffe ends after the
# closing quote; the next paragraph does not name him.
. tests/cli/lib.sh
ids "$IDX" 'ratcliffe SENTENCE escalation'
ids "$IDX" 'ratcliffe SENTENCE containment SENTENCE "national security"'
