#!/usr/bin/python3
# spell.py B CORPUS.jsonl.gz... -- spelling correction, nsearch beside
# Xapian 1.4 (python3-xapian: run with /usr/bin/python3).
#
# For each corpus, sets built from the corpus itself (seeded, so every run
# measures the same words).  A word counts as correctly spelled when the
# BBC News corpus (edited text, ../shared/data/bbc_news.jsonl.gz) has it
# in 2 articles or more: Usenet and wire text hold typos of their own.
#   misspelled: correctly spelled archive words (letters only, 4..14
#     letters, in >= 10 articles) with one slip each: a random insertion,
#     deletion, substitution or transposition of adjacent letters, a
#     keyboard neighbour's letter, a doubled letter or a doubled letter
#     dropped; the slip must not make a word the archive has in 3 articles
#     or more (a real-word error needs context no single-word speller has).
#     Two draws: words picked uniformly (rare words as often as common
#     ones: the hard set) and picked by their number of articles (as words
#     come in text); and a third set, picked uniformly, of misspellings
#     by sound (phonetic() below: vowels, sound-alike letters, double and
#     single consonants, silent letters, an added e);
#   attested: misspellings the archive itself repeats, found without any
#     list of misspellings: archive words of 5 letters or more that are
#     not in /usr/share/dict/words (wamerican) nor in 2 or more BBC News
#     articles, seen in >= 2 articles, with a dictionary word one edit
#     away (OSA: insertion, deletion, substitution, adjacent swap) in >= 20
#     articles and >= 10 times as many as the word; the intended word is
#     that dictionary word.  Dropped, by rules drawn from reading the top
#     of the list by hand: proper nouns and abbreviations (capitalised in
#     half its occurrences or more), parts of addresses, contractions and
#     code (in under 80% of its occurrences a whole word between spaces
#     and punctuation: "wasn't", "cs.umich.edu"), foreign text (in half
#     its occurrences or more next to a word not in the dictionary:
#     "le monde"), derivations (one word a prefix of the other: issuer,
#     issue), edits of the first letter (xhost, host), British spellings
#     (the word with our/is/ys/ce/tre/ll/ae/oe/ogue written the American
#     way is in the dictionary), and words with two candidates (the second
#     in a tenth as many articles as the first or more: peice is price or
#     piece).  Up to N_MISS of them, picked uniformly;
#   human: misspellings of the kinds people make when they spell (human()
#     below: an ending's vowel, ie/ei, a double consonant single or a
#     single one doubled, a silent e kept, an unstressed vowel, a letter
#     of a cluster left out, two inner letters swapped; never the first
#     letter) of archive words of 6 letters or more, picked uniformly
#     from the same words as the misspelled sets, drawn from a generator
#     of its own (seed + 1) so the other sets stay as they were;
#   lintian: real misspellings observed in Debian package descriptions,
#     from lintian's list (LINTIAN below; neither codespell's nor
#     Wikipedia's): its `mistake||correction` pairs whose correction is a
#     single word of the same pool the misspelled sets draw from (letters
#     only, 4..14 letters, in >= 10 articles, correctly spelled) and whose
#     mistake is letters only and in fewer than 3 articles (as above).
#     Split in two halves by the MD5 of the mistake (even first byte: A,
#     odd: B): A to develop on, B held back.  A second pair of halves, "in
#     the archive", has the pairs whose mistake the archive itself has, in
#     3 articles or more but not well known (fewer than 100 articles and
#     fewer than 1 in 100 of them: spell.h leaves those alone by design)
#     -- "commited" beside "committed": common misspellings are common in
#     archives too.  Skipped, saying so, when the
#     file is absent;
#   correct: correctly spelled archive words (letters only, >= 3 letters)
#     of every frequency band, in 3..9, 10..99, 100..999 and 1000+
#     articles, a quarter each;
#   absent: words of /usr/share/dict/words (lower case, letters only, 8
#     letters or more) that the archive lacks, N_CORRECT of them: no
#     misspellings, so the share given a suggestion is a share of guesses
#     (lower is better; not timed, not in the other figures).
# nsearch: `nsearch --spell` reading the words on stdin (one process, one
# line out per word in); Xapian: a database built with TermGenerator and
# FLAG_SPELLING over the same titles and bodies, then
# Database.get_spelling_suggestion(word) (at most 2 edits, its default).
# Prints % exactly corrected, % of correct words left alone, and the time
# per word of each, from the same run; then the share of the dictionary
# word~1 and word~2 read for 100 of the words, and, with SPELL_BIG_INDEX=DIR
# in the environment, on that index too (a large one: synth_corpus.py).
import gzip, hashlib, json, os, random, re, subprocess, sys, time

try:
    import xapian
except ImportError:     # python3-xapian absent: nsearch alone, saying so
    xapian = None

N_MISS = 600
N_CORRECT = 600
WORD = re.compile(r"[a-z]+")
LINTIAN = "/usr/share/lintian/data/spelling/corrections"
KEYS = ["qwertyuiop", "asdfghjkl", "zxcvbnm"]


def neighbours(ch):
    out = []
    for r, row in enumerate(KEYS):
        if ch not in row:
            continue
        c = row.index(ch)
        out += [row[c - 1]] if c > 0 else []
        out += [row[c + 1]] if c + 1 < len(row) else []
        if r > 0:
            up = KEYS[r - 1]
            out += [up[i] for i in (c, c + 1) if i < len(up)]
        if r + 1 < len(KEYS):
            dn = KEYS[r + 1]
            out += [dn[i] for i in (c - 1, c) if 0 <= i < len(dn)]
    return out


def slip(w, rnd):
    kind = rnd.choice(["insert", "delete", "substitute", "transpose", "key", "double", "undouble"])
    i = rnd.randrange(len(w))
    abc = "abcdefghijklmnopqrstuvwxyz"
    if kind == "insert":
        return w[:i] + rnd.choice(abc) + w[i:], kind
    if kind == "delete":
        return w[:i] + w[i + 1:], kind
    if kind == "substitute":
        return w[:i] + rnd.choice(abc.replace(w[i], "")) + w[i + 1:], kind
    if kind == "transpose" and i + 1 < len(w) and w[i] != w[i + 1]:
        return w[:i] + w[i + 1] + w[i] + w[i + 2:], kind
    if kind == "key" and neighbours(w[i]):
        return w[:i] + rnd.choice(neighbours(w[i])) + w[i + 1:], kind
    if kind == "double":
        return w[:i + 1] + w[i] + w[i + 1:], kind
    if kind == "undouble":
        for j in range(len(w) - 1):
            if w[j] == w[j + 1]:
                return w[:j] + w[j + 1:], kind
    return None, kind


VOWELS = "aeiou"
# Sound-alike spellings (the writer knows the sound, not the letters):
# pairs of letter groups one is written for the other.
SOUNDS = [("c", "s"), ("s", "c"), ("c", "k"), ("k", "c"), ("ph", "f"), ("f", "ph"),
          ("ie", "ei"), ("ei", "ie"), ("ce", "se"), ("se", "ce"), ("sion", "tion"),
          ("tion", "sion"), ("ck", "k"), ("x", "cs"), ("s", "z"), ("z", "s"), ("g", "j"),
          ("ou", "o"), ("y", "i"), ("i", "y"), ("wh", "w"), ("qu", "kw")]
SILENT = "hnbtdgwkl"   # letters often not heard in a cluster: dropped when writing


def phonetic(w, rnd):
    """A misspelling by how the word sounds: an unstressed vowel written as
    another, a sound written with other letters, a double consonant single
    or a single one doubled, a silent letter of a consonant cluster dropped,
    a vowel added after a consonant ('arguement' style), one per word."""
    kind = rnd.choice(["vowel", "sound", "double", "undouble", "silent", "extra"])
    if kind == "vowel":
        at = [i for i in range(1, len(w)) if w[i] in VOWELS]
        if at:
            i = rnd.choice(at)
            return w[:i] + rnd.choice(VOWELS.replace(w[i], "")) + w[i + 1:], "ph-vowel"
    if kind == "sound":
        opts = [(i, a, b) for a, b in SOUNDS for i in range(1, len(w)) if w.startswith(a, i)]
        if opts:
            i, a, b = rnd.choice(opts)
            return w[:i] + b + w[i + len(a):], "ph-sound"
    if kind == "double":
        at = [i for i in range(1, len(w) - 1) if w[i] not in VOWELS and w[i - 1] in VOWELS
              and w[i + 1] != w[i] and w[i - 1] != w[i]]
        if at:
            i = rnd.choice(at)
            return w[:i + 1] + w[i] + w[i + 1:], "ph-double"
    if kind == "undouble":
        at = [i for i in range(len(w) - 1) if w[i] == w[i + 1]]
        if at:
            i = rnd.choice(at)
            return w[:i] + w[i + 1:], "ph-undouble"
    if kind == "silent":
        at = [i for i in range(1, len(w) - 1) if w[i] in SILENT and
              (w[i - 1] not in VOWELS or w[i + 1] not in VOWELS)]
        if at:
            i = rnd.choice(at)
            return w[:i] + w[i + 1:], "ph-silent"
    if kind == "extra":
        at = [i for i in range(2, len(w) - 1) if w[i] not in VOWELS and w[i + 1] not in VOWELS]
        if at:
            i = rnd.choice(at)
            return w[:i + 1] + "e" + w[i + 1:], "ph-extra"
    return None, kind


# Endings people confuse (the vowel of an unstressed suffix).
SUFFIXES = [("ant", "ent"), ("ent", "ant"), ("ance", "ence"), ("ence", "ance"),
            ("ancy", "ency"), ("ency", "ancy"), ("able", "ible"), ("ible", "able"),
            ("ary", "ery"), ("ery", "ary"), ("or", "er"), ("er", "or"), ("ous", "ious")]
KEEP_E = ("ment", "ing", "able", "ly")   # an e kept before them: developement


def human(w, rnd):
    """A misspelling of the kinds people make when they spell, never in
    the first letter: an ending's vowel (independant, attendence,
    responsable), ie for ei and back (recieve), a double consonant
    written single or a single one doubled (accomodate, untill), a silent
    e kept before a suffix (developement), an unstressed vowel for another
    (seperate), a consonant of a cluster left out (goverment), two
    letters swapped inside the word (wierd), one per word."""
    kind = rnd.choice(["suffix", "ie", "double", "undouble", "keep-e", "vowel", "cluster",
                       "swap"])
    if kind == "suffix":
        opts = [(a, b) for a, b in SUFFIXES for end in ("", "s", "ly", "ce", "cy")
                if w.endswith(a + end) and len(w) > len(a + end) + 2]
        if opts:
            a, b = rnd.choice(opts)
            i = w.rindex(a)
            return w[:i] + b + w[i + len(a):], "hu-suffix"
    if kind == "ie":
        at = [i for i in range(1, len(w) - 1) if w[i:i + 2] in ("ie", "ei")]
        if at:
            i = rnd.choice(at)
            return w[:i] + w[i + 1] + w[i] + w[i + 2:], "hu-ie"
    if kind == "undouble":
        at = [i for i in range(1, len(w) - 1) if w[i] == w[i + 1] and w[i] not in VOWELS]
        if at:
            i = rnd.choice(at)
            return w[:i] + w[i + 1:], "hu-undouble"
    if kind == "double":
        at = [i for i in range(2, len(w) - 1) if w[i] not in VOWELS and w[i - 1] in VOWELS
              and w[i + 1] in VOWELS]
        if at:
            i = rnd.choice(at)
            return w[:i + 1] + w[i] + w[i + 1:], "hu-double"
    if kind == "keep-e":
        opts = [x for x in KEEP_E if w.endswith(x) and len(w) > len(x) + 2 and
                w[-len(x) - 1] not in VOWELS + "y"]
        if opts:
            x = rnd.choice(opts)
            return w[:-len(x)] + "e" + x, "hu-keep-e"
    if kind == "vowel":
        at = [i for i in range(1, len(w) - 1) if w[i] in VOWELS and w[i - 1] not in VOWELS
              and w[i + 1] not in VOWELS]
        if at:
            i = rnd.choice(at)
            return w[:i] + rnd.choice(VOWELS.replace(w[i], "")) + w[i + 1:], "hu-vowel"
    if kind == "cluster":
        at = [i for i in range(1, len(w) - 1) if w[i] not in VOWELS and
              w[i - 1] not in VOWELS + "y" and w[i + 1] not in VOWELS + "y"]
        at += [i for i in range(1, len(w) - 1) if w[i] not in VOWELS and w[i] != w[i - 1] and
               w[i - 1] in VOWELS and w[i + 1] not in VOWELS + "y" and w[i + 1] != w[i]]
        if at:
            i = rnd.choice(at)
            return w[:i] + w[i + 1:], "hu-cluster"
    if kind == "swap":
        at = [i for i in range(1, len(w) - 2) if w[i] != w[i + 1]]
        if at:
            i = rnd.choice(at)
            return w[:i] + w[i + 1] + w[i] + w[i + 2:], "hu-swap"
    return None, kind


def absent_set(df, seed):
    """Dictionary words the archive lacks (see the header)."""
    with open("/usr/share/dict/words", encoding="utf-8", errors="replace") as f:
        words = sorted({w.strip() for w in f})
    pool = [w for w in words if len(w) >= 8 and w.isascii() and w.isalpha() and w.islower()
            and df.get(w, 0) == 0]
    return random.Random(seed).sample(pool, min(len(pool), N_CORRECT))


def docs(path):
    with gzip.open(path, "rt", encoding="utf-8", errors="replace") as f:
        for line in f:
            try:
                d = json.loads(line)
            except ValueError:
                continue
            yield (d.get("title") or ""), (d.get("body") or "")


def dictionary():
    words = set()
    with open("/usr/share/dict/words", encoding="utf-8", errors="replace") as f:
        for line in f:
            w = line.strip()
            if w.isascii() and w.isalpha():
                words.add(w.lower())
    return words


def osa(a, b):
    """Edits (insertion, deletion, substitution, adjacent swap) from a to b."""
    d = [[i + j if i == 0 or j == 0 else 0 for j in range(len(b) + 1)] for i in range(len(a) + 1)]
    for i in range(1, len(a) + 1):
        for j in range(1, len(b) + 1):
            d[i][j] = min(d[i - 1][j] + 1, d[i][j - 1] + 1, d[i - 1][j - 1] + (a[i - 1] != b[j - 1]))
            if i > 1 and j > 1 and a[i - 1] == b[j - 2] and a[i - 2] == b[j - 1]:
                d[i][j] = min(d[i][j], d[i - 2][j - 2] + 1)
    return d[len(a)][len(b)]


PUNCT = "\"'()[]{}<>,.;:?!*`"
BRITISH = (("our", "or"), ("is", "iz"), ("ys", "yz"), ("ce", "se"), ("tre", "ter"), ("ll", "l"),
           ("ae", "e"), ("oe", "e"), ("ogue", "og"))


def attested_set(path, df, edited, rnd):
    """The archive's own misspellings (see the header)."""
    dic = dictionary()
    occ, caps, whole, foreign = {}, {}, {}, {}
    for title, body in docs(path):
        toks = (title + " " + body).split()
        low = ["".join(WORD.findall(t.lower())) for t in toks]
        for i, tok in enumerate(toks):
            core = tok.strip(PUNCT)
            ok = core.isascii() and core.isalpha()
            odd = (i > 0 and low[i - 1] and low[i - 1] not in dic) or \
                (i + 1 < len(toks) and low[i + 1] and low[i + 1] not in dic)
            for m in re.finditer(r"[A-Za-z]+", tok):
                w = m.group(0).lower()
                occ[w] = occ.get(w, 0) + 1
                caps[w] = caps.get(w, 0) + m.group(0)[0].isupper()
                whole[w] = whole.get(w, 0) + ok
                foreign[w] = foreign.get(w, 0) + bool(odd)
    near = {}
    for w in dic:
        if df.get(w, 0) >= 20:
            for i in range(len(w) + 1):
                near.setdefault(w[:i] + w[i + 1:], set()).add(w)
    out = []
    for m, n in sorted(df.items()):
        if n < 2 or len(m) < 5 or m in dic or edited.get(m, 0) >= 2 or \
                2 * caps[m] >= occ[m] or whole[m] < 0.8 * occ[m] or 2 * foreign[m] >= occ[m]:
            continue
        cands = set()
        for i in range(len(m) + 1):
            cands |= near.get(m[:i] + m[i + 1:], set())
        cands = sorted(((df[c], c) for c in cands if osa(m, c) == 1), reverse=True)
        if not cands or cands[0][0] < 10 * n or (len(cands) > 1 and 10 * cands[1][0] >= cands[0][0]):
            continue
        t = cands[0][1]
        if m.startswith(t) or t.startswith(m) or m[0] != t[0] or \
                any(m.replace(a, b) != m and m.replace(a, b) in dic for a, b in BRITISH):
            continue
        out.append((m, t, "attested"))
    return rnd.sample(out, min(N_MISS, len(out)))


def lintian_pairs():
    """lintian's (mistake, correction) pairs, folded; None when the file
    is absent."""
    if not os.path.exists(LINTIAN):
        return None
    out = []
    with open(LINTIAN, encoding="utf-8", errors="replace") as f:
        for line in f:
            if line.startswith("#") or "||" not in line:
                continue
            m, t = line.strip().split("||", 1)
            out.append((m.lower(), t.lower()))
    return out


def lintian_sets(df, targets, pairs, n_docs):
    """The two halves (A, B) of the lintian set, and the two of its pairs
    whose mistake the archive has (see the header)."""
    pool = set(targets)
    halves, seen = ([], [], [], []), set()
    for m, t in sorted(pairs):
        n = df.get(m, 0)
        if m == t or m in seen or t not in pool or not (m.isascii() and m.isalpha()) or \
                n >= 100 or 100 * n >= n_docs:
            continue
        seen.add(m)
        half = (hashlib.md5(m.encode()).digest()[0] & 1) + (2 if n >= 3 else 0)
        halves[half].append((m, t, "lintian-" + ("held-" if n >= 3 else "") + "AB"[half & 1]))
    return halves


def doc_freqs(path):
    df = {}
    for title, body in docs(path):
        for w in set(WORD.findall((title + " " + body).lower())):
            df[w] = df.get(w, 0) + 1
    return df


def build_sets(path, seed, edited):
    df = doc_freqs(path)
    rnd = random.Random(seed)
    targets = sorted(w for w, n in df.items()
                     if n >= 10 and 4 <= len(w) <= 14 and edited.get(w, 0) >= 2)
    weights = [df[w] for w in targets]
    sets = []
    for weighted, make in ((False, slip), (True, slip), (False, phonetic)):
        miss, seen = [], set()
        while len(miss) < N_MISS:
            t = rnd.choices(targets, weights)[0] if weighted else rnd.choice(targets)
            m, kind = make(t, rnd)
            if not m or m == t or m in seen or df.get(m, 0) >= 3 or len(m) < 3:
                continue
            seen.add(m)
            miss.append((m, t, kind))
        sets.append(miss)
    bands = [(3, 10), (10, 100), (100, 1000), (1000, 10 ** 9)]
    correct = []
    for lo, hi in bands:
        pool = sorted(w for w, n in df.items()
                      if lo <= n < hi and len(w) >= 3 and edited.get(w, 0) >= 2)
        correct += rnd.sample(pool, min(len(pool), N_CORRECT // len(bands)))
    att = attested_set(path, df, edited, rnd)
    # the human set draws from a generator of its own, so the sets above
    # stay what they were before it was added
    rnd = random.Random(seed + 1)
    long_targets = [w for w in targets if len(w) >= 6]
    hum, seen = [], set()
    while len(hum) < N_MISS:
        t = rnd.choice(long_targets)
        m, kind = human(t, rnd)
        if not m or m == t or m in seen or df.get(m, 0) >= 3:
            continue
        seen.add(m)
        hum.append((m, t, kind))
    pairs = lintian_pairs()
    n_docs = sum(1 for _ in docs(path))
    lin = lintian_sets(df, targets, pairs, n_docs) if pairs is not None else None
    return sets[0], sets[1], sets[2], att, correct, hum, lin


def xapian_db(path, dbdir):
    if os.path.exists(os.path.join(dbdir, "done")):
        return xapian.Database(dbdir)
    db = xapian.WritableDatabase(dbdir, xapian.DB_CREATE_OR_OVERWRITE)
    tg = xapian.TermGenerator()
    tg.set_stemmer(xapian.Stem("english"))
    tg.set_database(db)
    tg.set_flags(xapian.TermGenerator.FLAG_SPELLING)
    for title, body in docs(path):
        doc = xapian.Document()
        tg.set_document(doc)
        tg.index_text(title)
        tg.increase_termpos()
        tg.index_text(body)
        db.add_document(doc)
    db.commit()
    db.close()
    open(os.path.join(dbdir, "done"), "w").close()
    return xapian.Database(dbdir)


def nsearch_spell(nsearch, index, words):
    t0 = time.perf_counter()
    r = subprocess.run([nsearch, "-i", index, "--spell"], input="\n".join(words) + "\n",
                       capture_output=True, text=True)
    dt = time.perf_counter() - t0
    out = r.stdout.split("\n")[:len(words)]
    if r.returncode == 2 or len(out) != len(words):
        sys.exit("spell: nsearch --spell failed: " + r.stderr)
    return [o.strip().lower() for o in out], dt


def xapian_spell(db, words):
    t0 = time.perf_counter()
    out = [db.get_spelling_suggestion(w) for w in words]
    return [o.lower() if isinstance(o, str) else o.decode().lower() for o in out], \
        time.perf_counter() - t0


def fuzzy_visits(nsearch, index, words):
    """Mean and largest share of the word forms that word~1 and word~2 read
    (nsearch --debug-counters), over words."""
    out = {}
    for k in (1, 2):
        shares, probes = [], []
        for w in words:
            r = subprocess.run([nsearch, "-i", index, "-c", "--debug-counters", "%s~%d" % (w, k)],
                               capture_output=True, text=True)
            m = re.search(r"fuzzy_visited=(\d+) fuzzy_entries=(\d+) fuzzy_probes=(\d+)", r.stderr)
            if m and int(m.group(2)) > 0:
                shares.append(100.0 * int(m.group(1)) / int(m.group(2)))
                probes.append(int(m.group(3)))
        out[k] = (sum(shares) / max(len(shares), 1), max(shares) if shares else 0.0, len(shares),
                  sum(probes) / max(len(probes), 1))
    return out


def main():
    b = sys.argv[1]
    bbc = os.path.join(os.path.dirname(sys.argv[2]), "bbc_news.jsonl.gz")
    edited = doc_freqs(bbc)
    for corpus in sys.argv[2:]:
        name = os.path.basename(corpus).split(".")[0]
        work = os.path.join(b, "bench", "spell", name)
        os.makedirs(work, exist_ok=True)
        index = os.path.join(work, "index")
        # built again every run: an index left by an older nindex may be of
        # another format, or its build options of another time
        subprocess.run([os.path.join(b, "nindex"), "-q", "--full", "-i", index, corpus],
                       check=True)
        miss, miss_w, phon, att, correct, hum, lin = build_sets(corpus, 14, edited)
        lin_a, lin_b, held_a, held_b = lin if lin is not None else ([], [], [], [])
        with open(os.path.join(work, "misspelled.tsv"), "w") as f:
            for m, t, k in miss + miss_w + phon + att + hum + lin_a + held_a:
                f.write("%s\t%s\t%s\n" % (m, t, k))
        with open(os.path.join(work, "correct.txt"), "w") as f:
            f.write("\n".join(correct) + "\n")
        db = xapian_db(corpus, os.path.join(work, "xapian")) if xapian else None
        words = [m for m, _, _ in miss + miss_w + phon + att] + correct + \
            [m for m, _, _ in hum + lin_a + lin_b + held_a + held_b]
        ns, ns_t = nsearch_spell(os.path.join(b, "nsearch"), index, words)
        xa, xa_t = xapian_spell(db, words) if db else ([""] * len(words), 0.0)
        res = {}
        nm = len(miss)
        for name_, got in (("nsearch", ns), ("xapian", xa))[:2 if db else 1]:
            fixed = sum(1 for (m, t, _), g in zip(miss, got) if g == t)
            fixed_w = sum(1 for (m, t, _), g in zip(miss_w, got[nm:]) if g == t)
            fixed_p = sum(1 for (m, t, _), g in zip(phon, got[2 * nm:]) if g == t)
            fixed_a = sum(1 for (m, t, _), g in zip(att, got[3 * nm:]) if g == t)
            quiet = sum(1 for w, g in zip(correct, got[3 * nm + len(att):]) if g in ("", w))
            at_h = 3 * nm + len(att) + len(correct)
            fixed_h = sum(1 for (m, t, _), g in zip(hum, got[at_h:]) if g == t)
            at_l = at_h + len(hum)
            fixed_la = sum(1 for (m, t, _), g in zip(lin_a, got[at_l:]) if g == t)
            fixed_lb = sum(1 for (m, t, _), g in zip(lin_b, got[at_l + len(lin_a):]) if g == t)
            at_hl = at_l + len(lin_a) + len(lin_b)
            fixed_ha = sum(1 for (m, t, _), g in zip(held_a, got[at_hl:]) if g == t)
            fixed_hb = sum(1 for (m, t, _), g in zip(held_b, got[at_hl + len(held_a):]) if g == t)
            res[name_] = (100.0 * fixed / nm, 100.0 * fixed_w / nm, 100.0 * fixed_p / nm,
                          100.0 * fixed_a / max(len(att), 1), 100.0 * quiet / len(correct),
                          100.0 * fixed_h / len(hum), 100.0 * fixed_la / max(len(lin_a), 1),
                          100.0 * fixed_lb / max(len(lin_b), 1),
                          100.0 * fixed_ha / max(len(held_a), 1),
                          100.0 * fixed_hb / max(len(held_b), 1))
        print("== %s: %d + %d + %d + %d misspelled, %d attested in the archive, %d correct words"
              % (name, nm, nm, nm, len(hum), len(att), len(correct)))
        if lin is None:
            print("lintian set skipped: %s is absent (Debian's lintian)" % LINTIAN)
        else:
            print("lintian: %d + %d real misspellings (half A, developed on; half B, held back); "
                  "in the archive: %d + %d" % (len(lin_a), len(lin_b), len(held_a), len(held_b)))
        for name_, (fx, fw, fp, fa, qt, fh, la, lb, ha, hb) in res.items():
            print("%-8s corrected %5.1f%% (words by frequency: %5.1f%%, phonetic: %5.1f%%, "
                  "attested: %5.1f%%, human: %5.1f%%)  correct words left alone %5.1f%%"
                  % (name_, fx, fw, fp, fa, fh, qt))
            if lin is not None:
                print("%-8s lintian A %5.1f%%, lintian B %5.1f%%; in the archive: A %5.1f%%, "
                      "B %5.1f%%" % (name_, la, lb, ha, hb))
        if db:
            print("time per word: nsearch %.3f ms (one process, index open included), "
                  "xapian %.3f ms; ratio nsearch/xapian %.2f"
                  % (1e3 * ns_t / len(words), 1e3 * xa_t / len(words), ns_t / xa_t))
        else:
            print("time per word: nsearch %.3f ms (one process, index open included); "
                  "xapian skipped: python3-xapian is absent" % (1e3 * ns_t / len(words)))
        absent = absent_set(doc_freqs(corpus), 16)
        ab_ns, _ = nsearch_spell(os.path.join(b, "nsearch"), index, absent)
        line = "dictionary words the archive lacks: nsearch suggests a word for %.1f%%" % (
            100.0 * sum(1 for g in ab_ns if g) / max(len(absent), 1))
        if db:
            ab_xa, _ = xapian_spell(db, absent)
            line += ", xapian for %.1f%%" % (100.0 * sum(1 for g in ab_xa if g) / max(len(absent), 1))
        print(line + " (of %d, 8 letters or more)" % len(absent))
        sample = [t for _, t, _ in miss_w if len(t) >= 4][:100]
        v = fuzzy_visits(os.path.join(b, "nsearch"), index, sample)
        for k in (1, 2):
            print("word~%d reads %.2f%% of the word forms on average (largest %.2f%%) over %d "
                  "words, and looks at %.0f prefix table entries (in memory)"
                  % (k, v[k][0], v[k][1], v[k][2], v[k][3]))
        big = os.environ.get("SPELL_BIG_INDEX")
        if big:
            v = fuzzy_visits(os.path.join(b, "nsearch"), big, sample)
            for k in (1, 2):
                print("  on %s: word~%d reads %.2f%% of the word forms on average (largest "
                      "%.2f%%) over %d words" % (big, k, v[k][0], v[k][1], v[k][2]))
        with open(os.path.join(work, "misses.txt"), "w") as f:
            at_h = 3 * nm + len(att) + len(correct)
            # half B's misses are not written: it is held back from tuning
            at_hl = at_h + len(hum) + len(lin_a) + len(lin_b)
            for (m, t, k), g, x in zip(miss + miss_w + phon + att + hum + lin_a + held_a,
                                       ns[:at_h - len(correct)] + ns[at_h:at_hl - len(lin_b)] +
                                       ns[at_hl:],
                                       xa[:at_h - len(correct)] + xa[at_h:at_hl - len(lin_b)] +
                                       xa[at_hl:]):
                if g != t:
                    f.write("%s\t%s\t%s\tnsearch=%s\txapian=%s\n" % (k, m, t, g, x))
            for w, g in zip(correct, ns[3 * nm + len(att):]):
                if g not in ("", w):
                    f.write("correct\t%s\tnsearch=%s\n" % (w, g))


if __name__ == "__main__":
    main()
