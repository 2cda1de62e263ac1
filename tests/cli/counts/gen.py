# gen.py DIR SEED N -- writes DIR/a.jsonl of N articles with random dates
# (some undated), sources and words; prints nothing.  Not a case.
import json, random, sys
d, seed, n = sys.argv[1], int(sys.argv[2]), int(sys.argv[3])
rnd = random.Random(seed)
sources = ["Reuters", "Associated Press", "BBC News", "Al Jazeera", "Press Associated", ""]
words = "iran oil vote storm market court".split()
with open(d + "/a.jsonl", "w") as f:
    for i in range(n):
        a = {"id": "n%d" % i, "title": "t %d" % i,
             "source": rnd.choice(sources),
             "body": " ".join(rnd.choice(words) for _ in range(rnd.randint(1, 4)))}
        if rnd.random() < 0.02:
            a["body"] += " comet"  # rare: counted from the doc table
        if rnd.random() > 0.05:
            y = rnd.choice([2024, 2025, 2025, 2026])
            a["date"] = "%04d-%02d-%02d" % (y, rnd.randint(1, 12), rnd.randint(1, 28))
        f.write(json.dumps(a) + "\n")
