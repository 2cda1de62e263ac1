#!/usr/bin/env python3
"""report.py WORKDIR BUILD_DIR CORPUS -- ratios of nsearch to its peers.

Reads WORKDIR/summary.json (written by ../shared/bench/compare.py) and prints,
for every row of the comparison, nsearch's value and its ratio to Xapian and
to SQLite FTS5 from the same run (ratio < 1: nsearch is better).  Adds what
compare.py does not measure:
  - index size without the stored article text (the .nsp files only);
  - peak resident memory of nindex (getrusage of a fresh build);
  - the wall time of one whole nsearch process per query (start, open,
    search, print top 10 as tsv), minus the cost of starting /bin/true the
    same way, so it is what a shell user pays.
"""
import json
import os
import resource
import shutil
import statistics
import subprocess
import sys
import time


def ratio(a, b):
    if a is None or b in (None, 0):
        return "-"
    return "%.2f" % (a / b)


def main():
    work, build, corpus = sys.argv[1:4]
    s = json.load(open(os.path.join(work, "summary.json")))
    text = s["corpus"]["text_bytes"]
    idx = s["index"]
    names = list(idx)
    print("== nsearch vs peers (%s, %d docs, %.1f MB text): ratio < 1 means nsearch is better"
          % (os.path.basename(corpus), s["corpus"]["docs"], text / 1e6))
    print("%-28s %12s %12s %12s %10s %10s" % ("row", "nsearch", "xapian", "fts5", "ns/xap", "ns/fts5"))

    def row(label, vals, fmt="%.1f"):
        n, x, f = (vals.get(k) for k in ("nsearch", "xapian", "fts5"))
        show = lambda v: "-" if v is None else fmt % v
        print("%-28s %12s %12s %12s %10s %10s" % (label, show(n), show(x), show(f), ratio(n, x), ratio(n, f)))

    row("index time (s)", {k: idx[k]["wall_s"] for k in names}, "%.2f")
    row("index size (% of text)", {k: 100.0 * idx[k]["index_bytes"] / text for k in names})
    nsp = sum(os.path.getsize(os.path.join(work, "nsearch.idx", f))
              for f in os.listdir(os.path.join(work, "nsearch.idx")) if f.endswith(".nsp"))
    row("  without stored text (%)", {"nsearch": 100.0 * nsp / text,
                                      "xapian": 100.0 * idx["xapian"]["index_bytes"] / text,
                                      "fts5": 100.0 * idx["fts5"]["index_bytes"] / text})
    for col, title in (("us_top", "top-10"), ("us_full", "top-10+count")):
        lat = s["latency"]
        classes = list(lat["nsearch"][col])
        for c in classes:
            for stat in ("median", "p95"):
                row("%s %s %s (us)" % (title, c, stat),
                    {k: lat[k][col][c][stat] for k in names if c in lat[k][col]})

    # Peak memory of a fresh build.
    tmp = os.path.join(work, "rss.idx")
    shutil.rmtree(tmp, ignore_errors=True)
    before = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    subprocess.run([os.path.join(build, "nindex"), "-q", "-i", tmp, corpus], check=True)
    peak = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    print("nindex peak RSS: %.1f MB%s" % (peak / 1024.0, "" if peak > before else " (at most)"))

    # One process per query, as typed in a shell.
    queries = [l.rstrip("\n").split("\t") for l in open(os.path.join(work, "queries.tsv"))
               if l.strip() and not l.startswith("#")]
    nsearch = os.path.join(build, "nsearch")
    index = os.path.join(work, "nsearch.idx")

    def wall(argv):
        t0 = time.perf_counter()
        subprocess.run(argv, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        return time.perf_counter() - t0

    base = statistics.median(wall(["/bin/true"]) for _ in range(50))
    times = []
    for q in queries:
        anyflag = ["--any"] if q[1] == "or" or (q[1].startswith("or") and not q[1][2:3].isalpha()) else []
        times.append(wall([nsearch, "-i", index, "--format", "tsv", "-n", "10"] + anyflag + [q[2]]))
    times.sort()
    med = statistics.median(times)
    p95 = times[max(0, int(0.95 * len(times)) - 1)]
    print("one nsearch process per query (%d queries): median %.2f ms, p95 %.2f ms wall; "
          "minus process start (/bin/true %.2f ms): median %.2f ms"
          % (len(times), med * 1e3, p95 * 1e3, base * 1e3, (med - base) * 1e3))


if __name__ == "__main__":
    main()
