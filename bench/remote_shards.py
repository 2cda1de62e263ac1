#!/usr/bin/env python3
"""remote_shards.py NSEARCH QUERIES SHARD... -- the cost of searching shards
on other machines, measured on loopback (see doc/shards.md).

No sshd runs on the machine this was written on, so "another machine" is a
local process started through a pipe, as ssh would start one: REMOTE, by
default "sh -c", prefixes every remote command (REMOTE="ssh host" to try a
real one).  For each query of QUERIES (qid<TAB>class<TAB>query, the first
--limit of them) three ways are timed, wall clock, best of --repeat:

  local     one process: nsearch -i SHARD1 -i SHARD2 ... -n 10 QUERY
  round 1   statistics: per shard, in parallel, one remote command printing
            the shard's live documents and words (nsearch --stats) and the
            document frequency of each query word (nsearch -c WORD); the
            coordinator sums them (the exact global statistics)
  round 1'  the same with the totals cached (they change only with a shard's
            generation): one nsearch -c per word
  empty     the transport alone: REMOTE true on every shard in parallel
  round 2   top k: per shard, in parallel, nsearch -n 10 QUERY; the
            coordinator merges the lists by score (then shard, then rank)

Round 2 here scores with each shard's own statistics: nsearch has no option
yet to take the global ones from round 1 (doc/shards.md, next steps), so
this measures the protocol's cost, not its answers.  Printed: the median
and p95 per way, and the ratio of the two rounds to the local search.
"""
import os
import re
import shlex
import statistics
import subprocess
import sys
import time
from concurrent.futures import ThreadPoolExecutor

REMOTE = shlex.split(os.environ.get("REMOTE", "sh -c"))


def remote(cmd):
    """Runs cmd (a shell command line) "remotely"; returns its stdout."""
    return subprocess.run(REMOTE + [cmd], check=False, capture_output=True, text=True).stdout


def round1(nsearch, shard, words, with_totals=True):
    """One remote command per shard: its totals (nsearch --stats, which also
    walks every dictionary) unless cached, then one nsearch -c per word."""
    cmd = "%s -i %s --stats | grep -E '^(docs|words)='" % (shlex.quote(nsearch),
                                                          shlex.quote(shard))
    if not with_totals:
        cmd = "echo docs=1"
    for w in words:
        cmd += "; %s -i %s -c -- %s" % (shlex.quote(nsearch), shlex.quote(shard), shlex.quote(w))
    return remote(cmd)


def round2(nsearch, shard, query):
    cmd = "%s -i %s --format tsv -n 10 -- %s" % (shlex.quote(nsearch), shlex.quote(shard),
                                                 shlex.quote(query))
    return remote(cmd)


def p95(v):
    v = sorted(v)
    return v[max(0, int(0.95 * len(v)) - 1)]


def main():
    args = [a for a in sys.argv[1:] if not a.startswith("--")]
    opts = dict(a[2:].split("=", 1) for a in sys.argv[1:] if a.startswith("--"))
    limit = int(opts.get("limit", 60))
    repeat = int(opts.get("repeat", 3))
    nsearch, queries, shards = args[0], args[1], args[2:]
    qs = []
    for line in open(queries, encoding="utf-8"):
        f = line.rstrip("\n").split("\t")
        if len(f) >= 3 and not line.startswith("#"):
            qs.append(f[2])
    # an even spread over the classes (the file lists them class by class)
    step = max(1, len(qs) // limit)
    qs = qs[::step][:limit]
    pool = ThreadPoolExecutor(max_workers=len(shards))
    local, r1, r1c, r2, both, empty = [], [], [], [], [], []
    for q in qs:
        words = [w for w in re.findall(r"[a-z0-9]+", q.lower())
                 if w not in ("near", "and", "or", "not")]
        best = [1e9, 1e9, 1e9, 1e9, 1e9]
        for _ in range(repeat):
            t0 = time.perf_counter()
            argv = [nsearch]
            for s in shards:
                argv += ["-i", s]
            subprocess.run(argv + ["--format", "tsv", "-n", "10", "--", q], capture_output=True)
            t1 = time.perf_counter()
            stats = list(pool.map(lambda s: round1(nsearch, s, words), shards))
            n_docs = sum(int(m) for out in stats for m in re.findall(r"^docs=(\d+)", out, re.M))
            assert n_docs > 0
            t2 = time.perf_counter()
            lists = list(pool.map(lambda s: round2(nsearch, s, q), shards))
            hits = []
            for si, out in enumerate(lists):
                for line in out.splitlines():
                    f = line.split("\t")
                    hits.append((-float(f[1]), si, int(f[0]), f[2]))
            hits.sort()
            del hits[10:]
            t3 = time.perf_counter()
            list(pool.map(lambda s: round1(nsearch, s, words, False), shards))
            t4 = time.perf_counter()
            list(pool.map(lambda s: remote("true"), shards))
            t5 = time.perf_counter()
            best = [min(best[0], t1 - t0), min(best[1], t2 - t1), min(best[2], t3 - t2),
                    min(best[3], t4 - t3), min(best[4], t5 - t4)]
        local.append(best[0] * 1e3)
        r1.append(best[1] * 1e3)
        r2.append(best[2] * 1e3)
        r1c.append(best[3] * 1e3)
        empty.append(best[4] * 1e3)
        both.append((best[1] + best[2]) * 1e3)
    print("== %d shards over %s, %d queries, best of %d, ms wall (median / p95)" %
          (len(shards), " ".join(REMOTE), len(qs), repeat))
    for name, v in (("local -i ... (one process)", local), ("round 1: statistics", r1),
                    ("round 1, totals cached", r1c), ("round 2: top 10", r2),
                    ("both rounds", both), ("an empty round (true)", empty)):
        print("%-28s %8.1f / %8.1f" % (name, statistics.median(v), p95(v)))
    print("both rounds / local: %.2f (medians)" % (statistics.median(both) /
                                                   statistics.median(local)))


if __name__ == "__main__":
    main()
