#!/usr/bin/env python3
"""shards.py BUILD_DIR WORK_DIR [--docs N] [--shards S] [--jobs J] -- shards vs one index.

The synthetic archive of scale.py (N articles, default 200000) is cut into S
contiguous parts (default 4), WORK_DIR/sources/part<i>/part<i>.jsonl.gz, and
indexed two ways on this machine:
  - one index of all the sources: nindex -i single.idx sources (nindex uses
    both cores itself: a compression thread and two inverters);
  - one shard per part, J at a time (default 2), as the README shows:
      ls sources | xargs -P J -I{} nindex -i shards/{} sources/{}
Printed: build wall time and CPU time of each way and their ratio; then the
query set of scale.py run with nsbench --bench (in-process, top 10, and top
10 + exact count) on the single index and on the shards searched as one
(-i shards/part0 -i shards/part1 ...), with nsearch's own choice of threads
and with NSEARCH_THREADS=1 and =2 forced: per class median / p95 and the
ratios shards / single.  The threads threshold of searcher/fanout.h is
checked by grouping the queries by the postings of their terms (each term's
document frequency from nsearch -c) and comparing 1 and 2 threads in each
group.  Last, the top 10 of every query (--trec: ids and scores) of the
shards must equal the single index's, byte for byte.
Everything also goes to WORK_DIR/shards.json.
"""
import argparse
import gzip
import json
import os
import re
import resource
import statistics
import subprocess
import sys
import time

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)
from scale import corpus_for  # noqa: E402  (same corpus and query set)
import nsbench_out  # noqa: E402
from nsbench_out import by_class, p95  # noqa: E402


def timed(argv):
    """Runs argv; returns (wall seconds, CPU seconds of it and every process
    it waited for: a shell's xargs and its nindex runs included)."""
    c0 = children_cpu()
    t0 = time.perf_counter()
    subprocess.run(argv, check=True)
    return time.perf_counter() - t0, children_cpu() - c0


def children_cpu():
    ru = resource.getrusage(resource.RUSAGE_CHILDREN)
    return ru.ru_utime + ru.ru_stime


def split_corpus(corpus, work, n_shards, n_docs):
    src = os.path.join(work, "sources")
    done = os.path.join(src, ".done-%d-of-%d" % (n_shards, n_docs))
    if os.path.exists(done):
        return src
    subprocess.run(["rm", "-rf", src], check=True)
    per = (n_docs + n_shards - 1) // n_shards
    outs = []
    for i in range(n_shards):
        os.makedirs(os.path.join(src, "part%d" % i))
        outs.append(gzip.open(os.path.join(src, "part%d" % i, "part%d.jsonl.gz" % i), "wt",
                              encoding="utf-8", compresslevel=1))
    with gzip.open(corpus, "rt", encoding="utf-8") as f:
        for n, line in enumerate(f):
            outs[min(n // per, n_shards - 1)].write(line)
    for o in outs:
        o.close()
    open(done, "w").close()
    return src


def bench(nsbench, idx_args, queries, env_threads=None):
    env = dict(os.environ)
    env.pop("NSEARCH_THREADS", None)
    if env_threads is not None:
        env["NSEARCH_THREADS"] = str(env_threads)
    return nsbench_out.bench(nsbench, idx_args, queries, env=env)


def query_postings(nsearch, idx_args, queries):
    """Sum over each query's words of their document frequency (nsearch -c
    of the word alone: the same analysis, the live documents)."""
    dfs = {}
    out = {}
    for line in open(queries, encoding="utf-8"):
        f = line.rstrip("\n").split("\t")
        if len(f) < 3 or line.startswith("#"):
            continue
        words = [w for w in re.findall(r"[a-z0-9]+", f[2].lower())
                 if w not in ("near", "and", "or", "not")]
        total = 0
        for w in words:
            if w not in dfs:
                r = subprocess.run([nsearch] + idx_args + ["-c", "--", w], capture_output=True,
                                   text=True)
                dfs[w] = int(r.stdout.strip() or 0)
            total += dfs[w]
        out[f[0]] = total
    return out


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("build")
    ap.add_argument("work")
    ap.add_argument("--docs", type=int, default=200000)
    ap.add_argument("--shards", type=int, default=4)
    ap.add_argument("--jobs", type=int, default=2)
    a = ap.parse_args()
    nindex = os.path.join(a.build, "nindex")
    nsearch = os.path.join(a.build, "nsearch")
    nsbench = os.path.join(a.build, "nsbench")  # --bench and --trec, in-process
    os.makedirs(a.work, exist_ok=True)
    corpus, queries, _ = corpus_for(a.work, a.docs)
    src = split_corpus(corpus, a.work, a.shards, a.docs)
    single = os.path.join(a.work, "single.idx")
    shards = os.path.join(a.work, "shards")
    subprocess.run(["rm", "-rf", single, shards], check=True)
    os.makedirs(shards)

    print("shards: one index on 2 cores", file=sys.stderr, flush=True)
    single_wall, single_cpu = timed([nindex, "-q", "-i", single, src])
    print("shards: %d shards, xargs -P %d" % (a.shards, a.jobs), file=sys.stderr, flush=True)
    shards_wall, shards_cpu = timed(["sh", "-c", 'ls "$1" | xargs -P "$2" -I{} "$3" -q -i "$4/{}" "$1/{}"',
                                     "sh", src, str(a.jobs), nindex, shards])
    pieces = []
    for name in sorted(os.listdir(shards)):
        pieces += ["-i", os.path.join(shards, name)]

    print("shards: querying", file=sys.stderr, flush=True)
    runs = {
        "single": bench(nsbench, ["-i", single], queries),
        "shards": bench(nsbench, pieces, queries),
        "shards_1thread": bench(nsbench, pieces, queries, 1),
        "shards_2threads": bench(nsbench, pieces, queries, 2),
    }
    print("shards: postings per query (nsearch -c per word)", file=sys.stderr, flush=True)
    post = query_postings(nsearch, ["-i", single], queries)

    # Same answers: the top 10 of every query, ids and scores.
    t1 = subprocess.run([nsbench, "-i", single, "--trec", queries, "-n", "10"], check=True,
                        capture_output=True).stdout
    t2 = subprocess.run([nsbench] + pieces + ["--trec", queries, "-n", "10"], check=True,
                        capture_output=True).stdout

    print("== %d shards (xargs -P %d) vs one index, %d synthetic articles" %
          (a.shards, a.jobs, a.docs))
    print("build: one index %.1f s wall, %.1f s CPU; shards %.1f s wall, %.1f s CPU; "
          "wall ratio shards/one %.2f" % (single_wall, single_cpu, shards_wall, shards_cpu,
                                          shards_wall / single_wall))
    print("same top 10 (ids and scores, --trec): %s (%d lines)" %
          ("yes" if t1 == t2 else "NO", t1.count(b"\n")))
    cls = {k: by_class(v) for k, v in runs.items()}
    print("latency (us, in-process, median / p95): top-10 | top-10 + count; "
          "ratio = shards / one (medians)")
    print("%-10s %24s %24s %24s %24s %12s" % ("class", "one index", "shards", "shards 1 thread",
                                               "shards 2 threads", "ratio"))
    for c in cls["single"]:
        cells = []
        for k in ("single", "shards", "shards_1thread", "shards_2threads"):
            v = cls[k].get(c, [])
            t = [x[0] for x in v]
            u = [x[1] for x in v]
            cells.append("%.0f/%.0f | %.0f/%.0f" % (statistics.median(t), p95(t),
                                                    statistics.median(u), p95(u)))
        r = statistics.median([x[0] for x in cls["shards"][c]]) / max(
            1e-9, statistics.median([x[0] for x in cls["single"][c]]))
        print("%-10s %24s %24s %24s %24s %12.2f" % (c, *cells, r))
    print("threads by postings of the query (median us top-10, 1 thread -> 2 threads):")
    buckets = [(0, 20000), (20000, 100000), (100000, 200000), (200000, 500000),
               (500000, 10 ** 12)]
    rows = []
    for lo, hi in buckets:
        qs = [q for q, n in post.items() if lo <= n < hi and q in runs["shards_1thread"]]
        if not qs:
            continue
        one = statistics.median(runs["shards_1thread"][q][1] for q in qs)
        two = statistics.median(runs["shards_2threads"][q][1] for q in qs)
        rows.append({"lo": lo, "hi": hi, "n": len(qs), "one": one, "two": two})
        print("  %7d..%-12d %4d queries %9.0f -> %9.0f  (%.2f)" % (lo, hi, len(qs), one, two,
                                                                   two / one))
    with open(os.path.join(a.work, "shards.json"), "w") as f:
        json.dump({"single_wall": single_wall, "shards_wall": shards_wall,
                   "single_cpu": single_cpu, "shards_cpu": shards_cpu, "same_top10": t1 == t2,
                   "runs": runs, "postings": post, "buckets": rows}, f, indent=1)


if __name__ == "__main__":
    main()
