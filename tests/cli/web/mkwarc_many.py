#!/usr/bin/env python3
"""mkwarc_many.py OUT.warc[.gz] -- many records for workers.sh.

Pages of very different sizes (so worker threads finish them out of
order), with problems between them (responses without WARC-Target-URI, one
of another protocol), a page over 1 MB (parsed by the reading thread, after
the pages before it), and a last record cut short.  A .gz name writes one
gzip member per record and cuts the last member short instead.
"""
import gzip
import sys

WORDS = ("harbour ferry council budget river bridge tram market school library "
         "museum festival weather storm election court station museum").split()


def page(k):
    n = 3 + (k * 37) % 60 if k != 41 else 6000
    paras = []
    for p in range(n):
        words = [WORDS[(k * 7 + p * 3 + i) % len(WORDS)] for i in range(30 + (k + p) % 20)]
        paras.append(f"<p>Record{k} paragraph{p} " + " ".join(words) + ".</p>")
    return (f"<!DOCTYPE html><html><head><title>Story {k} about the {WORDS[k % len(WORDS)]}"
            f"</title></head><body><nav><a href='/'>Home</a></nav><article><h1>Story {k} "
            f"about the {WORDS[k % len(WORDS)]}</h1>{''.join(paras)}</article></body></html>")


def record(uri, block):
    head = (f"WARC/1.1\r\nWARC-Type: response\r\nWARC-Date: 2024-06-01T12:00:00Z\r\n" +
            (f"WARC-Target-URI: {uri}\r\n" if uri else "") +
            f"Content-Type: application/http; msgtype=response\r\n"
            f"Content-Length: {len(block)}\r\n\r\n").encode()
    return head + block + b"\r\n\r\n"


def http(body):
    body = body.encode()
    return (b"HTTP/1.1 200 OK\r\nContent-Type: text/html\r\n" +
            b"Content-Length: %d\r\n\r\n" % len(body) + body)


recs = []
for k in range(90):
    if k % 13 == 5 or k == 89:
        recs.append(record(None, http(page(k))))
    elif k == 60:
        recs.append(record(None, b"SPDY/3 200 OK\r\n\r\nnot http"))
    else:
        recs.append(record(f"https://w.example/{k}", http(page(k))))
last = record("https://w.example/last", http(page(99)))
if sys.argv[1].endswith(".gz"):
    out = b"".join(gzip.compress(r, mtime=0) for r in recs)
    out += gzip.compress(last, mtime=0)[:-100]
else:
    out = b"".join(recs) + last[:len(last) - 200]
with open(sys.argv[1], "wb") as f:
    f.write(out)
