#!/usr/bin/env python3
"""counts_same.py NSEARCH_A NSEARCH_B INDEX QUERYFILE [MAX]

Whether two nsearch builds count alike: for each query (one a line, or the
third field of a queries TSV such as bench's; '#' lines skipped; at most
MAX of them, spread over the file), every --timeline unit, --facet year|month|source and -c,
each without collapsing, with --collapse=story and (for -c) with
--collapse=dups, outputs and exit statuses compared byte for byte.  Prints
one line per difference and a summary; exit 1 if any differed.  For a
change to the count paths (colcount.c, storytab.c): run it before/after on
the 1M index and a small one."""
import subprocess, sys

a, b, idx, qfile = sys.argv[1:5]
most = int(sys.argv[5]) if len(sys.argv) > 5 else 10 ** 9
queries = []
for line in open(qfile):
    if line.startswith("#") or not line.strip():
        continue
    f = line.rstrip("\n").split("\t")
    queries.append(f[2] if len(f) >= 3 else f[0])
if len(queries) > most:	# spread over the file (its classes)
    queries = [queries[i * len(queries) // most] for i in range(most)]
views = [["--timeline=%s" % u] for u in ("day", "week", "month", "year")] + \
        [["--timeline"]] + [["--facet", f] for f in ("year", "month", "source")] + [["-c"]]
same = diff = 0
for q in queries:
    for v in views:
        for c in (["--collapse=none"], ["--collapse=story"], ["--collapse=dups"]):
            if c == ["--collapse=dups"] and v != ["-c"]:
                continue	# counts are of articles or stories
            args = ["-i", idx] + c + v + ["--", q]
            ra = subprocess.run([a] + args, capture_output=True)
            rb = subprocess.run([b] + args, capture_output=True)
            if (ra.returncode, ra.stdout) == (rb.returncode, rb.stdout):
                same += 1
            else:
                diff += 1
                print("DIFF %s: %d/%d" % (" ".join(c + v + [repr(q)]), ra.returncode,
                                            rb.returncode), flush=True)
print("%d queries, %d outputs the same, %d differ" % (len(queries), same, diff))
sys.exit(1 if diff else 0)
