# gen.py DIR SEED N [FILE [NOVA]] -- writes DIR/FILE (default a.jsonl) of N
# articles with random dates (some undated), sources and words; prints
# nothing.  NOVA: how many of the first articles get the word nova (all
# when "all", default 0).  Not a case.
import json, random, sys
d, seed, n = sys.argv[1], int(sys.argv[2]), int(sys.argv[3])
name = sys.argv[4] if len(sys.argv) > 4 else "a.jsonl"
nova = sys.argv[5] if len(sys.argv) > 5 else "0"
nova = n if nova == "all" else int(nova)
rnd = random.Random(seed)
sources = ["Reuters", "Associated Press", "BBC News", "Al Jazeera", "Press Associated", ""]
words = "iran oil vote storm market court".split()
with open(d + "/" + name, "w") as f:
    for i in range(n):
        a = {"id": "%s%d" % (name[0], i), "title": "t %d" % i,
             "source": rnd.choice(sources),
             "body": " ".join(rnd.choice(words) for _ in range(rnd.randint(1, 4)))}
        if rnd.random() < 0.02:
            a["body"] += " comet"  # rare
        if i < nova:
            a["body"] += " nova"
        if rnd.random() > 0.05:
            y = rnd.choice([2024, 2025, 2025, 2026])
            a["date"] = "%04d-%02d-%02d" % (y, rnd.randint(1, 12), rnd.randint(1, 28))
        f.write(json.dumps(a) + "\n")
