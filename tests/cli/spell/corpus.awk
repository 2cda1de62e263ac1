# corpus.awk -- the JSON Lines archive of the spelling and fuzzy cases:
#   g1..g120  "government spending" (g1..g10 with "Government budget" titles)
#   t1        the one article that misspells it: "goverment spending"
#   y1..y40   "Flights to New York": york only ever after new
#   k1..k60   "yok" alone, the commoner word one edit from "yrok"
#   p1..p2    "pending": rare, one edit from the common "spending"
#   s1..s25   "Airspace over Saudi Arabia"
BEGIN {
	for (i = 1; i <= 120; i++)
		printf "{\"id\": \"g%d\", \"title\": \"%s\", \"body\": \"The government spending review number %d.\"}\n", i, i <= 10 ? "Government budget" : "Review", i
	print "{\"id\": \"t1\", \"title\": \"Typo\", \"body\": \"The goverment spending typo.\"}"
	for (i = 1; i <= 40; i++)
		printf "{\"id\": \"y%d\", \"title\": \"Travel\", \"body\": \"Flights to New York were delayed.\"}\n", i
	for (i = 1; i <= 60; i++)
		printf "{\"id\": \"k%d\", \"title\": \"Words\", \"body\": \"The word yok means none.\"}\n", i
	for (i = 1; i <= 2; i++)
		printf "{\"id\": \"p%d\", \"title\": \"Court\", \"body\": \"The case is pending.\"}\n", i
	for (i = 1; i <= 25; i++)
		printf "{\"id\": \"s%d\", \"title\": \"Flights\", \"body\": \"Airspace over Saudi Arabia was closed.\"}\n", i
}
