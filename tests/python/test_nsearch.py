# SPDX-License-Identifier: MIT
"""test_nsearch.py BUILD_DIR -- python/nsearch.py against nsearch itself.

Run by tests/python/run.sh with NSEARCH_LIB set to BUILD_DIR's shared
library: builds indexes of corpus/, tests/data/mini, tests/data/mini-json
and a few crafted articles (titles in several scripts, bytes that are not
UTF-8) with BUILD_DIR/nindex, then checks that the module's hits equal the
lines of `nsearch --format json` for the same queries and options, its
counts `nsearch -c`, its stats `nsearch --stats`, its errors nsearch's
messages and columns.  Prints one line per failing check and ends with
"python: N passed, N failed".
"""
import json
import os
import subprocess
import sys
import tempfile
import threading

REPO = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
sys.path.insert(0, os.path.join(REPO, "python"))
import nsearch  # noqa: E402

passed = failed = 0


def check(name, ok, detail=""):
    global passed, failed
    if ok:
        passed += 1
    else:
        failed += 1
        print("FAIL %s%s" % (name, ": " + detail if detail else ""))


def run(args, **kw):
    return subprocess.run(args, stdout=subprocess.PIPE, stderr=subprocess.PIPE, **kw)


def cli_json(nsearch_bin, index, query, opts):
    p = run([nsearch_bin, "-i", index, "--format", "json"] + opts + ["--", query])
    return p.returncode, [json.loads(line) for line in p.stdout.decode().splitlines()]


def same_hits(got, want):
    """Equal as nsearch prints them: every key, the score to 4 decimals."""
    if len(got) != len(want):
        return False
    for g, w in zip(got, want):
        g = dict(g, score=float("%.4f" % g["score"]))
        if g != w:
            return False
    return True


def main():
    build = os.path.abspath(sys.argv[1])
    nindex_bin, nsearch_bin = os.path.join(build, "nindex"), os.path.join(build, "nsearch")
    tmp = tempfile.mkdtemp(prefix="nsearch-py.")
    crafted = os.path.join(tmp, "crafted")
    os.mkdir(crafted)
    # Titles in several scripts, and a title and body with bytes that are
    # not UTF-8 (a cut 3-byte sequence: one U+FFFD per byte, as in JSON).
    with open(os.path.join(crafted, "tokyo.txt"), "w", encoding="utf-8") as f:
        f.write("Tōkyō 東京 Ünïcödé ☃ Κόσμος\n\nThe snowman ☃ met Κόσμος in 東京 near the "
                "station; ünïcödé words follow.\n")
    with open(os.path.join(crafted, "broken.txt"), "wb") as f:
        f.write(b"Broken \xe2\x82 title caf\xe9\n\nThe broken bytes \xe2\x82 stay in the "
                b"snowman story, caf\xe9 too.\n")
    idx = {}
    for name, src in (("corpus", [os.path.join(REPO, "corpus")]),
                      ("mini", [os.path.join(REPO, "tests/data/mini"),
                                os.path.join(REPO, "tests/data/mini-json"), crafted])):
        idx[name] = os.path.join(tmp, name + ".idx")
        p = run([nindex_bin, "-q", "-i", idx[name]] + src)
        check("nindex %s" % name, p.returncode in (0, 1), p.stderr.decode())

    cases = [
        ("corpus", "saudi airspace", {}, []),
        ("corpus", "minister OR government", {}, []),
        ("corpus", "minister OR government", {"limit": 2, "offset": 1}, ["-n", "2", "--offset", "1"]),
        ("corpus", '"prime minister"', {}, []),
        ("corpus", "iran NEAR/5 talks", {}, []),
        ("mini", "the", {"limit": 100}, ["-n", "100"]),
        ("mini", "the", {"sort": "date", "limit": 100}, ["--sort", "date", "-n", "100"]),
        ("mini", "the", {"sort": "-date", "limit": 5}, ["--sort", "-date", "-n", "5"]),
        ("mini", "the", {"since": "2024-01", "until": "2024-06-30"},
         ["--since", "2024-01", "--until", "2024-06-30"]),
        ("mini", "snowman", {}, []),
        ("mini", "東京", {}, []),
        ("mini", "Κόσμος OR broken", {}, []),
        ("mini", "café", {}, []),
        ("mini", "metro city", {"any": True}, ["--any"]),
        ("mini", "zzznotaword", {}, []),
        ("corpus", "iran", {"collapse": "story", "limit": 10}, ["--collapse=story", "-n", "10"]),
        ("corpus", "iran", {"collapse": "story", "limit": 1, "offset": 1},
         ["--collapse=story", "-n", "1", "--offset", "1"]),
        ("corpus", "iran", {"collapse": "dups", "limit": 10}, ["--collapse=dups", "-n", "10"]),
    ]
    with nsearch.Index(idx["corpus"]) as ci, nsearch.Index(idx["mini"]) as mi:
        handles = {"corpus": ci, "mini": mi}
        for name, q, kw, opts in cases:
            label = "search %s %r %s" % (name, q, kw)
            rc, want = cli_json(nsearch_bin, idx[name], q, opts)
            got = handles[name].search(q, **kw)
            check(label, same_hits(got, want), "\n  got  %r\n  want %r" % (got, want))
            check(label + " nonempty unless no match", bool(want) == (rc == 0))
            if "limit" not in kw and "offset" not in kw:
                cnt = run([nsearch_bin, "-i", idx[name], "-c"] + opts + ["--", q])
                c = handles[name].count(q, **{k: v for k, v in kw.items()
                                              if k in ("since", "until", "any")})
                check("count " + label, str(c) == cnt.stdout.decode().strip(),
                      "%d vs %r" % (c, cnt.stdout))
                check("total " + label, got.total == c)

        # Titles: the scripts, and the replaced bytes.
        hit = mi.search("東京")
        check("unicode title", hit and hit[0]["title"] == "Tōkyō 東京 Ünïcödé ☃ Κόσμος", repr(hit))
        hit = mi.search("broken")
        rc, want = cli_json(nsearch_bin, idx["mini"], "broken", [])
        check("bytes not UTF-8 in a title", hit and "\ufffd" in hit[0]["title"] and
              hit[0]["title"] == want[0]["title"], repr(hit))
        check("bytes not UTF-8: one U+FFFD each, as the JSON output",
              nsearch._text(b"a\xe2\x82b\xe9\xf0\x9f\x98") == "a\ufffd\ufffdb\ufffd\ufffd\ufffd\ufffd")
        check("highlights are byte offsets",
              hit and all(hit[0]["snippet"].encode("utf-8", "surrogatepass")
                          [a:b].lower() == b"broken" for a, b in hit[0]["highlights"]),
              repr(hit))

        # Stories: a story's timeline as nsearch --story prints it, by an
        # article's id and by the story id; hits of one story share it.
        iran = ci.search("iran")
        check("iran: two stories", len({h["story"] for h in iran}) == 2, repr(iran))
        first = ci.search("iran", collapse="story")[0]
        tl = ci.story(first["id"])
        rc, want = 0, [json.loads(line) for line in run(
            [nsearch_bin, "-i", idx["corpus"], "--format", "json", "--story", first["id"]]
        ).stdout.decode().splitlines()]
        check("story timeline as --story", same_hits(tl, want), "\n  got  %r\n  want %r" % (tl, want))
        check("story by its id", [h["id"] for h in ci.story(first["story"])] == [h["id"] for h in tl])
        check("story size", len(tl) == first["story_size"] == 3, repr(tl))
        try:
            ci.story("no-such-story")
            check("story not found raises", False)
        except nsearch.NSearchError as e:
            check("story not found code", e.code == nsearch.NS_ERR_NOTFOUND, repr(e))

        # Articles.
        with open(os.path.join(REPO, "tests/data/mini-json/news.jsonl"), encoding="utf-8") as f:
            j1 = json.loads(f.readline())
        check("article j1", mi.article("j1") == j1["body"], repr(mi.article("j1")))
        check("article unicode", "☃ met Κόσμος in 東京" in mi.article(
            mi.search("東京")[0]["id"]))
        try:
            mi.article("no-such-id")
            check("article not found raises", False)
        except nsearch.NSearchError as e:
            check("article not found code", e.code == nsearch.NS_ERR_NOTFOUND, repr(e))

        # Stats as nsearch --stats prints them.
        st = run([nsearch_bin, "-i", idx["mini"], "--stats"]).stdout.decode()
        cli = dict(line.split("=", 1) for line in st.splitlines() if "=" in line)
        s = mi.stats()
        for k in ("docs", "words", "terms", "postings", "dated_docs", "first_date",
                  "last_date", "language", "generation", "segments", "built"):
            check("stats " + k, str(s[k]) == cli.get(k), "%r vs %r" % (s[k], cli.get(k)))
        check("stats sources", len(s["sources"]) == 3 and crafted in s["sources"],
              repr(s["sources"]))

        # Errors: code, message and column as nsearch reports them.
        for q in ("a AND (b", "a OR", "NEAR/5 x"):
            p = run([nsearch_bin, "-i", idx["corpus"], "--", q])
            try:
                ci.search(q)
                check("syntax error %r raises" % q, False)
            except nsearch.NSearchError as e:
                check("syntax error %r" % q,
                      e.code == nsearch.NS_ERR_QUERY and e.column > 0 and
                      ("column %d" % e.column) in e.message and
                      e.message in p.stderr.decode(),
                      "%r vs %r" % (e, p.stderr))
        for kw in ({"since": "2024-13"}, {"sort": "newest"}, {"limit": 10 ** 7}):
            try:
                ci.search("oil", **kw)
                check("bad option %r raises" % kw, False)
            except nsearch.NSearchError as e:
                check("bad option %r" % kw, e.code == nsearch.NS_ERR_USAGE, repr(e))

        # Two threads on one Index.
        want = [h["id"] for h in mi.search("the", limit=100)]
        outs = []

        def worker():
            for _ in range(20):
                outs.append([h["id"] for h in mi.search("the", limit=100)])
        ts = [threading.Thread(target=worker) for _ in range(2)]
        for t in ts:
            t.start()
        for t in ts:
            t.join()
        check("two threads", len(outs) == 40 and all(o == want for o in outs))

    # Several indexes as one: the answers of nsearch -i A -i B.
    with nsearch.Index([idx["corpus"], idx["mini"]]) as both:
        check("pieces", [n for n, _ in both.pieces()] == ["corpus.idx", "mini.idx"],
              repr(both.pieces()))
        for q, kw, opts in (("the OR iran", {"limit": 50}, ["-n", "50"]),
                            ("minister", {"sort": "-date"}, ["--sort", "-date"])):
            p = run([nsearch_bin, "-i", idx["corpus"], "-i", idx["mini"], "--format", "json"]
                    + opts + ["--", q])
            want = [json.loads(line) for line in p.stdout.decode().splitlines()]
            got = both.search(q, **kw)
            check("several indexes %r" % q, len(want) > 0 and same_hits(got, want),
                  "%d hits, %d from the CLI" % (len(got), len(want)))
        with nsearch.Index(idx["corpus"]) as a, nsearch.Index(idx["mini"]) as b:
            n = a.count("the") + b.count("the")
        check("several indexes count", n > 0 and both.count("the") == n)
    try:
        nsearch.Index([idx["corpus"], os.path.join(tmp, "none")])
        check("a missing piece raises", False)
    except nsearch.NSearchError as e:
        check("a missing piece", e.code == nsearch.NS_ERR_NOTFOUND and "none" in e.message,
              repr(e))
    with nsearch.Index(idx["corpus"]) as one:
        check("one index has no pieces", one.pieces() == [])

    try:
        nsearch.Index(os.path.join(tmp, "none"))
        check("missing index raises", False)
    except nsearch.NSearchError as e:
        check("missing index", e.code == nsearch.NS_ERR_NOTFOUND and "none" in e.message,
              repr(e))
    closed = nsearch.Index(idx["corpus"])
    closed.close()
    closed.close()
    try:
        closed.search("oil")
        check("closed index raises", False)
    except nsearch.NSearchError as e:
        check("closed index", e.code == nsearch.NS_ERR_USAGE)

    # NSEARCH_LIB names the library loaded.
    env = dict(os.environ, NSEARCH_LIB=os.path.join(tmp, "libnone.so"))
    p = run([sys.executable, "-c", "import nsearch"], env=env,
            cwd=os.path.join(REPO, "python"))
    check("NSEARCH_LIB is used", p.returncode != 0 and b"libnone.so" in p.stderr, p.stderr)
    with open(os.path.join(REPO, "include/nsearch.h"), encoding="utf-8") as f:
        hdr = [line.split('"')[1] for line in f if line.startswith("#define NSEARCH_VERSION ")]
    check("version", [nsearch.library_version()] == hdr, repr(hdr))
    subprocess.run(["rm", "-rf", tmp])
    print("python: %d passed, %d failed" % (passed, failed))
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
