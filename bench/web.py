#!/usr/bin/env python3
"""web.py BUILD_DIR [DATA_DIR] -- the web readers' speed (make bench, make bench-web).

1. HTML vs JSON Lines: the html-dev pages (COPIES times each, default 8)
   are indexed as web pages, and the same articles as JSON Lines holding
   the text the HTML reader extracted (build/webx); articles per second of
   each and their ratio, from one run, the two runs alternating (ROUNDS,
   default 3; the best of each is kept).  Times are CPU seconds (user +
   system): the machine may be shared.  The wall clock is shown too: pages
   are parsed on worker threads (indexer/readahead.h), which shortens the
   wall clock, not the CPU time.  Goal: ratio >= 0.5.
2. WARC: the pages as response records of one .warc.gz of WARC_MB
   megabytes (default 1024) inflated, one gzip member per record; nindex's
   time and peak RSS (/usr/bin/time -v), which must not grow with the size.
"""
import gzip
import json
import os
import re
import resource
import shutil
import subprocess
import sys
import tempfile
import time


def run_index(nindex, idx, src):
    """CPU seconds (user + system) and wall seconds of one nindex run: on a
    shared machine the wall clock measures the neighbours too."""
    shutil.rmtree(idx, ignore_errors=True)
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    t0 = time.monotonic()
    subprocess.run([nindex, "-q", "-i", idx, src], check=True)
    wall = time.monotonic() - t0
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    return (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime), wall


def peak_rss(cmd, env=None):
    r = subprocess.run(["/usr/bin/time", "-v"] + cmd, capture_output=True, text=True, env=env)
    m = re.search(r"Maximum resident set size \(kbytes\): (\d+)", r.stderr)
    return int(m.group(1)) if m else None


def main():
    build = os.path.abspath(sys.argv[1] if len(sys.argv) > 1 else "build")
    data = sys.argv[2] if len(sys.argv) > 2 else os.path.join(
        os.path.dirname(os.path.abspath(__file__)), "..", "..", "shared", "data", "html-dev")
    copies = int(os.environ.get("COPIES", "8"))
    rounds = int(os.environ.get("ROUNDS", "3"))
    warc_mb = int(os.environ.get("WARC_MB", "1024"))
    nindex = os.path.join(build, "nindex")
    pages_dir = os.path.join(data, "pages")
    names = sorted(f for f in os.listdir(pages_dir) if f.endswith(".html.gz"))
    pages = [(n[:-len(".html.gz")], gzip.open(os.path.join(pages_dir, n)).read()) for n in names]

    with tempfile.TemporaryDirectory(dir=os.path.join(build)) as tmp:
        html_src = os.path.join(tmp, "html")
        os.mkdir(html_src)
        for c in range(copies):
            for name, raw in pages:
                with open(os.path.join(html_src, f"{name}-{c}.html"), "wb") as f:
                    f.write(raw)
        # the same articles, as the HTML reader extracts them
        out = subprocess.run([os.path.join(build, "webx")] +
                             [os.path.join(html_src, f"{n}-0.html") for n, _ in pages],
                             capture_output=True, check=True).stdout
        arts = [json.loads(l) for l in out.split(b"\n") if l]
        jl_src = os.path.join(tmp, "jsonl")
        os.mkdir(jl_src)
        with open(os.path.join(jl_src, "pages.jsonl"), "w", encoding="utf-8") as f:
            for c in range(copies):
                for a in arts:
                    f.write(json.dumps({"id": os.path.basename(a["file"]) + f"#{c}",
                                        "title": a["title"], "body": a["body"],
                                        "date": a["date"], "source": a["source"],
                                        "url": a["url"]}, ensure_ascii=False) + "\n")
        n = len(pages) * copies
        best_h = best_j = wall_h = wall_j = float("inf")
        for _ in range(rounds):
            cpu, wall = run_index(nindex, os.path.join(tmp, "ih"), html_src)
            best_h, wall_h = min(best_h, cpu), min(wall_h, wall)
            cpu, wall = run_index(nindex, os.path.join(tmp, "ij"), jl_src)
            best_j, wall_j = min(best_j, cpu), min(wall_j, wall)
        mb = sum(len(r) for _, r in pages) * copies / 1e6
        print(f"== web pages: {n} pages ({mb:.0f} MB of HTML), best of {rounds} alternating runs")
        print(f"html:  {best_h:.2f} CPU s  {n / best_h:.0f} articles/s")
        print(f"jsonl: {best_j:.2f} CPU s  {n / best_j:.0f} articles/s (the same articles' text)")
        print(f"ratio html/jsonl: {best_j / best_h:.2f} (goal >= 0.5)")
        print(f"wall clock: html {wall_h:.2f} s, jsonl {wall_j:.2f} s, "
              f"ratio html/jsonl {wall_j / wall_h:.2f}")

        if warc_mb <= 0:
            return
        warc_dir = os.path.join(tmp, "warc")
        os.mkdir(warc_dir)
        path = os.path.join(warc_dir, "crawl.warc.gz")
        total = k = 0
        with open(path, "wb") as f:
            while total < warc_mb * 1_000_000:
                name, raw = pages[k % len(pages)]
                http = (b"HTTP/1.1 200 OK\r\nContent-Type: text/html\r\nContent-Length: %d\r\n\r\n"
                        % len(raw)) + raw
                head = (f"WARC/1.1\r\nWARC-Type: response\r\nWARC-Target-URI: https://dev.example/{k}/{name}\r\n"
                        f"WARC-Date: 2024-01-01T00:00:00Z\r\nContent-Type: application/http; msgtype=response\r\n"
                        f"Content-Length: {len(http)}\r\n\r\n").encode()
                rec = head + http + b"\r\n\r\n"
                f.write(gzip.compress(rec, compresslevel=1, mtime=0))
                total += len(rec)
                k += 1
        before = resource.getrusage(resource.RUSAGE_CHILDREN)
        rss = peak_rss([nindex, "-q", "-i", os.path.join(tmp, "iw"), warc_dir])
        after = resource.getrusage(resource.RUSAGE_CHILDREN)
        secs = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
        print(f"== WARC: {total / 1e6:.0f} MB inflated ({os.path.getsize(path) / 1e6:.0f} MB gzip),"
              f" {k} response records")
        print(f"nindex: {secs:.1f} CPU s, {k / secs:.0f} records/s, peak RSS {rss} KB"
              " (--memory 256M, the default)")
        # the pages in flight are counted against --memory (pagepool.h): a
        # quarter of the budget is set aside for them (4 MB a page, 2..6
        # pages for each of the two pools), and what the workers add to the
        # peak must stay within that
        for mem in (256, 64, 32):
            per_pool = (mem // 4 // 2) // 4
            slots = min(per_pool, 6) if per_pool >= 2 else 0
            aside = 2 * slots * 4 * 1024
            r_on = peak_rss([nindex, "-q", "--memory", f"{mem}M", "-i",
                             os.path.join(tmp, f"iw{mem}"), warc_dir])
            env = dict(os.environ, NS_PAGE_WORKERS="0")
            r_off = peak_rss([nindex, "-q", "--memory", f"{mem}M", "-i",
                              os.path.join(tmp, f"iw{mem}o"), warc_dir], env)
            extra = (r_on or 0) - (r_off or 0)
            ok = r_on is not None and r_off is not None and extra <= aside
            print(f"--memory {mem}M: peak RSS {r_on} KB with workers, {r_off} KB without:"
                  f" pages in flight {extra:+d} KB, set aside {aside} KB"
                  f" ({'ok' if ok else 'OVER'})")


if __name__ == "__main__":
    main()
