"""nsbench_out.py -- run nsbench --bench and read its lines (shared by the
bench scripts).

nsbench --bench QUERIES prints one tab-separated line per query:
id, class, query, top-10 microseconds, top-10 + exact count microseconds
("-" in the times for a query that failed); lines starting with # are
comments."""
import subprocess


def bench(nsbench, idx_args, queries, repeat=5, k=10, env=None):
    """{query id: (class, top-10 us, top-10 + count us)} of one nsbench run
    over idx_args (["-i", IDX, ...])."""
    out = subprocess.run([nsbench] + idx_args + ["--bench", queries, "--repeat", str(repeat),
                                                 "-n", str(k)],
                         check=True, capture_output=True, text=True, env=env).stdout
    per_query = {}
    for line in out.splitlines():
        if not line or line.startswith("#"):
            continue
        f = line.split("\t")
        if f[3] == "-":
            continue
        per_query[f[0]] = (f[1], float(f[3]), float(f[4]))
    return per_query


def by_class(per_query):
    """{class: [(top-10 us, + count us), ...]} plus "ALL" for every query."""
    cls = {}
    for c, t, u in per_query.values():
        cls.setdefault(c, []).append((t, u))
    cls["ALL"] = [x for v in list(cls.values()) for x in v]
    return cls


def p95(v):
    """The 95th percentile of v (nearest rank, rounding down)."""
    v = sorted(v)
    return v[max(0, int(0.95 * len(v)) - 1)]
