# storyexpect.py FILE TSV UNIT|facet-FIELD -- the story counts nsearch must
# print with --collapse=story, computed from the JSON Lines (dates,
# sources) and the story of each matching article (TSV: nsearch --format
# tsv --collapse=none, id in field 3, story in field 7).  A story counts
# once, in the period of its earliest dated matching article (undated when
# none has a date); by source once per source among its articles.  Not a
# case.
import datetime, json, sys
path, tsv, what = sys.argv[1:4]
docs = {a["id"]: a for a in map(json.loads, open(path))}
story = {}
for line in open(tsv):
    f = line.rstrip("\n").split("\t")
    story[f[2]] = f[6]
members = {}
for i, s in story.items():
    members.setdefault(s, []).append(docs[i])
def period(day, unit):
    if unit == "day": return day.isoformat()
    if unit == "month": return day.strftime("%Y-%m")
    if unit == "year": return day.strftime("%Y")
    y, w, _ = day.isocalendar(); return "%04d-W%02d" % (y, w)
def earliest(arts):
    days = [datetime.date.fromisoformat(a["date"]) for a in arts if "date" in a]
    return min(days) if days else None
if what in ("day", "week", "month", "year"):
    first = [earliest(m) for m in members.values()]
    days = [d for d in first if d]
    counts, d = {}, min(days)
    while d <= max(days):
        counts.setdefault(period(d, what), 0); d += datetime.timedelta(days=1)
    for d in days: counts[period(d, what)] += 1
    for k in sorted(counts): print("%s\t%d" % (k, counts[k]))
    und = sum(1 for d in first if not d)
    if und: print("undated\t%d" % und)
else:
    what = what[len("facet-"):]
    counts = {}
    for m in members.values():
        if what == "source":
            keys = {" ".join(a["source"].lower().split()) or "(none)" for a in m}
        else:
            d = earliest(m)
            keys = {"undated" if not d else d.isoformat()[:4 if what == "year" else 7]}
        for k in keys: counts[k] = counts.get(k, 0) + 1
    for k, v in sorted(counts.items(), key=lambda kv: (-kv[1], kv[0])): print("%s\t%d" % (k, v))
