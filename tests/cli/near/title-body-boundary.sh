# 000's title ends "How to Help" and its body starts "U.S. reports say
# President Trump": 5 words apart only across the title/body boundary, which
# NEAR never spans.  ("helps" in the body is far from any "Trump".)
. tests/cli/lib.sh
ids "$IDX" 'help NEAR/5 trump'
