# expect.py FILE QUERY UNIT|facet-FIELD -- the counts nsearch must print,
# computed from the JSON Lines alone.  QUERY: one word, or several
# separated by spaces, all of which must be in the body, optionally
# followed by "NOT word..." (none of which may be); or a "quoted phrase"
# (its words one after the other in the body).  Not a case.
import datetime, json, sys
path, word, what = sys.argv[1:4]
docs = [json.loads(l) for l in open(path)]
def matches(body):
    toks = body.split()
    if word.startswith('"'):
        ph = word.strip('"').split()
        return any(toks[i:i + len(ph)] == ph for i in range(len(toks)))
    want, _, unwanted = word.partition(" NOT ")
    return all(w in toks for w in want.split()) and not any(w in toks for w in unwanted.split())
m = [a for a in docs if matches(a["body"])]
def period(day, unit):
    if unit == "day": return day.isoformat()
    if unit == "month": return day.strftime("%Y-%m")
    if unit == "year": return day.strftime("%Y")
    y, w, _ = day.isocalendar(); return "%04d-W%02d" % (y, w)
if what in ("day", "week", "month", "year"):
    days = [datetime.date.fromisoformat(a["date"]) for a in m if "date" in a]
    lo, hi = min(days), max(days)
    counts = {}
    d = lo
    while d <= hi:
        counts.setdefault(period(d, what), 0); d += datetime.timedelta(days=1)
    for d in days: counts[period(d, what)] += 1
    for k in sorted(counts): print("%s\t%d" % (k, counts[k]))
    und = sum(1 for a in m if "date" not in a)
    if und: print("undated\t%d" % und)
else:
    what = what[len("facet-"):]
    counts = {}
    for a in m:
        if what == "source":
            k = " ".join(a["source"].lower().split()) or "(none)"
        elif "date" not in a: k = "undated"
        else: k = a["date"][:4] if what == "year" else a["date"][:7]
        counts[k] = counts.get(k, 0) + 1
    for k, v in sorted(counts.items(), key=lambda kv: (-kv[1], kv[0])): print("%s\t%d" % (k, v))
