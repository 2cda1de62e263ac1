# grouppatch.py NSD FIRST_DELTA N_DELTA -- adds the deltas to the first_doc
# and n_docs of the .nsd's first text group (format.h) and recomputes the
# group's CRC, so only --check's walk of the groups against their documents
# can tell.  Not a case.
import struct, sys, zlib
path, dfirst, dn = sys.argv[1], int(sys.argv[2]), int(sys.argv[3])
b = bytearray(open(path, "rb").read())
rec_off = struct.unpack_from("<Q", b, len(b) - 44)[0]
dlen = struct.unpack_from("<I", b, rec_off + 4)[0]
g = rec_off + 8 + dlen                     # the first group, after the dictionary
zlen, raw_len, first, n = struct.unpack_from("<IIII", b, g + 4)
struct.pack_into("<II", b, g + 12, first + dfirst, n + dn)
struct.pack_into("<I", b, g, zlib.crc32(bytes(b[g + 4:g + 24 + zlen])))
open(path, "wb").write(bytes(b))
print("first group: documents %d..%d of %d" % (first, first + n - 1, n), file=sys.stderr)
