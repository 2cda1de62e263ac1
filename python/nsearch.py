# SPDX-License-Identifier: MIT
"""nsearch.py -- the nsearch engine from Python, over libnsearch with ctypes.

No compiler and no pip: the module loads the shared library and calls the
functions of nsearch.h (see nsearch(3)).

    import nsearch
    with nsearch.Index("news.idx") as idx:
        print(idx.count("iran"))
        for hit in idx.search("iran NEAR/5 talks", limit=5, sort="-date"):
            print(hit["rank"], hit["score"], hit["id"], hit["title"])

A hit is a dict with the keys of `nsearch --format json` (version, rank,
score, id, title, date, source, url, path, snippet, highlights, story,
story_size) and the same values: title, date, source, url and path are None when the article
has none; highlights are [start, end) byte offsets into the snippet's
UTF-8 bytes; bytes that are not UTF-8 become U+FFFD one by one.  Only the
score differs: JSON prints it to 4 decimals, here it is the full double.

The library is the one NSEARCH_LIB names when set, else libnsearch.so.0
through the system loader (ctypes.util.find_library, then the soname).
Failures raise NSearchError with .code (an NS_ERR_* value), .message and,
for query syntax errors, the 1-based .column.

An Index may be shared by threads (nsearch(3), THREAD SAFETY).
"""
import codecs
import ctypes
import ctypes.util
import os

__all__ = ["Index", "NSearchError", "library_version", "JSON_VERSION",
           "NS_ERR_NOMEM", "NS_ERR_IO", "NS_ERR_CORRUPT", "NS_ERR_VERSION",
           "NS_ERR_QUERY", "NS_ERR_INPUT", "NS_ERR_USAGE", "NS_ERR_LIMIT",
           "NS_ERR_NOTFOUND"]

# The layout version of a hit dict: NS_OUTPUT_JSON_VERSION of nsearch's
# JSON output, whose lines the dicts equal.
JSON_VERSION = 1

# enum ns_err of nsearch.h
NS_OK = 0
NS_DONE = 1
NS_ERR_NOMEM = -1
NS_ERR_IO = -2
NS_ERR_CORRUPT = -3
NS_ERR_VERSION = -4
NS_ERR_QUERY = -5
NS_ERR_INPUT = -6
NS_ERR_USAGE = -7
NS_ERR_LIMIT = -8
NS_ERR_NOTFOUND = -9

# enum ns_order of nsearch.h, by the names of nsearch --sort
_ORDERS = {"score": 0, "date": 1, "-date": 2}
# enum ns_collapse of nsearch.h, by the names of nsearch --collapse
_COLLAPSE = {"none": 0, "dups": 1, "story": 2}
_MAJOR = 0  # NSEARCH_VERSION_MAJOR this module is written for


class NSearchError(Exception):
    """A failing call: code (NS_ERR_*), message, column (0 when none)."""

    def __init__(self, code, message, column=0):
        super().__init__(message)
        self.code = code
        self.message = message
        self.column = column

    def __repr__(self):
        return "NSearchError(%d, %r, %d)" % (self.code, self.message, self.column)


# Invalid UTF-8 becomes one U+FFFD per byte, as the JSON output has it.
def _per_byte_replace(exc):
    return ("\ufffd", exc.start + 1)


codecs.register_error("nsearch.replace", _per_byte_replace)


def _text(b):
    return b.decode("utf-8", "nsearch.replace")


class _Result(ctypes.Structure):
    _fields_ = [
        ("rank", ctypes.c_size_t), ("score", ctypes.c_double),
        ("docid", ctypes.c_uint64),
        ("id", ctypes.c_void_p), ("id_len", ctypes.c_size_t),
        ("title", ctypes.c_void_p), ("title_len", ctypes.c_size_t),
        ("date", ctypes.c_char_p),
        ("source", ctypes.c_void_p), ("source_len", ctypes.c_size_t),
        ("url", ctypes.c_void_p), ("url_len", ctypes.c_size_t),
        ("path", ctypes.c_void_p), ("path_len", ctypes.c_size_t),
        ("snippet", ctypes.c_void_p), ("snippet_bytes", ctypes.c_size_t),
        ("highlights", ctypes.POINTER(ctypes.c_size_t * 2)),
        ("n_highlights", ctypes.c_size_t),
        ("story", ctypes.c_char_p), ("story_size", ctypes.c_size_t),
    ]


class _Stats(ctypes.Structure):
    _fields_ = [
        ("docs", ctypes.c_uint64), ("words", ctypes.c_uint64),
        ("avg_doc_words", ctypes.c_double),
        ("terms", ctypes.c_uint64), ("word_terms", ctypes.c_uint64),
        ("field_terms", ctypes.c_uint64), ("postings", ctypes.c_uint64),
        ("positions", ctypes.c_uint64), ("field_postings", ctypes.c_uint64),
        ("dated_docs", ctypes.c_uint64),
        ("first_date", ctypes.c_char * 11), ("last_date", ctypes.c_char * 11),
        ("language", ctypes.c_char_p), ("generation", ctypes.c_uint64),
        ("built", ctypes.c_char * 32), ("segments", ctypes.c_uint32),
        ("deleted_docs", ctypes.c_uint64),
        ("postings_bytes", ctypes.c_uint64), ("dictionary_bytes", ctypes.c_uint64),
        ("postings_file_bytes", ctypes.c_uint64),
        ("documents_file_bytes", ctypes.c_uint64),
        ("sources", ctypes.POINTER(ctypes.c_char_p)), ("n_sources", ctypes.c_size_t),
    ]


def _load():
    name = os.environ.get("NSEARCH_LIB") or ctypes.util.find_library("nsearch") \
        or "libnsearch.so.0"
    lib = ctypes.CDLL(name)
    P, I, S, U64 = ctypes.c_void_p, ctypes.c_int, ctypes.c_size_t, ctypes.c_uint64
    CP = ctypes.c_char_p
    sigs = {
        "ns_version": (CP, []),
        "ns_strerror": (CP, [I]),
        "ns_index_open": (I, [CP, ctypes.POINTER(P)]),
        "ns_index_open_many": (I, [ctypes.POINTER(CP), S, ctypes.POINTER(P)]),
        "ns_index_n_pieces": (S, [P]),
        "ns_index_piece": (I, [P, S, ctypes.POINTER(CP), ctypes.POINTER(CP)]),
        "ns_index_close": (None, [P]),
        "ns_index_errmsg": (CP, [P]),
        "ns_index_errcode": (I, [P]),
        "ns_index_errcol": (S, [P]),
        "ns_opts_new": (P, []),
        "ns_opts_free": (None, [P]),
        "ns_opts_set_limit": (I, [P, S]),
        "ns_opts_set_offset": (I, [P, S]),
        "ns_opts_set_order": (I, [P, I]),
        "ns_opts_set_since": (I, [P, CP]),
        "ns_opts_set_until": (I, [P, CP]),
        "ns_opts_set_any": (I, [P, I]),
        "ns_opts_set_expand": (I, [P, I]),
        "ns_opts_set_snippet_len": (I, [P, S]),
        "ns_opts_set_collapse": (I, [P, I]),
        "ns_story": (I, [P, CP, ctypes.POINTER(P)]),
        "ns_search": (I, [P, CP, P, ctypes.POINTER(P)]),
        "ns_count": (I, [P, CP, P, ctypes.POINTER(U64)]),
        "ns_results_free": (None, [P]),
        "ns_results_total": (U64, [P]),
        "ns_results_size": (S, [P]),
        "ns_results_hit": (I, [P, S, ctypes.POINTER(ctypes.POINTER(_Result))]),
        "ns_results_query": (CP, [P]),
        "ns_index_article": (I, [P, CP, ctypes.POINTER(P), ctypes.POINTER(S)]),
        "ns_index_stats_get": (I, [P, ctypes.POINTER(_Stats)]),
    }
    for fn, (res, args) in sigs.items():
        f = getattr(lib, fn)
        f.restype = res
        f.argtypes = args
    return lib


_lib = _load()
_libc = ctypes.CDLL(None)  # free() for what ns_index_article mallocs
_libc.free.argtypes = [ctypes.c_void_p]
_libc.free.restype = None

if not _lib.ns_version().decode().startswith("%d." % _MAJOR):
    raise ImportError("nsearch: library version %s, this module is for %d.x"
                      % (_lib.ns_version().decode(), _MAJOR))


def library_version():
    """The loaded library's version string, e.g. '0.3.0'."""
    return _lib.ns_version().decode()


def _str(ptr, length):
    """A stored string of the library, or None when empty (as JSON null)."""
    return _text(ctypes.string_at(ptr, length)) if length else None


def _arg(s):
    return None if s is None else s.encode("utf-8")


class Results(list):
    """The hits of a search (dicts), with .total, the number of all the
    matching articles, and .query, the query as parsed."""
    total = 0
    query = None


class Index:
    """An index opened for searching (read-only), as published when opened.
    A list of paths opens several indexes as one (nsearch -i A -i B): scores
    as one index of all their articles, an id live in two of them as
    "name:id"."""

    def __init__(self, path):
        self._h = None
        h = ctypes.c_void_p()
        if isinstance(path, (list, tuple)):
            paths = (ctypes.c_char_p * max(1, len(path)))(*[os.fsencode(p) for p in path])
            rc = _lib.ns_index_open_many(paths, len(path), ctypes.byref(h))
        else:
            rc = _lib.ns_index_open(os.fsencode(path), ctypes.byref(h))
        if rc != NS_OK:
            err = self._error(rc, h)
            _lib.ns_index_close(h)
            raise err
        self._h = h

    def __enter__(self):
        return self

    def pieces(self):
        """The indexes opened as one: a list of (name, path); [] for one."""
        out = []
        name, path = ctypes.c_char_p(), ctypes.c_char_p()
        for i in range(_lib.ns_index_n_pieces(self._handle())):
            if _lib.ns_index_piece(self._h, i, ctypes.byref(name), ctypes.byref(path)) == NS_OK:
                out.append((_text(name.value), _text(path.value)))
        return out

    def __exit__(self, *exc):
        self.close()
        return False

    def __del__(self):
        self.close()

    def close(self):
        """Closes the index (again is fine)."""
        if getattr(self, "_h", None):
            _lib.ns_index_close(self._h)
            self._h = None

    def _handle(self):
        if not self._h:
            raise NSearchError(NS_ERR_USAGE, "index is closed")
        return self._h

    @staticmethod
    def _error(rc, h=None):
        msg = _lib.ns_index_errmsg(h)
        msg = _text(msg) if msg else ""
        col = _lib.ns_index_errcol(h) if h else 0
        return NSearchError(rc, msg or _lib.ns_strerror(rc).decode(), col)

    def _opts(self, limit=None, offset=0, sort="score", since=None, until=None,
              any=False, expand=False, snippets=True, collapse="none"):
        o = _lib.ns_opts_new()
        if not o:
            raise NSearchError(NS_ERR_NOMEM, _lib.ns_strerror(NS_ERR_NOMEM).decode())
        try:
            if sort not in _ORDERS:
                raise NSearchError(NS_ERR_USAGE,
                                   "sort: %r is not one of score, date, -date" % (sort,))
            if collapse not in _COLLAPSE:
                raise NSearchError(NS_ERR_USAGE,
                                   "collapse: %r is not one of none, dups, story" % (collapse,))
            for what, rc in (
                    ("limit", _lib.ns_opts_set_limit(o, limit) if limit is not None else 0),
                    ("offset", _lib.ns_opts_set_offset(o, offset)),
                    ("sort", _lib.ns_opts_set_order(o, _ORDERS[sort])),
                    ("since", _lib.ns_opts_set_since(o, _arg(since)) if since else 0),
                    ("until", _lib.ns_opts_set_until(o, _arg(until)) if until else 0),
                    ("any", _lib.ns_opts_set_any(o, 1 if any else 0)),
                    ("expand", _lib.ns_opts_set_expand(o, 1 if expand else 0)),
                    ("snippets", 0 if snippets else _lib.ns_opts_set_snippet_len(o, 0)),
                    ("collapse", _lib.ns_opts_set_collapse(o, _COLLAPSE[collapse]))):
                if rc != NS_OK:
                    raise NSearchError(rc, "%s: bad value" % what)
        except BaseException:
            _lib.ns_opts_free(o)
            raise
        return o

    def _call_with_opts(self, fn, query, out, o):
        """fn(handle, query, o, &out) for ns_search and ns_count; frees the
        options o whatever happens, raises NSearchError on failure."""
        h = self._handle()
        try:
            rc = fn(h, _arg(query), o, ctypes.byref(out))
        finally:
            _lib.ns_opts_free(o)
        if rc != NS_OK:
            raise self._error(rc, h)

    def search(self, query, limit=10, offset=0, sort="score", since=None, until=None,
               any=False, expand=False, collapse="none"):
        """The hits of query (nsearch's query language; None: every article
        in the date range) as a list of dicts, best first (or by date for
        sort="date"/"-date"); limit and offset as nsearch -n/--offset,
        since/until as --since/--until, any as --any, expand as --expand,
        collapse as --collapse ("none", "dups" or "story": one hit per
        story, limit and offset count stories)."""
        r = ctypes.c_void_p()
        self._call_with_opts(_lib.ns_search, query, r,
                             self._opts(limit, offset, sort, since, until, any, expand,
                                        collapse=collapse))
        return self._results(r)

    def story(self, id):
        """Every live article of a story, oldest first (as nsearch --story):
        id is a story id (a hit's "story") or the id of an article of it;
        NSearchError with code NS_ERR_NOTFOUND when neither."""
        h = self._handle()
        r = ctypes.c_void_p()
        rc = _lib.ns_story(h, _arg(id), ctypes.byref(r))
        if rc != NS_OK:
            raise self._error(rc, h)
        return self._results(r)

    def _results(self, r):
        h = self._h
        try:
            out = Results()
            out.total = _lib.ns_results_total(r)
            q = _lib.ns_results_query(r)
            out.query = _text(q) if q else None
            hit = ctypes.POINTER(_Result)()
            for i in range(_lib.ns_results_size(r)):
                rc = _lib.ns_results_hit(r, i, ctypes.byref(hit))
                if rc != NS_OK:
                    raise self._error(rc, h)
                out.append(self._hit(hit.contents))
            return out
        finally:
            _lib.ns_results_free(r)

    @staticmethod
    def _hit(x):
        date = x.date or b""
        return {
            "version": JSON_VERSION,
            "rank": x.rank,
            "score": x.score,
            "id": _text(ctypes.string_at(x.id, x.id_len)),
            "title": _str(x.title, x.title_len),
            "date": _text(date) if date else None,
            "source": _str(x.source, x.source_len),
            "url": _str(x.url, x.url_len),
            "path": _str(x.path, x.path_len),
            "snippet": _str(x.snippet, x.snippet_bytes) or "",
            "highlights": [[x.highlights[i][0], x.highlights[i][1]]
                           for i in range(x.n_highlights)],
            "story": x.story.decode() if x.story else None,
            "story_size": x.story_size,
        }

    def count(self, query, since=None, until=None, any=False):
        """The exact number of articles matching query (as nsearch -c)."""
        n = ctypes.c_uint64()
        self._call_with_opts(_lib.ns_count, query, n,
                             self._opts(since=since, until=until, any=any))
        return n.value

    def article(self, id):
        """The stored text of the article with this id (as nsearch --show);
        NSearchError with code NS_ERR_NOTFOUND when there is none."""
        h = self._handle()
        p, n = ctypes.c_void_p(), ctypes.c_size_t()
        rc = _lib.ns_index_article(h, _arg(id), ctypes.byref(p), ctypes.byref(n))
        if rc != NS_OK:
            raise self._error(rc, h)
        try:
            return _text(ctypes.string_at(p, n.value))
        finally:
            _libc.free(p)

    def stats(self):
        """The index statistics (the fields of ns_index_stats; as nsearch
        --stats): a dict, with the remembered sources as a list."""
        h = self._handle()
        st = _Stats()
        rc = _lib.ns_index_stats_get(h, ctypes.byref(st))
        if rc != NS_OK:
            raise self._error(rc, h)
        d = {}
        for name, _ in _Stats._fields_:
            if name in ("sources", "n_sources"):
                continue
            v = getattr(st, name)
            d[name] = _text(v) if isinstance(v, bytes) else v
        d["sources"] = [_text(st.sources[i]) for i in range(st.n_sources)]
        return d
