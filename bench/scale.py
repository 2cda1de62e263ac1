#!/usr/bin/env python3
"""scale.py BUILD_DIR WORK_DIR [SIZE...] -- how nsearch grows with the archive.

For each size (default 100000 and 1000000 articles) a synthetic news archive
is generated once with ../shared/bench/synth_corpus.py (kept in WORK_DIR,
reused by later runs), with its query set from ../shared/bench/gen_queries.py;
then nindex builds a fresh index of it with its default --memory, and
nsbench --bench runs the queries.  Printed per size: build time (wall, and
articles/s), index size (all files, and the postings .nsp alone, each also as
% of the title+body text), nindex's peak RSS (getrusage of the child, so
ru_maxrss is that process's own; it counts the page cache mapped for the
per-document tables, diskarr.h) and its peak anonymous memory (RssAnon
sampled every second: what --memory bounds), then per query class the median and p95
of the in-process latency (top 10 by score, and top 10 + exact count).
Then the cost of --timeline and --facet (source, year), also counting
stories (--collapse=story: --timeline, --facet source and -c), against -c
of the same query (goal: at most
1.5x), as ratios of the median of 7 whole runs, and with SCALE_CALLGRIND=1
also as ratios of callgrind instruction counts (machine-independent; each
run under valgrind).
Everything also goes to WORK_DIR/scale.json.

The Makefile's SCALE_10M=1 adds the 10M step (15 GB of text: about an hour
to generate, hours to build on two shared cores; never in CI).  A corpus
generated before is taken from SCALE_CORPORA=DIR (synthN.jsonl.gz there,
read only) instead of generating it; SCALE_MEMORY=SIZE is passed to nindex
as --memory (default: nindex's own, 256M).
"""
import gzip
import json
import os
import statistics
import subprocess
import sys
import threading
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import nsbench_out  # noqa: E402
from nsbench_out import by_class, p95  # noqa: E402

HERE = os.path.dirname(os.path.abspath(__file__))
SHARED = os.environ.get("SHARED", os.path.join(HERE, "..", "..", "shared"))


def anon_kb(pid):
    """RssAnon of pid in KB, or 0."""
    try:
        with open("/proc/%d/status" % pid) as f:
            for line in f:
                if line.startswith("RssAnon:"):
                    return int(line.split()[1])
    except OSError:
        pass
    return 0


def run_child(argv, peak=None, **kw):
    """Runs argv; returns (seconds, rusage) of that child alone.  peak: a
    dict whose "anon_kb" gets the child's largest RssAnon, sampled every
    second."""
    t0 = time.perf_counter()
    p = subprocess.Popen(argv, **kw)
    done = threading.Event()

    def sample():
        while not done.wait(1.0):
            peak["anon_kb"] = max(peak.get("anon_kb", 0), anon_kb(p.pid))
    sampler = threading.Thread(target=sample) if peak is not None else None
    if sampler:
        sampler.start()
    _, status, ru = os.wait4(p.pid, 0)
    done.set()
    if sampler:
        sampler.join()
    secs = time.perf_counter() - t0
    p.returncode = os.waitstatus_to_exitcode(status)
    if p.returncode != 0:
        sys.exit("scale: %s failed with status %d" % (argv[0], p.returncode))
    return secs, ru


def text_bytes(corpus):
    n = 0
    with gzip.open(corpus, "rt", encoding="utf-8") as f:
        for line in f:
            d = json.loads(line)
            n += len((d.get("title") or "").encode()) + len((d.get("body") or "").encode())
    return n


def corpus_for(work, size):
    corpus = os.path.join(work, "synth%d.jsonl.gz" % size)
    given = os.environ.get("SCALE_CORPORA")
    if given and os.path.exists(os.path.join(given, "synth%d.jsonl.gz" % size)):
        corpus = os.path.join(given, "synth%d.jsonl.gz" % size)
    if not os.path.exists(corpus):
        print("scale: generating %d articles -> %s" % (size, corpus), file=sys.stderr, flush=True)
        tmp = corpus + ".tmp.jsonl.gz"
        subprocess.run([sys.executable, os.path.join(SHARED, "bench", "synth_corpus.py"),
                        "--docs", str(size), "--out", tmp], check=True)
        os.rename(tmp, corpus)
    queries = os.path.join(work, "synth%d.queries.tsv" % size)
    if not os.path.exists(queries):
        subprocess.run([sys.executable, os.path.join(SHARED, "bench", "gen_queries.py"), corpus,
                        "--sample", "20000", "-o", queries], check=True,
                       stdout=subprocess.DEVNULL)
    meta = os.path.join(work, "synth%d.text_bytes" % size)
    if not os.path.exists(meta):
        with open(meta, "w") as f:
            f.write(str(text_bytes(corpus)))
    return corpus, queries, int(open(meta).read())


COUNT_QUERIES = ["said", "oil", "bank rates", "president"]


def counts_ratios(nsearch, idx):
    """Median wall time of -c, --timeline, --facet year/source (and the
    last two and -c counting stories: --collapse=story) per query; returns {query: {"matches": n,
    "count_ms": t, "timeline": ratio, ...}}."""
    def med(args):
        ts = []
        for _ in range(7):
            t0 = time.perf_counter()
            subprocess.run([nsearch, "-i", idx] + args, stdout=subprocess.DEVNULL, check=False)
            ts.append(time.perf_counter() - t0)
        return statistics.median(ts)
    out = {}
    for q in COUNT_QUERIES:
        c = med(["-c", q])
        n = subprocess.run([nsearch, "-i", idx, "-c", q], capture_output=True,
                           text=True).stdout.strip()
        out[q] = {"matches": int(n or 0), "count_ms": c * 1000,
                  "timeline": med(["--timeline", q]) / c,
                  "facet_year": med(["--facet", "year", q]) / c,
                  "facet_source": med(["--facet", "source", q]) / c,
                  "story_timeline": med(["--collapse=story", "--timeline", q]) / c,
                  "story_source": med(["--collapse=story", "--facet", "source", q]) / c,
                  "story_count": med(["--collapse=story", "-c", q]) / c}
    return out


def instructions(argv):
    """Instructions the run of argv executes (callgrind), or None."""
    out = os.path.join("/tmp", "scale-callgrind.%d.out" % os.getpid())
    p = subprocess.run(["valgrind", "--tool=callgrind", "--callgrind-out-file=" + out] + argv,
                       stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    if os.path.exists(out):
        os.unlink(out)
    for line in p.stderr.splitlines():
        if "Collected :" in line:
            return int(line.split(":")[-1])
    return None


def counts_instructions(nsearch, idx):
    """With SCALE_CALLGRIND=1: the same ratios in instructions (callgrind),
    which a busy machine does not disturb."""
    out = {}
    for q in COUNT_QUERIES:
        c = instructions([nsearch, "-i", idx, "-c", q])
        if not c:
            return {}
        out[q] = {"count_instr": c}
        for key, args in (("timeline", ["--timeline"]), ("facet_year", ["--facet", "year"]),
                          ("facet_source", ["--facet", "source"]),
                          ("story_timeline", ["--collapse=story", "--timeline"]),
                          ("story_source", ["--collapse=story", "--facet", "source"]),
                          ("story_count", ["--collapse=story", "-c"])):
            n = instructions([nsearch, "-i", idx] + args + [q])
            out[q][key] = n / c if n else float("nan")
    return out


def main():
    build, work = sys.argv[1:3]
    sizes = [int(s) for s in sys.argv[3:]] or [100000, 1000000]
    os.makedirs(work, exist_ok=True)
    rows = []
    for size in sizes:
        corpus, queries, text = corpus_for(work, size)
        idx = os.path.join(work, "synth%d.idx" % size)
        subprocess.run(["rm", "-rf", idx], check=True)
        print("scale: indexing %d articles" % size, file=sys.stderr, flush=True)
        mem = ["--memory", os.environ["SCALE_MEMORY"]] if os.environ.get("SCALE_MEMORY") else []
        peak = {}
        secs, ru = run_child([os.path.join(build, "nindex"), "-q"] + mem + ["-i", idx, corpus],
                             peak=peak)
        files = [os.path.join(idx, f) for f in os.listdir(idx)]
        total = sum(os.path.getsize(f) for f in files if os.path.isfile(f))
        nsp = sum(os.path.getsize(f) for f in files if f.endswith(".nsp"))
        print("scale: querying", file=sys.stderr, flush=True)
        lat = by_class(nsbench_out.bench(os.path.join(build, "nsbench"), ["-i", idx], queries))
        ratios = counts_ratios(os.path.join(build, "nsearch"), idx)
        instr = counts_instructions(os.path.join(build, "nsearch"), idx) \
            if os.environ.get("SCALE_CALLGRIND") == "1" else {}
        rows.append({"docs": size, "build_s": secs, "index_bytes": total, "nsp_bytes": nsp,
                     "text_bytes": text, "peak_rss_kb": ru.ru_maxrss,
                     "peak_anon_kb": peak.get("anon_kb", 0),
                     "cpu_s": ru.ru_utime + ru.ru_stime, "latency": lat,
                     "counts": ratios, "counts_instr": instr})

    print("== nsearch at scale (synthetic news, ../shared/bench/synth_corpus.py)")
    print("%9s %9s %9s %9s %10s %7s %10s %7s %12s %12s" % (
        "docs", "build_s", "cpu_s", "docs/s", "index_MB", "%text", "nsp_MB", "%text",
        "peak_RSS_MB", "peak_anon_MB"))
    for r in rows:
        print("%9d %9.1f %9.1f %9.0f %10.1f %6.1f%% %10.1f %6.1f%% %12.1f %12.1f" % (
            r["docs"], r["build_s"], r["cpu_s"], r["docs"] / r["build_s"],
            r["index_bytes"] / 1e6,
            100.0 * r["index_bytes"] / r["text_bytes"], r["nsp_bytes"] / 1e6,
            100.0 * r["nsp_bytes"] / r["text_bytes"], r["peak_rss_kb"] / 1024.0,
            r["peak_anon_kb"] / 1024.0))
    print("latency (us, in-process, median / p95 over the class): top-10 | top-10 + count")
    classes = list(rows[0]["latency"]) if rows else []
    print("%-10s" % "class" + "".join("%28s" % ("%d docs" % r["docs"]) for r in rows))
    for c in classes:
        cells = []
        for r in rows:
            v = r["latency"].get(c, [])
            if not v:
                cells.append("%28s" % "-")
                continue
            t = [x[0] for x in v]
            u = [x[1] for x in v]
            cells.append("%28s" % ("%.0f/%.0f | %.0f/%.0f" % (statistics.median(t), p95(t),
                                                             statistics.median(u), p95(u))))
        print("%-10s" % c + "".join(cells))
    print("--timeline / --facet cost as a multiple of -c of the same query (goal <= 1.5)")
    for r in rows:
        for q, v in r["counts"].items():
            print("%9d %-12s %8d matches  -c %6.1f ms  timeline %.2fx  facet year %.2fx  "
                  "facet source %.2fx  (stories: timeline %.2fx  facet source %.2fx  "
                  "-c %.2fx)" % (
                      r["docs"], q, v["matches"], v["count_ms"], v["timeline"],
                      v["facet_year"], v["facet_source"], v["story_timeline"],
                      v["story_source"], v["story_count"]))
    if any(r.get("counts_instr") for r in rows):
        print("the same in instructions (callgrind, SCALE_CALLGRIND=1)")
        for r in rows:
            for q, v in r.get("counts_instr", {}).items():
                print("%9d %-12s -c %12d instr  timeline %.2fx  facet year %.2fx  "
                      "facet source %.2fx  (stories: timeline %.2fx  facet source %.2fx  "
                      "-c %.2fx)" % (
                          r["docs"], q, v["count_instr"], v["timeline"], v["facet_year"],
                          v["facet_source"], v["story_timeline"], v["story_source"],
                          v["story_count"]))
    with open(os.path.join(work, "scale.json"), "w") as f:
        json.dump(rows, f, indent=1)


if __name__ == "__main__":
    main()
