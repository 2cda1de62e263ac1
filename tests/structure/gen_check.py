#!/usr/bin/env python3
# SPDX-License-Identifier: MIT
"""gen_check.py NINDEX NSEARCH DIR -- SENTENCE, PARAGRAPH and NEAR over
groups against a reference implementation.

Generates articles whose sentence and paragraph structure is known by
construction (sentences with abbreviations, initials, decimals, quotes and
ellipses inside or at their ends, single and blank-line breaks, headline
lines, bullet lists; titles), as JSON Lines and as text files, indexes them
in two nindex runs (two segments), then runs random queries

    a SENTENCE b [SENTENCE c]     a PARAGRAPH b [PARAGRAPH c]
    (a OR b) NEAR/k c             "a b" NEAR/k (c OR d)     ADJ/k chains
    title:(a OR b) NEAR/k c       operands: words, phrases, OR groups

through `nsearch -c` and `nsearch -l`, and compares both with what this
script computes from the generated structure (semantics: query.h and
positional.h).  Prints one line per disagreement and a summary; exit 1 when
any.
"""
import json
import os
import random
import subprocess
import sys

# Words that are their own Snowball stems and no stopwords.
VOCAB = ["amber", "basil", "cedar", "delta", "ember", "fjord", "garnet", "harbor",
         "indigo", "jasper", "kestrel", "lumen"]

# Things inside a sentence that must not end it: (text, tokens).
TRAPS = [("Mr. Kestrel", ["mr", "kestrel"]), ("U.S. Amber", ["us", "amber"]),
         ("3.5 percent", ["3.5", "percent"]), ("J. R. Cedar", ["j", "r", "cedar"]),
         ("Feb. 16", ["feb", "16"]), ("Gen. Lumen", ["gen", "lumen"]),
         ("e.g. delta", ["eg", "delta"])]
ENDS = [".", ".", ".", "!", "?", ".\"", "?\"", "...", ".)"]


class Doc:
    def __init__(self, ident):
        self.id = ident
        self.title = []          # tokens
        self.title_text = ""
        self.body_text = ""
        # tokens of title then body: (word, sentence, paragraph)
        self.toks = []
        self.sent = 0
        self.para = 0

    def add(self, words):
        for w in words:
            self.toks.append((w, self.sent, self.para))


def sentence(rng):
    """One sentence: (text, tokens), first word capitalised."""
    first = rng.choice(VOCAB)
    text, toks = [first.capitalize()], [first]
    for _ in range(rng.randint(2, 9)):
        if rng.random() < 0.12:
            t, k = rng.choice(TRAPS)
            text.append(t)
            toks.extend(k)
        else:
            w = rng.choice(VOCAB)
            text.append(w)
            toks.append(w)
    end = rng.choice(ENDS)
    if end.endswith(")"):
        text[0] = "(" + text[0]
    if end.endswith("\""):
        text[0] = "\"" + text[0]
    return " ".join(text) + end, toks


def make_doc(rng, ident):
    d = Doc(ident)
    tw = [rng.choice(VOCAB) for _ in range(rng.randint(2, 4))]
    d.title_text = " ".join(w.capitalize() for w in tw)
    d.add(tw)                       # the title: one sentence, one paragraph
    parts = []
    for p in range(rng.randint(1, 5)):
        d.sent += 1
        d.para += 1
        kind = rng.random()
        if kind < 0.12:
            # a headline paragraph
            hw = [rng.choice(VOCAB) for _ in range(rng.randint(2, 4))]
            parts.append(" ".join(w.capitalize() for w in hw))
            d.add(hw)
            continue
        if kind < 0.22:
            # a bullet list: each item a sentence
            items = []
            for i in range(rng.randint(2, 4)):
                if i:
                    d.sent += 1
                bw = [rng.choice(VOCAB) for _ in range(rng.randint(2, 5))]
                items.append(rng.choice(["\u2022 ", "- ", "* "]) + " ".join(bw))
                d.add(bw)
            parts.append("\n".join(items))
            continue
        text = ""
        if kind < 0.32:
            # a headline line, then the paragraph's sentences
            hw = [rng.choice(VOCAB) for _ in range(rng.randint(2, 4))]
            text = " ".join(w.capitalize() for w in hw) + "\n"
            d.add(hw)
            d.sent += 1
        for s in range(rng.randint(1, 4)):
            if s:
                d.sent += 1
                text += rng.choice([" ", " ", "  ", "\n"])
            st, toks = sentence(rng)
            text += st
            d.add(toks)
        parts.append(text)
    seps = [rng.choice(["\n\n", "\n\n", "\n \n", "\n\n\n"]) for _ in parts]
    d.body_text = "".join(p + (seps[i] if i + 1 < len(parts) else "")
                          for i, p in enumerate(parts))
    return d


# ---- the reference ----

def spans_of(doc, operand, field):
    """Spans (start, end) of an operand: ("w", word) | ("p", [words]) |
    ("or", [operands]); field restricts to title (0) or body (1)."""
    kind, val = operand
    tl = len(doc.title)
    out = set()
    if kind == "w":
        for i, t in enumerate(doc.toks):
            if t[0] == val:
                out.add((i, i))
    elif kind == "p":
        n = len(val)
        for i in range(len(doc.toks) - n + 1):
            if all(doc.toks[i + j][0] == val[j] for j in range(n)):
                # phrases never cross the title/body boundary
                if (i < tl) == (i + n - 1 < tl):
                    out.add((i, i + n - 1))
    else:
        for o in val:
            out |= spans_of(doc, o, field)
    if field is not None:
        out = {s for s in out if (s[1] < tl) == (field == 0)}
    return out


def unit_match(doc, operands, idx):
    """SENTENCE (idx 1) / PARAGRAPH (idx 2): a unit holding a whole span of
    every operand."""
    common = None
    for op, field in operands:
        units = set()
        for a, b in spans_of(doc, op, field):
            if doc.toks[a][idx] == doc.toks[b][idx]:
                units.add(doc.toks[a][idx])
        common = units if common is None else common & units
    return bool(common)


def near_match(doc, operands, dist, ordered):
    tl = len(doc.title)
    lists = [sorted(spans_of(doc, op, f)) for op, f in operands]

    def rec(i, chosen):
        if i == len(lists):
            lo = min(s[1] for s in chosen)
            hi = max(s[0] for s in chosen)
            return hi - lo <= dist
        for sp in lists[i]:
            if chosen and (sp[1] < tl) != (chosen[0][1] < tl):
                continue
            if any(not (sp[1] < c[0] or sp[0] > c[1]) for c in chosen):
                continue
            if ordered and chosen and sp[0] <= chosen[-1][1]:
                continue
            if chosen:
                lo = min([sp[1]] + [c[1] for c in chosen])
                hi = max([sp[0]] + [c[0] for c in chosen])
                if hi - lo > dist:
                    continue
            if rec(i + 1, chosen + [sp]):
                return True
        return False

    return rec(0, [])


# ---- queries ----

def operand(rng, allow_phrase=True):
    r = rng.random()
    if r < 0.45 or not allow_phrase:
        w = rng.choice(VOCAB)
        return ("w", w), w
    if r < 0.65:
        a, b = rng.choice(VOCAB), rng.choice(VOCAB)
        return ("p", [a, b]), "\"%s %s\"" % (a, b)
    kids, texts = [], []
    for _ in range(rng.randint(2, 3)):
        if rng.random() < 0.25:
            a, b = rng.choice(VOCAB), rng.choice(VOCAB)
            kids.append(("p", [a, b]))
            texts.append("\"%s %s\"" % (a, b))
        else:
            w = rng.choice(VOCAB)
            kids.append(("w", w))
            texts.append(w)
    if rng.random() < 0.2:
        # a nested group
        w = rng.choice(VOCAB)
        kids = [("or", kids), ("w", w)]
        texts = ["(" + " OR ".join(texts) + ")", w]
    return ("or", kids), "(" + " OR ".join(texts) + ")"


def field_operand(rng):
    op, text = operand(rng)
    if rng.random() < 0.15:
        f = rng.choice([0, 1])
        prefix = "title:" if f == 0 else "body:"
        if not text.startswith("(") and not text.startswith("\""):
            text = "(" + text + ")"
        return (op, f), prefix + text
    return (op, None), text


def make_query(rng):
    r = rng.random()
    n = 2 if rng.random() < 0.75 else 3
    ops = [field_operand(rng) for _ in range(n)]
    if r < 0.5:
        word = "SENTENCE" if r < 0.28 else "PARAGRAPH"
        idx = 1 if word == "SENTENCE" else 2
        text = (" %s " % word).join(t for _, t in ops)
        return text, lambda d, o=[x for x, _ in ops], i=idx: unit_match(d, o, i)
    ordered = rng.random() < 0.25
    dist = rng.choice([1, 2, 3, 5, 8])
    word = "ADJ/%d" % dist if ordered else "NEAR/%d" % dist
    text = (" %s " % word).join(t for _, t in ops)
    return text, lambda d, o=[x for x, _ in ops], k=dist, od=ordered: near_match(d, o, k, od)


def main():
    nindex, nsearch, work = sys.argv[1:4]
    rng = random.Random(14)
    docs = [make_doc(rng, "g%03d" % i) for i in range(160)]
    for d in docs:
        d.title = d.toks[:len(d.title_text.split())]
    os.makedirs(os.path.join(work, "a", "txt"), exist_ok=True)
    os.makedirs(os.path.join(work, "b"), exist_ok=True)
    # first run: JSON Lines and text files; second run adds more JSON Lines
    with open(os.path.join(work, "a", "one.jsonl"), "w") as f:
        for d in docs[:60]:
            f.write(json.dumps({"id": d.id, "title": d.title_text, "body": d.body_text}) + "\n")
    for d in docs[60:100]:
        with open(os.path.join(work, "a", "txt", d.id), "w") as f:
            f.write(d.title_text + "\n\n" + d.body_text + "\n")
    with open(os.path.join(work, "b", "two.jsonl"), "w") as f:
        for d in docs[100:]:
            f.write(json.dumps({"id": d.id, "title": d.title_text, "body": d.body_text}) + "\n")
    idx = os.path.join(work, "idx")
    a, b = os.path.join(work, "a"), os.path.join(work, "b")
    subprocess.run([nindex, "-i", idx, a], check=True)
    subprocess.run([nindex, "-i", idx, a, b], check=True)
    # text files' ids are their paths below the source directory
    for d in docs[60:100]:
        d.id = "txt/" + d.id

    bad = 0
    n_queries = 240
    n_matching = 0
    for _ in range(n_queries):
        text, pred = make_query(rng)
        want = sorted(d.id for d in docs if pred(d))
        n_matching += bool(want)
        c = subprocess.run([nsearch, "-i", idx, "-c", "--", text], capture_output=True, text=True)
        l = subprocess.run([nsearch, "-i", idx, "-l", "-n", "100000", "--", text],
                           capture_output=True, text=True)
        got_c = c.stdout.strip()
        got_l = sorted(l.stdout.split())
        if got_c != str(len(want)) or got_l != want or c.returncode != (0 if want else 1):
            bad += 1
            print("DIFF %s: -c %s (exit %d), -l %d ids; reference %d: %s" %
                  (text, got_c, c.returncode, len(got_l), len(want), c.stderr.strip()))
            only_got = sorted(set(got_l) - set(want))[:5]
            only_want = sorted(set(want) - set(got_l))[:5]
            print("  only nsearch: %s  only reference: %s" % (only_got, only_want))
    print("structure: %d queries (%d match something), %d disagree" % (n_queries, n_matching, bad))
    sys.exit(1 if bad else 0)


if __name__ == "__main__":
    main()
