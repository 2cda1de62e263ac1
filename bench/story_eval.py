#!/usr/bin/env python3
# SPDX-License-Identifier: MIT
"""story_eval.py -- how well nindex groups articles into stories.

    story_eval.py BUILD_DIR LABELLED.jsonl.gz [--runs N] [--sanity CORPUS.jsonl.gz ...]

LABELLED: articles with a "story" label (../shared/data/uci_stories).  Both
groupings are scored against the labels with pairwise precision, recall and
F1 (over the pairs of articles put in one story) and B-cubed precision,
recall and F1 (per article: the share of its story that is in its labelled
story, and the share of its labelled story that is in its story):

- nsearch: the stories nindex gives (nsearch --all --format json);
- baseline: plain tf-idf cosine with single link, the method the issue
  compares with: lowercased words (letters and digits) without English
  function words, weights (1 + ln tf) * ln(N / df) over title and body,
  cosine of the vectors, and every pair at or above a threshold joined
  (transitively).  The threshold is swept and the best (by pairwise F1) is
  reported with the sweep: tuned on the very set it is scored on, so the
  baseline is at its best.  The baseline compares all pairs (through an
  inverted index): fine for an evaluation, not for an index.

--runs N: the labelled set is also indexed by N updates, each adding the
next part of it (as cron runs would), and scored the same way.

--sanity CORPUS (unlabelled, e.g. bbc_news): what the stories look like
where the truth is not known: the number of stories, the largest one, how
many have more than 20 articles, and whether exact copies (the same body,
case and spacing ignored) share a story.

Needs nothing but python3; the corpora are read, never changed.
"""
import argparse
import gzip
import json
import math
import os
import re
import shutil
import subprocess
import sys
import tempfile
from collections import Counter, defaultdict

STOP = set("""a about above after again against all also am an and any are as at be
because been before being below between both but by can could did do does doing down
during each few for from further had has have having he her here hers herself him
himself his how i if in into is it its itself just may me might more most must my
myself no nor not now of off on once one only or other our ours ourselves out over own
per said same say says shall she should so some such than that the their theirs them
themselves then there these they this those through thus to too two under until up
upon us very via was we were what when where which while who whom why will with within
without would yet you your yours yourself yourselves""".split())


def read_jsonl(path):
    op = gzip.open if path.endswith(".gz") else open
    with op(path, "rt", encoding="utf-8") as f:
        for line in f:
            line = line.strip()
            if line:
                yield json.loads(line)


def words(text):
    return [w for w in re.findall(r"[a-z0-9]+", text.lower()) if w not in STOP]


# ---- scores ----

def c2(n):
    return n * (n - 1) // 2


def scores(pred, gold):
    """pred, gold: dict article -> cluster.  Pairwise and B-cubed P/R/F1."""
    ids = [i for i in gold if i in pred]
    cell = Counter((pred[i], gold[i]) for i in ids)
    psize = Counter(pred[i] for i in ids)
    gsize = Counter(gold[i] for i in ids)
    tp = sum(c2(n) for n in cell.values())
    pp = sum(c2(n) for n in psize.values())
    gp = sum(c2(n) for n in gsize.values())
    p = tp / pp if pp else 1.0
    r = tp / gp if gp else 1.0
    f = 2 * p * r / (p + r) if p + r else 0.0
    bp = sum(cell[(pred[i], gold[i])] / psize[pred[i]] for i in ids) / len(ids)
    br = sum(cell[(pred[i], gold[i])] / gsize[gold[i]] for i in ids) / len(ids)
    bf = 2 * bp * br / (bp + br) if bp + br else 0.0
    return {"n": len(ids), "stories": len(psize), "P": p, "R": r, "F1": f,
            "B3_P": bp, "B3_R": br, "B3_F1": bf}


def fmt(s):
    return ("pairwise P %.3f R %.3f F1 %.3f   B-cubed P %.3f R %.3f F1 %.3f   (%d stories)"
            % (s["P"], s["R"], s["F1"], s["B3_P"], s["B3_R"], s["B3_F1"], s["stories"]))


# ---- nsearch ----

def nsearch_stories(build, corpus, tmp, runs=1):
    """article id -> story id as nindex groups corpus: one fresh build, or
    runs updates that each add the next part of it (in its order)."""
    idx = os.path.join(tmp, "idx")
    shutil.rmtree(idx, ignore_errors=True)
    if runs <= 1:
        subprocess.run([os.path.join(build, "nindex"), "-q", "-i", idx, corpus], check=True)
    else:
        lines = [json.dumps(d) for d in read_jsonl(corpus)]
        src = os.path.join(tmp, "src")
        shutil.rmtree(src, ignore_errors=True)
        os.mkdir(src)
        for r in range(runs):
            part = lines[len(lines) * r // runs: len(lines) * (r + 1) // runs]
            with open(os.path.join(src, "part%03d.jsonl" % r), "w", encoding="utf-8") as f:
                f.write("\n".join(part) + "\n")
            subprocess.run([os.path.join(build, "nindex"), "-q", "-i", idx, src], check=True)
    out = subprocess.run([os.path.join(build, "nsearch"), "-i", idx, "--all", "--format",
                          "json"], check=True, stdout=subprocess.PIPE).stdout
    story = {}
    for line in out.decode("utf-8").splitlines():
        o = json.loads(line)
        story[o["id"]] = o["story"]
    return story


# ---- baseline: tf-idf cosine, single link ----

def tfidf_pairs(docs, floor):
    """Every pair (i, k) of cosine >= floor, as (cosine, i, k)."""
    n = len(docs)
    tfs = [Counter(words(d.get("title", "") + " " + (d.get("body") or ""))) for d in docs]
    df = Counter(t for tf in tfs for t in tf)
    vecs = []
    for tf in tfs:
        v = {t: (1 + math.log(c)) * math.log(n / df[t]) for t, c in tf.items()}
        norm = math.sqrt(sum(w * w for w in v.values())) or 1.0
        vecs.append({t: w / norm for t, w in v.items() if w > 0})
    post = defaultdict(list)
    for i, v in enumerate(vecs):
        for t, w in v.items():
            post[t].append((i, w))
    pairs = []
    for i, v in enumerate(vecs):
        acc = defaultdict(float)
        for t, w in v.items():
            for k, x in post[t]:
                if k > i:
                    acc[k] += w * x
        pairs.extend((c, i, k) for k, c in acc.items() if c >= floor)
    pairs.sort(reverse=True)
    return pairs


def single_link(n, pairs, thresholds):
    """The clustering at each threshold (descending): dict t -> labels."""
    parent = list(range(n))

    def root(x):
        while parent[x] != x:
            parent[x] = parent[parent[x]]
            x = parent[x]
        return x

    out, at = {}, 0
    for t in sorted(thresholds, reverse=True):
        while at < len(pairs) and pairs[at][0] >= t:
            _, i, k = pairs[at]
            a, b = root(i), root(k)
            if a != b:
                parent[max(a, b)] = min(a, b)
            at += 1
        out[t] = [root(i) for i in range(n)]
    return out


def baseline(docs, gold):
    thresholds = [round(0.05 * k, 2) for k in range(2, 20)]
    pairs = tfidf_pairs(docs, min(thresholds))
    by_t = single_link(len(docs), pairs, thresholds)
    res = {}
    for t in thresholds:
        pred = {d["id"]: c for d, c in zip(docs, by_t[t])}
        res[t] = scores(pred, gold)
    return res


# ---- sanity on an unlabelled corpus ----

def sanity(build, corpus, tmp):
    story = nsearch_stories(build, corpus, tmp)
    size = Counter(story.values())
    body = defaultdict(list)
    for d in read_jsonl(corpus):
        text = " ".join(re.findall(r"\w+", (d.get("body") or d.get("text") or "").lower()))
        if text and d["id"] in story:
            body[text].append(d["id"])
    copy_pairs = together = 0
    for ids in body.values():
        for i in range(len(ids)):
            for k in range(i + 1, len(ids)):
                copy_pairs += 1
                together += story[ids[i]] == story[ids[k]]
    return {"articles": len(story), "stories": len(size), "largest": max(size.values()),
            "over_20": sum(1 for n in size.values() if n > 20),
            "multi": sum(1 for n in size.values() if n > 1),
            "copy_pairs": copy_pairs, "copy_pairs_together": together}


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("build", help="directory with nindex and nsearch")
    ap.add_argument("labelled", help="JSON Lines with a story label per article")
    ap.add_argument("--sanity", action="append", default=[], metavar="CORPUS")
    ap.add_argument("--no-baseline", action="store_true")
    ap.add_argument("--runs", type=int, default=0, metavar="N",
                    help="also score an index built by N updates, each adding the next "
                    "part of the labelled set (incremental grouping)")
    a = ap.parse_args()
    docs = list(read_jsonl(a.labelled))
    gold = {d["id"]: d["story"] for d in docs}
    tmp = tempfile.mkdtemp(prefix="story_eval.")
    try:
        print("%s: %d articles in %d labelled stories"
              % (os.path.basename(a.labelled), len(docs), len(set(gold.values()))))
        ns = scores(nsearch_stories(a.build, a.labelled, tmp), gold)
        print("nsearch:          " + fmt(ns))
        if a.runs > 1:
            inc = scores(nsearch_stories(a.build, a.labelled, tmp, a.runs), gold)
            print("nsearch, %d runs:  %s" % (a.runs, fmt(inc)))
        if not a.no_baseline:
            res = baseline(docs, gold)
            best = max(res, key=lambda t: res[t]["F1"])
            print("tf-idf single link, best threshold %.2f: %s" % (best, fmt(res[best])))
            print("  sweep (threshold: pairwise P/R/F1, B-cubed F1):")
            for t in sorted(res):
                s = res[t]
                print("    %.2f: %.3f/%.3f/%.3f  %.3f" % (t, s["P"], s["R"], s["F1"], s["B3_F1"]))
        for c in a.sanity:
            s = sanity(a.build, c, tmp)
            print("%s: %d articles, %d stories (%d of 2 or more), largest %d, %d of more "
                  "than 20; exact copies in one story: %d of %d pairs"
                  % (os.path.basename(c), s["articles"], s["stories"], s["multi"],
                     s["largest"], s["over_20"], s["copy_pairs_together"], s["copy_pairs"]))
    finally:
        shutil.rmtree(tmp, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
