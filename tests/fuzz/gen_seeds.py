#!/usr/bin/env python3
"""gen_seeds.py -- (re)writes the hand-made seed corpora of tests/fuzz/seeds/.

Seeds of the index target are the files of a real index and come from the
target itself (make fuzz-seeds, which then runs this script): from them this
script crafts the index target's regress-* seeds, damage that once passed
every check.  Crash inputs kept as regression seeds are named crash-* and
are never touched here.  Run from the repository root:
    python3 tests/fuzz/gen_seeds.py
"""
import gzip
import os
import struct

ROOT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "seeds")


def write(target, name, data):
    d = os.path.join(ROOT, target)
    os.makedirs(d, exist_ok=True)
    if isinstance(data, str):
        data = data.encode("utf-8")
    with open(os.path.join(d, name), "wb") as f:
        f.write(data)


def read(path):
    with open(path, "rb") as f:
        return f.read()


REPO = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))

# ---- tokenize: real text and every rule of tokenize.h ----
texts = {
    "ascii": "Trump told Netanyahu he would back strikes on Iran's missile sites.",
    "curly": "Trump Told Netanyahu He’d Back Israeli Strikes on Iran’s Missile Sites",
    "accents": "Café São Paulo naïve Zoë Ærøskøbing Łódź Đakovo Þingvellir ĳssel straße œuvre",
    "greek": "Αθήνα ΑΘΉΝΑ Ὀδυσσεύς λόγος ΣΊΣΥΦΟΣ",
    "cyrillic": "Москва Ёлка ПУТИН Україна",
    "cjk": "東京で会議 ソウル 서울 北京 かな カナ",
    "acronyms": "U.S. U.S e.g. i.e. U.K.'s A.B.C.D. a.b U.S.A.",
    "numbers": "1,000 3.14 2026-02-16 1,000,000.50 ,5 5, 1.2.3 0.0.0.0",
    "apostrophes": "don't o'brien states' Iran’s 'quoted' ''' rock'n'roll ʼokina ＇x",
    "hyphens": "Mar‑a‑Lago Mar-a-Lago long—dash en–dash minus−sign ﹘ ﹣ －",
    "underscore": "actual_format _got_ __init__ a_b_c snake_case_ _",
    "ignorables": "soft\u00adhyphen zero\u200bwidth joiner\u200dx word\u2060joiner \ufeffbom",
    "marks": "e\u0301te\u0301 a\u0308\u0308 \u0301lead n\u0303",
    "fullwidth": "ＡＢＣ ｆｕｌｌ ＷＩＤＴＨ １２３",
    "long": "x" * 64 + " " + "y" * 65 + " " + "é" * 33 + " ok",
    "controls": "a\x01b\x7fc\td\ne\rf\x0bg\x0ch",
    "nul": "before\x00after\x00\x00end",
}
for name, t in texts.items():
    write("tokenize", name, t)
write("tokenize", "invalid-utf8", b"ok \xff\xfe bad \xc3 \xe2\x80 \xf0\x9f\x98 \xed\xa0\x80 \xc0\xaf \xf4\x90\x80\x80 end")
write("tokenize", "truncated-seq", b"caf\xc3")
write("tokenize", "empty", b"")
for fn in sorted(os.listdir(os.path.join(REPO, "corpus"))):
    write("tokenize", "corpus-" + fn, read(os.path.join(REPO, "corpus", fn))[:3000])
for fn in sorted(os.listdir(os.path.join(REPO, "tests/data/mini")))[:5]:
    write("tokenize", "mini-" + fn, read(os.path.join(REPO, "tests/data/mini", fn)))

# ---- jsonl: every escape, every value kind, every error ----
lines = {
    "basic": '{"id": "j1", "title": "Snowstorm Closes Mountain Pass", "body": "Heavy snow closed the pass.", "date": "2024-01-19", "source": "Alpine Daily", "url": "https://example.com/snow"}',
    "escapes": r'{"id":"e","body":"q\" b\\ s\/ \b\f\n\r\t end","title":"S\u00e3o Paulo \u2014 \u00e9"}',
    "surrogates": r'{"body":"\ud83d\ude00 pair \ud83d lone-high \ude00 lone-low \ud83d\u0041 \uDBFF\uDFFF"}',
    "u0000": r'{"body":"nul\u0000here","title":"\u0000"}',
    "keys-escaped": r'{"b\u006fdy":"via escaped key","\u0069d":"k"}',
    "nulls": '{"body": null, "text": "x", "id": null, "title": null}',
    "numbers": '{"id": -12.5e+3, "title": 17, "body": "n", "x": [0, -0, 1.5, 2E-7, 1e3]}',
    "nested": '{"meta": {"a": [1, {"b": [true, false, null, "s", {}]}], "c": {}}, "body": "after nested"}',
    "deep": '{"x":' + "[" * 500 + "]" * 500 + ',"body":"deep"}',
    "dup": '{"title": "first", "title": "second", "body": "b", "body": "c"}',
    "bom": "\ufeff" + '{"id":"bom","body":"with bom"}',
    "crlf": '{"body":"line\\r\\nbreak\\r\\n"}\r',
    "raw-controls": '{"body":"tab\there raw\x01ctl"}',
    "text-content": '{"content":"c only","title":"t"}\n{"text":"t only"}',
    "empty-object": "{}",
    "blank": "   \t  ",
    "err-colon": '{"id" "x"}',
    "err-comma": '{"id": "j3", "title": "A broken line" "body": "missing comma"}',
    "err-unterminated": '{"body": "no end',
    "err-escape": r'{"body": "bad \x escape"}',
    "err-u": r'{"body": "bad \u12G4"}',
    "err-number": '{"id": -, "body": 01}',
    "err-trailing": '{"body":"x"} trailing',
    "err-array": '[1, 2, 3]',
    "err-nested": '{"x": [1, 2}',
    "err-eol": '{"x": {"y": ',
    "invalid-utf8": b'{"body":"bad \xff\xfe \xc3( \xed\xa0\x80 ok","title":"\xe2\x82"}',
    "raw-nul": b'{"body":"a\x00b"}',
}
for name, t in lines.items():
    write("jsonl", name, t)
write("jsonl", "mini-json", read(os.path.join(REPO, "tests/data/mini-json/news.jsonl")))
write("jsonl", "multi", "\n".join([lines["basic"], lines["err-comma"], "", lines["escapes"], lines["nulls"]]) + "\n")

# ---- query: real queries and every syntax ----
queries = [
    "airspace NEAR/10 saudi", '"missile sites" AND title:iran', "iran talks",
    '"saudi arabia" NEAR/10 airspace', "putin OR geneva", "missile",
    "(putin OR geneva) NEAR trump", "jordan NEAR saudi ADJ arabia", "NOT trump",
    "trump NEAR -lago", "trump OR -lago", "trump title:-lago", "title: iran",
    "iran OR geneva", "Zoë OR", "(putin", "geneva)", "trump AND", "airspace NEAR/0 saudi",
    '"port arvik"', "volcano OR rovers", "a NOT b", "a -b c", "title:(a OR b) body:c",
    "title:(a body:b)", 'title:"a b"', "negotiat*", "vot* AND the", "a ADJ/3 b ADJ/5 c",
    "a NEAR/1000000 b", "a NEAR/1000001 b", "mar-a-lago", "Iran’s", "U.S. strikes",
    '""', '"unclosed quote', "-5", "--x", "a - b", "(- a)", "NOT a b", "a NOT -b",
    "date:2026-01-01..2026-01-31", "source:reuters", "foo:bar", "the a of",
    "((((a))))", "a AND (b OR (c AND (d OR e)))", "ADJ", "NEAR/", "NEAR/x a",
    "a NEAR", "a OR OR b", "café αθηνα 東京", "*", "a**", "title:", "\"a b\" NEAR/2 c",
    # fuzzy words and spelling
    "airspce~", "saudi~2 NEAR/3 airspace", '"saudi arabai~"', '"saudi~2 arabia~1 x"',
    "title:iarn~", "body:(missle~ OR sites~2)", "a~3", "~", "x~~", "ab~2", "source:reuters~",
    "date:2026~", "misile~ ADJ/2 sites", "-airspce~ iran", "airspce~ *", "Zoë~2", "東京~",
    "airspce saudii", "titl:goverment", "ANF sauid", '"missile sties" AND title:iarn',
]
for i, q in enumerate(queries):
    write("query", "q%02d" % i, q)
write("query", "nested-100", "(" * 100 + "a" + ")" * 100)
write("query", "nested-101", "(" * 101 + "a" + ")" * 101)
write("query", "invalid-utf8", b"caf\xc3 \xff iran")

# ---- codec: n:u16 then a run (codec.h) ----
def varint(v):
    out = bytearray()
    while v >= 0x80:
        out.append((v & 0x7F) | 0x80)
        v >>= 7
    out.append(v)
    return bytes(out)


def pack(values, width):
    acc = 0
    for i, v in enumerate(values):
        acc |= (v & ((1 << width) - 1)) << (i * width)
    return bytes([width]) + acc.to_bytes(16 * width, "little") if width else bytes([0])


def run(values):
    out = bytearray()
    full = len(values) // 128 * 128
    for b in range(0, full, 128):
        blk = values[b:b + 128]
        out += pack(blk, max(v.bit_length() for v in blk))
    for v in values[full:]:
        out += varint(v)
    return struct.pack("<H", len(values)) + bytes(out)


write("codec", "empty", struct.pack("<H", 0))
write("codec", "tail-small", run([0, 1, 2, 127, 128, 300]))
write("codec", "tail-big", run([2**32 - 1, 2**31, 16384, 0]))
write("codec", "block-w0", run([0] * 128))
write("codec", "block-w1", run([i & 1 for i in range(128)]))
write("codec", "block-w7", run([(i * 37) % 128 for i in range(128)] + [5, 6]))
write("codec", "block-w13", run([(i * 997) % 8000 for i in range(256)]))
write("codec", "block-w32", run([2**32 - 1 - i for i in range(128)] + [1]))
write("codec", "three-blocks", run([i % 3 for i in range(384)] + list(range(50))))
write("codec", "bad-width", struct.pack("<H", 128) + bytes([33]) + bytes(600))
write("codec", "short-block", struct.pack("<H", 128) + bytes([5]) + bytes(40))
write("codec", "varint-over32", struct.pack("<H", 1) + bytes([0xFF, 0xFF, 0xFF, 0xFF, 0x1F]))
write("codec", "varint-64", struct.pack("<H", 2) + bytes([0xFF] * 9 + [0x01]) + bytes([0xFF] * 10 + [0x01]))

# ---- corpus: mode:u8 (1 = JSON Lines) then a file ----
for fn in sorted(os.listdir(os.path.join(REPO, "corpus"))):
    write("corpus", "txt-corpus-" + fn, b"\x00" + read(os.path.join(REPO, "corpus", fn)))
for fn in sorted(os.listdir(os.path.join(REPO, "tests/data/mini"))):
    write("corpus", "txt-mini-" + fn, b"\x00" + read(os.path.join(REPO, "tests/data/mini", fn)))
write("corpus", "jsonl-mini", b"\x01" + read(os.path.join(REPO, "tests/data/mini-json/news.jsonl")))
write("corpus", "jsonl-multi", b"\x01" + ("\n".join([lines[k] for k in ("basic", "err-comma", "escapes", "blank", "nulls", "bom", "crlf")])).encode())
write("corpus", "jsonl-no-final-nl", b"\x01" + lines["basic"].encode() + b"\n" + lines["escapes"].encode())
write("corpus", "jsonl-dates", b"\x01" + "\n".join('{"id":"d%d","body":"x","date":"%s"}' % (i, d) for i, d in enumerate(
    ["2024-01-19", "2024-04-02T18:30:00Z", "2024-02-30", "1969-12-31T23:59:59+01:00", "9999-12-31", "0000-01-01",
     "2024-13-01", "Feb 16, 2026", "not a date", "2026-02-16T25:00:00", "2024-01-19T10:00:00.123456789-05:30"])).encode())
write("corpus", "txt-title-rules", b"\x00" + "A Headline Without Final Punctuation\nbody starts right here. It goes on.\n".encode())
write("corpus", "txt-paragraph", b"\x00" + ("February 16th, 2026: U.S. President " + "word " * 100 + "war.\nMore.\n").encode())
write("corpus", "txt-dates", b"\x00" + "Title\n\nPublished 16 February 2026, updated Feb. 17th 2026 and 2026-02-18T10:00Z; 02/16/2026.\n".encode())
write("corpus", "txt-binary", b"\x00" + b"\x7fELF\x02\x01\x01\x00" + bytes(range(256)))
write("corpus", "txt-bom-crlf", b"\x00" + b"\xef\xbb\xbfTitle\r\n\r\nBody line\r\nsecond\r\n")
write("corpus", "txt-blank", b"\x00" + b" \n\t\n \r\n")
write("corpus", "txt-lone-line", b"\x00" + b"Just one line, no title")

# gzip content is recognised by its magic, whatever the name
jl = read(os.path.join(REPO, "tests/data/mini-json/news.jsonl"))
write("corpus", "jsonl-gzip", b"\x01" + gzip.compress(jl, mtime=0))
write("corpus", "jsonl-gzip-two-members", b"\x01" + gzip.compress(jl[:300], mtime=0) + gzip.compress(jl[300:], mtime=0))
write("corpus", "jsonl-gzip-cut", b"\x01" + gzip.compress(jl, mtime=0)[:200])
write("corpus", "txt-gzip", b"\x00" + gzip.compress(read(os.path.join(REPO, "tests/data/mini/volcano.txt")), mtime=0))
write("corpus", "txt-gzip-trailing-junk", b"\x00" + gzip.compress(b"Title\n\nbody text\n", mtime=0) + b"junk after")

# ---- index: crafted damage that once passed every check (format v4) ----
def craft_index():
    d = os.path.join(ROOT, "index")
    nsp = os.path.join(d, "pristine-seg-00000001.nsp-raw")
    nsd = os.path.join(d, "pristine-seg-00000001.nsd-raw")
    if not (os.path.exists(nsp) and os.path.exists(nsd)):
        return
    # a dictionary block's head (crc, len, post_crc) zeroed: the block that
    # holds "iran"; the CRC-32 of no bytes is 0 (segdict_read.c dict_block)
    f = bytearray(read(nsp)[1:])
    t = len(f) - 92
    off = struct.unpack_from("<8Q", f, t)
    terms_off, tix = off[2], off[4]
    nb = struct.unpack_from("<I", f, tix)[0]
    strs = tix + 4 + 16 * nb
    firsts = []
    for b in range(nb):
        boff, soff = struct.unpack_from("<II", f, tix + 4 + 16 * b)
        firsts.append((boff, bytes(f[strs + soff + 1:strs + soff + 1 + f[strs + soff]])))
    b = max(i for i, (bo, s) in enumerate(firsts) if s <= b"iran")
    at = terms_off + firsts[b][0]
    f[at:at + 12] = bytes(12)
    write("index", "regress-zeroed-dict-block", bytes([0]) + bytes(f))
    # a whole document record copied over another's place (a misdirected
    # write): gen-215's record where gen-196's was (segdocs_read.c
    # ns_segr_doc: a record's CRC now starts with its docid)
    f = bytearray(read(nsd)[1:])
    t = len(f) - 44
    rec_off, rec_len, tab_off, tab_len = struct.unpack_from("<4Q", f, t)
    ndocs = struct.unpack_from("<I", f, t + 32)[0]

    def rec(i):
        o = struct.unpack_from("<Q", f, tab_off + (i // 512) * (4 + 512 * 16) + 4 + (i % 512) * 16)[0]  # NS_FMT_DOC_CHUNK
        return o, struct.unpack_from("<I", f, rec_off + o + 4)[0]

    def rid(i):
        o, _ = rec(i)
        p = rec_off + o + 8
        return bytes(f[p + 1:p + 1 + f[p]])

    ids = {rid(i): i for i in range(ndocs)}
    oa, la = rec(ids[b"gen-196"])
    ob, lb = rec(ids[b"gen-215"])
    f[rec_off + oa:rec_off + oa + 8 + lb] = f[rec_off + ob:rec_off + ob + 8 + lb]
    write("index", "regress-misplaced-record", bytes([1]) + bytes(f))


craft_index()
