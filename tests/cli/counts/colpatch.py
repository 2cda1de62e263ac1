# colpatch.py NSD COLUMN DOC VALUE [fix] -- sets document DOC's entry of
# the .nsd's day (0) or source (1) column (format.h) to VALUE (u32), and
# with "fix" its chunk's CRC too, so only --check's comparison with the
# record can tell.  Not a case.
import struct, sys, zlib
path, col, doc, value = sys.argv[1], int(sys.argv[2]), int(sys.argv[3]), int(sys.argv[4])
fix = len(sys.argv) > 5
b = bytearray(open(path, "rb").read())
t = len(b) - 44
rec_off, rec_len, tab_off, tab_len = struct.unpack_from("<QQQQ", b, t)
n = struct.unpack_from("<I", b, t + 32)[0]
def chunked(n, per, size):
    return (n + per - 1) // per * 4 + n * size
# doc table (NS_FMT_DOC_CHUNK 512), id index, then the columns
col_at = tab_off + chunked(n, 512, 16) + chunked(n, 4096, 12) + col * chunked(n, 4096, 4)
chunk = col_at + doc // 4096 * (4 + 4096 * 4)
k = min(4096, n - doc // 4096 * 4096)
struct.pack_into("<I", b, chunk + 4 + 4 * (doc % 4096), value)
if fix:
    struct.pack_into("<I", b, chunk, zlib.crc32(bytes(b[chunk + 4:chunk + 4 + 4 * k])))
open(path, "wb").write(bytes(b))
