# storygen.py FILE SEED N -- writes N stories of 1 to 4 copies each as JSON
# Lines: copies share the body (the story), each with its own date a few
# days apart (some undated) and source.  Every article has the word
# "quake".  Not a case.
import datetime, json, random, sys
path, seed, n = sys.argv[1], int(sys.argv[2]), int(sys.argv[3])
rnd = random.Random(seed)
vocab = ["w%03d" % i for i in range(900)]
sources = ["Reuters", "Associated Press", "BBC News", "Al Jazeera", ""]
k = 0
with open(path, "w") as f:
    for s in range(n):
        body = "quake " + " ".join(rnd.choice(vocab) for _ in range(40))
        day0 = datetime.date(2024, 1, 1) + datetime.timedelta(days=rnd.randrange(900))
        for c in range(rnd.randint(1, 4)):
            a = {"id": "s%d-%d" % (s, c), "title": "story %d" % s, "body": body,
                 "source": rnd.choice(sources)}
            if rnd.random() > 0.15:
                a["date"] = (day0 + datetime.timedelta(days=rnd.randrange(40))).isoformat()
            f.write(json.dumps(a) + "\n")
            k += 1
