#!/usr/bin/env python3
"""eval.py EVAL_DIR SHARED COLLECTION... -- the ranking-quality table.

For each collection: MAP and nDCG@10 of Xapian, FTS5 (from compare.py's
summary.json) and nsearch (default ranking, plus each variant run file
nsearch-<variant>.run found in the collection's directory, scored with the
harness's treceval.py, trec_eval -c semantics).  Then the mean over the
collections and nsearch's ratio to the best peer's mean.
"""
import glob
import json
import os
import sys


def main():
    root, shared, colls = sys.argv[1], sys.argv[2], sys.argv[3:]
    sys.path.insert(0, os.path.join(shared, "bench"))
    import treceval

    rows = {}
    for c in colls:
        work = os.path.join(root, c)
        s = json.load(open(os.path.join(work, "summary.json")))
        for eng, m in s["quality"].items():
            rows.setdefault(eng, {})[c] = (m["map"], m["ndcg_cut_10"])
        qrels = treceval.read_qrels(os.path.join(shared, "data", c, "qrels.txt"))
        for run in sorted(glob.glob(os.path.join(work, "nsearch-*.run"))):
            name = "nsearch " + os.path.basename(run)[len("nsearch-"):-len(".run")]
            _, mean, _ = treceval.evaluate(qrels, treceval.read_run(run), complete=True)
            rows.setdefault(name, {})[c] = (mean["map"], mean["ndcg_cut_10"])

    def mean(eng, i):
        v = [rows[eng][c][i] for c in colls if c in rows[eng]]
        return sum(v) / len(v) if len(v) == len(colls) else None

    peers = [e for e in ("xapian", "fts5") if e in rows]
    best = max(mean(e, 0) for e in peers)
    print("== Ranking quality, topics as OR queries: MAP / nDCG@10 (trec_eval -c)")
    print("%-16s" % "engine" + "".join("%15s" % c for c in colls) + "%15s %9s" % ("mean", "/best"))
    for eng in list(peers) + [e for e in rows if e not in peers]:
        line = "%-16s" % eng
        for c in colls:
            m = rows[eng].get(c)
            line += "%15s" % ("%.4f/%.4f" % m if m else "-")
        mm, mn = mean(eng, 0), mean(eng, 1)
        line += "%15s %9s" % ("%.4f/%.4f" % (mm, mn) if mm is not None else "-",
                              "%.3f" % (mm / best) if mm is not None else "-")
        print(line)
    # Where nsearch is below the best peer, say so.
    for eng in [e for e in rows if e.startswith("nsearch")]:
        for c in colls:
            if c not in rows[eng]:
                continue
            bm = max(rows[p][c][0] for p in peers)
            bn = max(rows[p][c][1] for p in peers)
            if rows[eng][c][0] < bm or rows[eng][c][1] < bn:
                print("note: %s below the best peer on %s (MAP %.4f vs %.4f, nDCG@10 %.4f vs %.4f)"
                      % (eng, c, rows[eng][c][0], bm, rows[eng][c][1], bn))


if __name__ == "__main__":
    main()
