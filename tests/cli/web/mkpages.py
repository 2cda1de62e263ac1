#!/usr/bin/env python3
"""mkpages.py DIR -- web page files for workers.sh.

Pages of very different sizes (so worker threads finish them out of
order), gzip-compressed ones, one over the read-ahead size (read by the
main thread), files the reader must report (binary, empty, damaged gzip),
plain text and JSON Lines between them, and a WARC (mkwarc_many.py).
"""
import gzip
import os
import sys

WORDS = ("harbour ferry council budget river bridge tram market school library "
         "museum festival weather storm election court station").split()


def page(k, paras=None):
    n = paras if paras is not None else 2 + (k * 37) % 90
    body = "".join(
        f"<p>Page{k} paragraph{p} " +
        " ".join(WORDS[(k * 5 + p * 3 + i) % len(WORDS)] for i in range(25 + (k + p) % 30)) +
        ".</p>" for p in range(n))
    return (f"<!DOCTYPE html><html><head><title>Page {k} on the {WORDS[k % len(WORDS)]}</title>"
            f"<meta property='article:published_time' content='2024-03-{1 + k % 28:02d}'>"
            f"</head><body><nav><a href='/'>Home</a></nav><article><h1>Page {k} on the "
            f"{WORDS[k % len(WORDS)]}</h1>{body}</article><footer>Footer</footer></body></html>")


d = sys.argv[1]
os.makedirs(d, exist_ok=True)
for k in range(40):
    name = os.path.join(d, f"p{k:02d}.html")
    if k % 8 == 3:
        with gzip.open(name + ".gz", "wb") as f:
            f.write(page(k).encode())
    elif k == 17:
        with open(name, "w") as f:
            f.write(page(k, paras=9000))	# over 2 MB
    else:
        with open(name, "w") as f:
            f.write(page(k))
with open(os.path.join(d, "p05b.html"), "wb") as f:
    f.write(b"\0\x01\x02binary" * 100)
open(os.path.join(d, "p06b.html"), "wb").close()
with open(os.path.join(d, "p07b.html.gz"), "wb") as f:
    f.write(gzip.compress(page(7).encode())[:300])
with open(os.path.join(d, "p20.txt"), "w") as f:
    f.write("A plain note about the ferry\n\nThe ferry runs again on Sunday.\n")
with open(os.path.join(d, "p30.jsonl"), "w") as f:
    f.write('{"id": "j1", "title": "Tram", "body": "The tram runs."}\n{"id": "j2", "body": \n')
