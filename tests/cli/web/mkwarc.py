#!/usr/bin/env python3
"""mkwarc.py OUT.warc[.gz] -- hand-made WARC edge cases for warc-edge.sh.

Records: warcinfo; a plain 200 response; a chunked one; a gzip-encoded and
chunked one; a Latin-1 page whose charset is only in the HTTP header; a PNG
response; a request; a 404 page; a page with no date of its own (the
WARC-Date stands); a last response cut short.  A .gz name writes one gzip
member per record, as crawlers do, and cuts the last member short.
"""
import gzip
import sys
import zlib


def page(title, text, head=""):
    return (f"<!DOCTYPE html><html><head><title>{title}</title>{head}</head><body>"
            f"<nav><a href='/'>Home</a> <a href='/news'>News</a></nav><article><h1>{title}</h1>"
            f"<p>{text}</p></article><footer>Footer text of the site</footer></body></html>")


def http(body, ctype="text/html; charset=utf-8", status="200 OK", extra=b""):
    if isinstance(body, str):
        body = body.encode()
    return (f"HTTP/1.1 {status}\r\nContent-Type: {ctype}\r\n".encode() + extra +
            f"Content-Length: {len(body)}\r\n\r\n".encode() + body)


def chunked(data, size=40):
    out = b""
    for i in range(0, len(data), size):
        part = data[i:i + size]
        out += b"%x;ext=1\r\n" % len(part) + part + b"\r\n"
    return out + b"0\r\nX-Trailer: yes\r\n\r\n"


SERIAL = [0]


def record(kind, uri, block, date="2024-06-01T12:00:00Z", ctype="application/http; msgtype=response"):
    SERIAL[0] += 1
    head = (f"WARC/1.1\r\nWARC-Type: {kind}\r\nWARC-Record-ID: <urn:uuid:{SERIAL[0]:012d}>\r\n"
            f"WARC-Date: {date}\r\n" + (f"WARC-Target-URI: {uri}\r\n" if uri else "") +
            f"Content-Type: {ctype}\r\nContent-Length: {len(block)}\r\n\r\n").encode()
    return head + block + b"\r\n\r\n"


def main():
    out = sys.argv[1]
    recs = []
    recs.append(record("warcinfo", None, b"software: mkwarc.py\r\nformat: WARC File Format 1.1\r\n",
                       ctype="application/warc-fields"))
    recs.append(record("request", "https://e.example/plain",
                       b"GET /plain HTTP/1.1\r\nHost: e.example\r\n\r\n",
                       ctype="application/http; msgtype=request"))
    recs.append(record("response", "https://e.example/plain", http(page(
        "Plain page about the river ferry",
        "The river ferry carried more passengers this spring than in any year before.",
        "<meta property='article:published_time' content='2024-05-30T09:00:00Z'>"))))
    body = page("Chunked page about the market hall",
                "The market hall will open on Sundays from June, the council said on Tuesday.").encode()
    recs.append(record("response", "https://e.example/chunked",
                       b"HTTP/1.1 200 OK\r\nContent-Type: text/html\r\nTransfer-Encoding: chunked\r\n\r\n"
                       + chunked(body)))
    body = page("Gzipped page about the bridge repairs",
                "Repairs to the old stone bridge will close it to cars for six weeks.").encode()
    recs.append(record("response", "https://e.example/gzip",
                       b"HTTP/1.1 200 OK\r\nContent-Type: text/html; charset=UTF-8\r\n"
                       b"Content-Encoding: gzip\r\nTransfer-Encoding: chunked\r\n\r\n"
                       + chunked(gzip.compress(body, mtime=0), 64)))
    body = page("Caf\u00e9 on the quay", "Le caf\u00e9 du quai rouvre ses portes apr\u00e8s l'\u00e9t\u00e9.")
    recs.append(record("response", "https://e.example/latin1",
                       http(body.encode("latin-1"), ctype="text/html; charset=ISO-8859-1")))
    body = page("Deflated page about the tram line", "The new tram line opens in the autumn.").encode()
    recs.append(record("response", "https://e.example/deflate",
                       http(zlib.compress(body), extra=b"Content-Encoding: deflate\r\n")))
    recs.append(record("response", "https://e.example/logo.png",
                       http(b"\x89PNG\r\n\x1a\n" + bytes(range(256)), ctype="image/png")))
    recs.append(record("response", "https://e.example/missing",
                       http(page("Not found", "This page does not exist, sorry about that."),
                            status="404 Not Found")))
    recs.append(record("response", "https://e.example/redirect",
                       b"HTTP/1.1 301 Moved Permanently\r\nLocation: /plain\r\nContent-Length: 0\r\n\r\n"))
    recs.append(record("metadata", "https://e.example/plain", b"via: https://e.example/\r\n",
                       ctype="application/warc-fields"))
    last = record("response", "https://e.example/cut", http(page(
        "Cut page", "This record ends before its Content-Length says it does, "
        "as when a crawler is stopped while it writes.")))
    if out.endswith(".gz"):
        data = b"".join(gzip.compress(r, mtime=0) for r in recs)
        data += gzip.compress(last, mtime=0)[:-40]
    else:
        data = b"".join(recs) + last[:-120]
    with open(out, "wb") as f:
        f.write(data)


main()
