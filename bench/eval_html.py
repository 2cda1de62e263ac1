#!/usr/bin/env python3
"""eval_html.py -- main-content extraction quality on html-dev (make eval-html).

    python3 bench/eval_html.py BUILD_DIR [DATA_DIR] [--show-worst N] [--via-nsearch]

DATA_DIR defaults to ../shared/data/html-dev (see its README).  Each page
is read by the same code as nindex's HTML reader: build/webx by default, or
with --via-nsearch indexed by nindex and read back by `nsearch --show ID
--format json` (slower; the issue's way).

Metric (issue 13), per page with a full truth body: the multisets of word
4-grams of the lowercased \\w+ tokens of the extracted body and of the true
body; precision = |common| / |extracted|, recall = |common| / |true| (an
empty side scores 1 when both are empty, else 0); precision and recall are
averaged over pages and F1 is computed from the two averages.  Pages with
snippets: share of must_contain snippets found and of must_not_contain
snippets absent (whitespace collapsed, lowercased), averaged over pages.
Title: same \\w+ words as the truth title.  Date: same day (YYYY-MM-DD).
"""
import collections
import email.utils
import gzip
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile

WORD = re.compile(r"\w+")


def grams(text):
    t = WORD.findall(text.lower())
    return collections.Counter(tuple(t[i:i + 4]) for i in range(len(t) - 3))


def prf(pred, true):
    p, t = grams(pred), grams(true)
    common = sum((p & t).values())
    np_, nt = sum(p.values()), sum(t.values())
    prec = common / np_ if np_ else (1.0 if nt == 0 else 0.0)
    rec = common / nt if nt else (1.0 if np_ == 0 else 0.0)
    return prec, rec


def words(s):
    return WORD.findall((s or "").lower())


def day(s):
    """The day a date string names, as written (its own time zone)."""
    s = (s or "").strip()
    m = re.match(r"(\d{4}-\d{2}-\d{2})", s)
    if m:
        return m.group(1)
    t = email.utils.parsedate_tz(s) if s else None
    return "%04d-%02d-%02d" % t[:3] if t else None


def norm(s):
    return " ".join((s or "").split()).lower()


def extract_webx(build, pages):
    out = {}
    batch = 50
    for i in range(0, len(pages), batch):
        chunk = pages[i:i + batch]
        r = subprocess.run([os.path.join(build, "webx")] + [p for _, p in chunk],
                           capture_output=True, check=False)
        if r.stderr:
            sys.stderr.write(r.stderr.decode("utf-8", "replace"))
        byfile = {}
        for line in r.stdout.split(b"\n"):
            if not line:
                continue
            o = json.loads(line)
            byfile[o["file"]] = o
        for name, path in chunk:
            out[name] = byfile.get(path, {})
    return out


def extract_nsearch(build, pages):
    out = {}
    with tempfile.TemporaryDirectory() as tmp:
        src = os.path.join(tmp, "src")
        os.mkdir(src)
        for name, path in pages:
            shutil.copy(path, os.path.join(src, name + ".html.gz"))
        idx = os.path.join(tmp, "idx")
        subprocess.run([os.path.join(build, "nindex"), "-q", "-i", idx, src], check=False,
                       stdout=subprocess.DEVNULL)
        for name, _ in pages:
            r = subprocess.run([os.path.join(build, "nsearch"), "-i", idx, "--show",
                                name + ".html.gz", "--format", "json"],
                               capture_output=True, text=True, check=False)
            out[name] = json.loads(r.stdout) if r.returncode == 0 and r.stdout else {}
    return out


def main():
    args = [a for a in sys.argv[1:] if not a.startswith("--")]
    worst = 0
    if "--show-worst" in sys.argv:
        worst = int(sys.argv[sys.argv.index("--show-worst") + 1])
        args = [a for a in args if a != str(worst)]
    build = os.path.abspath(args[0] if args else "build")
    data = args[1] if len(args) > 1 else os.path.join(os.path.dirname(__file__), "..", "..",
                                                      "shared", "data", "html-dev")
    truth = [json.loads(l) for l in open(os.path.join(data, "truth.jsonl"), encoding="utf-8")]
    pages = [(t["name"], os.path.abspath(os.path.join(data, "pages", t["name"] + ".html.gz")))
             for t in truth]
    got = (extract_nsearch if "--via-nsearch" in sys.argv else extract_webx)(build, pages)

    body_rows, snip_rows = [], []
    t_ok = t_n = d_ok = d_n = 0
    grp = collections.Counter()
    misses = []
    for t in truth:
        g = got.get(t["name"], {})
        body = g.get("body", "")
        if t["title"]:
            t_n += 1
            grp[t["name"][:3] + " n"] += 1
            if words(g.get("title")) == words(t["title"]):
                t_ok += 1
                grp[t["name"][:3] + " ok"] += 1
            else:
                misses.append(("title", t["name"], g.get("title"), t["title"]))
        if t["date"] and day(t["date"]):
            d_n += 1
            if day(g.get("date")) == day(t["date"]):
                d_ok += 1
            else:
                misses.append(("date", t["name"], g.get("date"), t["date"]))
        if t["truth"] == "body":
            p, r = prf(body, t["body"])
            body_rows.append((t["name"], p, r))
        else:
            nb = norm(body)
            mc, mn = t["must_contain"], t["must_not_contain"]
            found = sum(norm(s) in nb for s in mc) / len(mc) if mc else 1.0
            clean = sum(norm(s) not in nb for s in mn) / len(mn) if mn else 1.0
            snip_rows.append((t["name"], found, clean))

    def f1(p, r):
        return 2 * p * r / (p + r) if p + r else 0.0

    n = len(body_rows)
    P = sum(r[1] for r in body_rows) / n
    R = sum(r[2] for r in body_rows) / n
    print(f"full-body pages: {n}  precision {P:.3f}  recall {R:.3f}  F1 {f1(P, R):.3f}")
    cjk = {"rdb-gmw", "rdb-qq", "rdb-youth", "rdb-pixnet", "rdb-yahoo-4"}
    rest = [r for r in body_rows if r[0] not in cjk]
    if len(rest) != n:
        P2 = sum(r[1] for r in rest) / len(rest)
        R2 = sum(r[2] for r in rest) / len(rest)
        print(f"  without the {n - len(rest)} pages written without spaces (zh, ja): {len(rest)} pages"
              f"  precision {P2:.3f}  recall {R2:.3f}  F1 {f1(P2, R2):.3f}")
    m = len(snip_rows)
    C = sum(r[1] for r in snip_rows) / m
    K = sum(r[2] for r in snip_rows) / m
    print(f"snippet pages: {m}  must_contain found {C:.3f}  must_not_contain absent {K:.3f}"
          f"  F1 {f1(C, K):.3f}")
    print(f"all pages: F1 of the two averages {f1((P * n + C * m) / (n + m), (R * n + K * m) / (n + m)):.3f}"
          " (snippet found/absent as recall/precision)")
    print(f"title right: {t_ok}/{t_n} = {t_ok / t_n:.3f}  (rdb {grp['rdb ok']}/{grp['rdb n']},"
          f" trf {grp['trf ok']}/{grp['trf n']})")
    print(f"date right: {d_ok}/{d_n} = {d_ok / d_n:.3f}")
    if worst:
        for name, p, r in sorted(body_rows, key=lambda x: f1(x[1], x[2]))[:worst]:
            print(f"  body {name}: P {p:.2f} R {r:.2f}")
        for name, c, k in sorted(snip_rows, key=lambda x: x[1] + x[2])[:worst]:
            print(f"  snip {name}: found {c:.2f} absent {k:.2f}")
        for kind, name, g, t in misses:
            print(f"  {kind} {name}: got {g!r} want {t!r}")


if __name__ == "__main__":
    main()
