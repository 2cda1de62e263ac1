/* SPDX-License-Identifier: MIT */
/* format.h -- THE on-disk format of an nsearch index, stated once.
 *
 * No other file defines byte layouts: writers and readers include this
 * header and use its constants and little-endian helpers.  A change to any
 * layout below bumps NS_FMT_VERSION in the same commit.
 *
 * ---------------------------------------------------------------------------
 * The index directory
 * ---------------------------------------------------------------------------
 *   MANIFEST            the current index: which segments, global stats,
 *                       and the state of every source file (for updates)
 *   seg-NNNNNNNN.nsp    postings file of segment N (dictionary, postings,
 *                       document lengths)
 *   seg-NNNNNNNN.nsd    document file of segment N (metadata, stored text,
 *                       id index)
 *   seg-NNNNNNNN.nsw    word forms file of segment N (the words as
 *                       written, with their counts: spelling, word~)
 *   seg-NNNNNNNN.del-G  deletion bitmap of segment N written by the publish
 *                       of generation G (segments are immutable: a newer
 *                       bitmap is a new file, named by the newer MANIFEST)
 *   stories-G           story map written by the publish of generation G
 *                       (the MANIFEST of generation G names it by its
 *                       generation alone; membership changes every update,
 *                       so it cannot live in the immutable segments, I1)
 *   LOCK                flock(2)ed by the one nindex updating the index
 *   *.tmp               files being written; never referenced by a MANIFEST,
 *                       removed by the next nindex run, as are segment and
 *                       deletion files that the MANIFEST does not name
 *
 * Invariants:
 *   I1. Segment files are immutable once renamed to their final name.
 *   I2. A MANIFEST is only ever replaced by rename(2) of a complete, fsynced
 *       MANIFEST.tmp, after the segment files it names were fsynced and
 *       renamed.  So a reader that opens MANIFEST sees a complete index.
 *   I3. Documents are numbered per segment 0..n_docs-1 (local docids) in the
 *       order they were indexed (a merge numbers the live documents of its
 *       segments 0.. in their order); a global docid is the sum of the
 *       n_docs of the segments before it in the MANIFEST (deleted
 *       documents included) plus the local docid.
 *   I4. Word positions of a document: title words are 0..title_len-1, body
 *       words follow from title_len.  title_len comes from the norms, so a
 *       reader knows which field a position is in and phrases/NEAR never
 *       cross the title/body boundary.
 *   I5. Terms starting with the byte 0x01 are field terms (fieldterm.h:
 *       source words, date year/month/day), never words; they do not count
 *       in document lengths.
 *   I6. Every file starts with a 16-byte header (magic, version) and ends
 *       with a trailer holding a CRC-32 of itself; every section carries a
 *       CRC-32 either as a whole or per block (checked before the bytes are
 *       decoded), so corruption yields NS_ERR_CORRUPT, never a crash.
 *   I7. A deleted document (its bit set in the segment's deletion bitmap)
 *       stays in the segment's postings, norms and records but is invisible:
 *       postings cursors skip it, and the global statistics (document
 *       count, total length, document frequencies) leave it out, so an
 *       index of many segments with deletions ranks exactly like one
 *       segment built fresh from the live documents.
 *   I8. Among the live documents of an index no two have the same id (the
 *       newest wins: indexing an article deletes the live one with its id).
 *   I9. Every file a MANIFEST names was fsynced and renamed, and the
 *       directory fsynced, before that MANIFEST was renamed into place.
 *  I10. Sentences and paragraphs are positions (fieldterm.h): the field
 *       term 0x01 'S' has, in each document with words, the position of
 *       the first word of every sentence of its title and body, and 0x01
 *       'P' that of every paragraph (sentence.h decides where they
 *       begin).  Positions 0 and title_len, the first words of title and
 *       body, are always in both.  Sentence k of a document is then the
 *       words from its k-th 'S' position up to the next one (or doc_len);
 *       a word's own position never changes for them (I4).
 *  I11. A document's arrival generation (MANIFEST arrivals) is the
 *       generation of the publish that indexed it and travels with it
 *       through merges and --compact; a new version of an article is a
 *       new document with a new arrival.
 *
 * All integers are little-endian.  u8/u16/u32/u64 are fixed width; varint
 * is LEB128 (varint.h); run(n) is n integers in the block codec of codec.h.
 *
 * ---------------------------------------------------------------------------
 * Common header (16 bytes, every file)
 * ---------------------------------------------------------------------------
 *   magic:u8[4] version:u32 kind_flags:u32 zero:u32
 *
 * ---------------------------------------------------------------------------
 * MANIFEST (magic "NSMF")
 * ---------------------------------------------------------------------------
 *   header
 *   generation:u64          incremented by every publish
 *   next_segment:u32        id the next new segment will take
 *   lang_len:u8 lang:u8[lang_len]     Snowball language (no NUL), "none" = no stemming
 *   n_segments:u32
 *   segment*n_segments:
 *     id:u32 n_docs:u32 n_tokens:u64 n_title_tokens:u64
 *     del_gen:u64           deletion file seg-<id>.del-<del_gen>; 0 = none
 *     n_deleted:u32         bits set in it (0 when del_gen is 0)
 *     del_crc:u32           the deletion file's own trailing CRC-32
 *     deleted_tokens:u64 deleted_title_tokens:u64   sums of the deleted
 *                           documents' lengths (doc_len, title_len)
 *   n_sources:u32
 *   source*n_sources: len:u32 path:u8[len]   sources as given (absolute, no NUL)
 *   built:u64               seconds since the epoch (UTC) of this publish
 *   identity:u64            random, never 0: made when the index is created
 *                           or rebuilt with --full (arrival.h), kept by
 *                           every other publish
 *   arrivals*n_segments     per segment, in the order above, the
 *                           generation each document arrived in (the
 *                           publish that indexed it), as runs in docid
 *                           order (arrival.h):
 *     n_runs:varint (gen:varint count:varint)*n_runs
 *                           count >= 1, 1 <= gen <= generation, the counts
 *                           sum to n_docs; a merge keeps each live
 *                           document's generation (I11)
 *   head_crc:u32            CRC-32 of every byte before it; nsearch reads
 *                           and checks only this far
 *   files_len:u64 files:u8[files_len]   the source-file state (below)
 *   crc:u32                 CRC-32 of every byte before it (whole file)
 *
 *   files := n_files:u32 file*n_files    sorted by (path, id) in byte order
 *   file  := path_len:varint path  id_len:varint id    (neither holds a NUL)
 *            flags:varint        bit 0 JSON Lines; bit 1 gzip content;
 *                                bit 2 dirty (read it whole next run: the
 *                                last read met an error or a change under
 *                                way); bit 3 tail present
 *            size:varint         bytes of the file (stat) when read
 *            mtime_ns:varint     zigzag of its mtime, ns since the epoch
 *            content_len:varint  bytes of content read (after gunzip)
 *            content_hash:u64    ns_fmt_hash of those bytes
 *            done_off:varint     JSON Lines: content offset just past the
 *                                last line feed read (where appending
 *                                resumes); else content_len
 *            done_lines:varint   line feeds before done_off
 *            [tail_seg:varint tail_doc:varint]   if flags bit 3: the
 *                                article read from an unterminated last
 *                                line (deleted when reading resumes)
 *            n_extents:varint extent*n_extents
 *   extent := seg_id:varint first:varint count:varint
 *            documents first..first+count-1 of segment seg_id came from
 *            the file (some may since be deleted); a merge maps an extent
 *            to the consecutive new docids of its live documents
 *   The path is the file as read (absolute), the id the article id of a
 *   text file / the prefix of fallback ids in JSON Lines ("-" = stdin).
 *
 * ---------------------------------------------------------------------------
 * Deletion file seg-NNNNNNNN.del-G (magic "NSDL")
 * ---------------------------------------------------------------------------
 *   header
 *   seg_id:u32 n_docs:u32 n_deleted:u32
 *   bitmap:u8[ceil(n_docs / 8)]   docid d deleted <=> bit (d % 8) of byte
 *                                 d / 8 is set; bits from n_docs on are 0
 *   crc:u32                 CRC-32 of every byte before it
 *
 * ---------------------------------------------------------------------------
 * Story file stories-G (magic "NSST"; story_file.h)
 * ---------------------------------------------------------------------------
 *   header
 *   n_docs:u32              every document of every segment of the
 *                           MANIFEST of generation G, deleted ones included
 *   n_stories:u32
 *   n_shared:u32            shared stories: those of >= 2 live documents
 *   n_sharers:u32           the live documents of the shared stories
 *   n_kept:u32              documents that keep their exact fingerprint
 *   base_day:i32            the smallest first day of a dated one-article
 *                           story (below), 0 if there is none
 *   head_crc:u32            CRC-32 of the 40 bytes before it
 *   Nine sections follow.  The arrays (all but the two bit sections and
 *   the story data) are cut into chunks of NS_FMT_STORY_CHUNK entries (the
 *   last may be shorter), each chunk preceded by crc:u32, the CRC-32 of
 *   its bytes after it: a reader checks only the chunks it reads.  A
 *   packed array stores each entry in a fixed width of w bits, the fewest
 *   that hold its largest possible value (w = bit length of that value,
 *   at least 1): entry i of a chunk is bits i*w .. i*w+w-1 of the chunk,
 *   bit b being bit b % 8 of byte b / 8 (ns_get_bits); the chunk's bits
 *   after its last entry are 0 and NS_FMT_PACK_PAD (7) zero bytes follow
 *   them, so one 8-byte load reads any entry.  A packed chunk of k entries
 *   is 4 + ceil(k * w / 8) + 7 bytes.
 *   doc stories, n_docs entries in global docid order (I3), packed,
 *   w = bit length of n_stories:
 *     story                 index into the story table; n_stories for a
 *                           deleted document
 *   doc sharing, ceil(n_docs / NS_FMT_STORY_CHUNK) chunks of
 *   NS_FMT_STORY_SHARE_LEN (520) bytes, chunk c for documents
 *   c * NS_FMT_STORY_CHUNK on (a count by story reads these and the sharer
 *   list only: a story of one article counts as itself, with no lookup):
 *     crc:u32               CRC-32 of the 516 bytes after it
 *     first:u32             sharers in the chunks before (<= n_sharers)
 *     bits:u64 * 64         bit i % 64 of bits[i / 64] set: document
 *                           c * NS_FMT_STORY_CHUNK + i is live and its
 *                           story is shared; bits past n_docs are 0
 *   sharer list, n_sharers entries, one per set bit of the doc sharing in
 *   docid order (document d's entry is its chunk's first plus the set bits
 *   before d's in the chunk), packed, w = bit length of n_shared - 1:
 *     shared                the number of d's story among the shared
 *                           stories, counted in story order (< n_shared)
 *   doc near signatures, n_docs entries in docid order, 8 bytes each:
 *     near:u64              the document's SimHash (story_sig.h)
 *   kept exacts, ceil(n_docs / NS_FMT_STORY_CHUNK) chunks laid out as the
 *   doc sharing's (first: kept fingerprints in the chunks before, <=
 *   n_kept), a bit set when the document keeps its exact fingerprint in
 *   the list below: exactly when it is deleted or its story's id is not
 *   ns_story_id_of_exact(its fingerprint).  A clear bit: the fingerprint
 *   is ns_story_exact_of_id(story id), the inverse (the story's first
 *   article, its id not bumped: most documents)
 *   kept exact list, n_kept entries, one per set bit in docid order
 *   (indexed as the sharer list), 8 bytes each:
 *     exact:u64             the document's exact fingerprint (story_sig.h)
 *   story directory, n_dir = ceil(n_stories / NS_FMT_STORY_GROUP) + 1
 *   entries (chunked as above), NS_FMT_STORY_DIR_LEN bytes each:
 *     off:u64               where group g (stories g * NS_FMT_STORY_GROUP
 *                           on) starts in the story data
 *     first_member:u32      the first member of its first story
 *     crc:u32               CRC-32 of the group's bytes (off up to the next
 *                           entry's off)
 *     the last entry ends the data: off = its length, first_member = the
 *     length of the member list, crc = 0
 *   story data: the stories in increasing id order, one group after the
 *   other; a group of n_in stories (NS_FMT_STORY_GROUP, the last fewer):
 *     first_id:u64          the id of its first story.  An id is stable
 *                           over updates: the exact fingerprint of the
 *                           article that started the story, mixed
 *                           (ns_story_id_of_exact, splitmix64's finaliser;
 *                           plus the fewest 1s that make it unique)
 *     (n_in > 1 only) w:u8  the bit length of the largest gap (1..64)
 *     (n_in > 1 only) gaps  n_in - 1 of w bits each, packed (bit b of the
 *                           gaps is bit b % 8 of byte b / 8), then 0 bits
 *                           to a whole byte: id[i] - id[i - 1] (>= 1)
 *     then its n_in story entries, each:
 *     kind:varint           1: a story of one article (n_live = n_seen =
 *                           1, no centroid), undated; k >= 2: the same,
 *                           its one day base_day + k - 2; the entry ends
 *                           here.  0: any other story (such a story is
 *                           never written with 0), then:
 *     n_live:varint         live documents with this story (>= 1)
 *     extra:varint          n_seen - n_live; n_seen: documents ever added
 *                           to it
 *     day:varint            0 when no member added had a date, else
 *                           zigzag(first_day) + 1 (days since the epoch,
 *                           UTC, of the first dated member ever added;
 *                           zigzag(x) = (x << 1) ^ (x >> 31) as u32), then
 *     span:varint           (dated only) last_day - first_day
 *     n_terms:u8            at most NS_STORY_TERMS; 0 when n_seen = 1: the
 *                           centroid of a story of one article is that
 *                           article's sketch, made again from it when needed
 *                           (story.h), so most stories store none
 *     mass:f32              (n_terms > 0 only) IEEE 754 bits: weight of the
 *                           heaviest term
 *     (term:u32 q:u8)*n_terms   the centroid, heaviest first: term =
 *                           ns_story_term_hash() of an indexed term,
 *                           weight = q / 255 * mass
 *     a story's first member is the group's first_member plus the n_live
 *     of the group's stories before it
 *   member list, one docid per live document, packed, w = bit length of
 *   n_docs - 1: the live documents of story 0 in docid order, then those
 *   of story 1, ... (story s has n_live of them from first_member)
 *   The file ends there (its length follows from the counts).
 *
 * ---------------------------------------------------------------------------
 * Postings file .nsp (magic "NSPF")
 * ---------------------------------------------------------------------------
 *   header
 *   postings section        one entry per term, in term order:
 *     term_postings := pos_part doc_part
 *     pos_part      := (run(sum of tf in doc block b))*  one run per doc block
 *         each document's positions in increasing order, first as
 *         pos - (-1) - 1 = pos, then each as gap - 1 (strictly increasing)
 *     doc_part      := (skip_crc:u32 skip_table)? doc_block*
 *         n_blocks = ceil(df / NS_FMT_BLOCK); skip_table only if n_blocks > 1,
 *         skip_crc: its CRC-32:
 *         skip_entry*n_blocks := last_docid:u32 doc_off:u32 pos_off:u32
 *                                doc_crc:u32 pos_crc:u32 impact:u16
 *           doc_off: byte offset of the block from the start of the doc
 *           blocks (after the skip table); pos_off: byte offset of the
 *           block's run from the start of pos_part; doc_crc / pos_crc:
 *           CRC-32 of the block's bytes (doc_off up to the next block's, or
 *           the end of doc_part) and of its position run (likewise), so a
 *           reader checks only the blocks it decodes;
 *           impact: a bound for top-k pruning (rank.h): the smallest, over
 *           the block's documents, of (1 + c0 * dl') / tf', times 4096,
 *           rounded down, at most 65535; tf' = tf + NS_FMT_BOUND_TW *
 *           tf_title, dl' = doc_len + NS_FMT_BOUND_TW * title_len (the
 *           norms), c0 = NS_FMT_BOUND_C / max(1, n_tokens / n_docs) of the
 *           segment (its trailer), computed in double precision
 *         doc_block := run(n) docid gaps  run(n) tf-1
 *                      n_title:varint  run(n) tf_title  (only if n_title > 0)
 *           n = NS_FMT_BLOCK except the last block; the gap is
 *           docid - prev - 1 with prev = -1 before the first document of the
 *           term (so the first gap of a term is its docid); tf_title: how
 *           many of the tf positions are title words (< title_len, I4; 0
 *           for field terms, I5), n_title: documents with tf_title > 0
 *   terms section           dictionary blocks, NS_FMT_TERMS_PER_BLOCK terms
 *     term_block := crc:u32 len:u32 post_crc:u32 entry*
 *       crc: CRC-32 of post_crc and the entries (len bytes); post_crc:
 *       CRC-32 of the postings (pos_part then doc_part) of the block's
 *       terms that have one doc block, one after the other in term order
 *       (0 when none): a rare term costs no CRC of its own, and a reader
 *       checks them all the first time it opens one of them
 *     entry      := prefix:varint suffix_len:varint suffix:u8[suffix_len]
 *                   df:varint cf:varint pos_len:varint doc_len:varint
 *       prefix: bytes shared with the previous term of the block (0 for the
 *       first); cf: total occurrences; the entry's postings start where the
 *       previous entry's ended (the block's first at the offset in the term
 *       index)
 *   term index section      n_blocks:u32 then per block
 *     block_off:u32 first_term_off:u32 postings_off:u64
 *     (offsets into the terms section, into the strings below, into the
 *     file), then strings: per block len:u8 bytes (the block's first term)
 *   norms section           per document: title_len:u32 doc_len:u32 (words
 *     in the title, words in title+body), in chunks of NS_FMT_NORM_CHUNK
 *     documents: crc:u32 per chunk first, then the entries
 *   trailer (NS_FMT_NSP_TRAILER bytes):
 *     postings_off:u64 postings_len:u64 terms_off:u64 terms_len:u64
 *     tindex_off:u64 tindex_len:u64 norms_off:u64 norms_len:u64
 *     n_docs:u32 n_terms:u32 n_tokens:u64 tindex_crc:u32
 *     crc:u32 (of the trailer bytes before it) magic:u8[4]
 *
 * ---------------------------------------------------------------------------
 * Document file .nsd (magic "NSDF")
 * ---------------------------------------------------------------------------
 *   header
 *   records                 the text dictionary, then text groups and
 *                           document records: each group followed by the
 *                           records of its documents, in docid order
 *     dict   := dcrc:u32 dlen:u32 dict:u8[dlen]
 *       a zstd dictionary (RFC 8878 section 5), which every group's frame
 *       is compressed with: either one trained on the segment's first
 *       texts (it starts with the dictionary magic 0xEC30A437), or raw
 *       content: the segment's first texts themselves, one after the
 *       other, when the archive repeats itself enough for that to pay
 *       (textdict.h; any bytes not starting with the magic are raw
 *       content); dlen 0: none (a segment with too little text for one to
 *       pay); dcrc: CRC-32 of the 4 bytes of dlen and dict
 *     group  := gcrc:u32 zlen:u32 raw_len:u32 first_doc:u32 n_docs:u32
 *               rcrc:u32 ztext:u8[zlen]
 *       ztext: one zstd frame (RFC 8878) of raw_len bytes, with the frame's
 *       content size set, compressed with the dictionary when there is one:
 *       the body texts of documents first_doc..first_doc+n_docs-1 one after
 *       the other; a group closes after the document that brings it to
 *       NS_FMT_TEXT_GROUP bytes (compressing many articles together is
 *       much smaller than one by one, and the dictionary gives a group
 *       what earlier groups taught); gcrc: CRC-32 of the 20 bytes after
 *       it and ztext; rcrc: CRC-32 of the raw_len bytes ztext decompresses
 *       to.  A reader checks gcrc before it decompresses a group and rcrc
 *       after, which also vouches for the dictionary bytes the frame used:
 *       so only --check reads dcrc (a raw dictionary is megabytes, and a
 *       query that shows ten texts should not read it all)
 *     record := crc:u32 len:u32 body   (len = bytes of body; crc: CRC-32
 *                                       of the docid as u32, then body,
 *                                       so a record is its document's)
 *     body   := id title date source url path (each len:varint bytes)
 *               date_key:varint (zigzag of seconds since epoch; NS_DATE_NONE
 *               is stored as 0 with flags bit 0 clear).  Every date_key
 *               (here, in the doc table, the story map, the date terms)
 *               follows one rule, whatever reader made it: the date and
 *               time as written, on the publisher's clock, a zone offset
 *               NOT applied ("2022-05-03T22:46-03:00" is 2022-05-03
 *               22:46:00 counted as if UTC; date.h)
 *               flags:varint (bit 0: has date; bit 1: source shared,
 *               bit 2: path shared: the field is stored empty and is
 *               that of the first record of the same text group, the
 *               one right after the group's ztext, which never has
 *               bit 1 or 2 itself: the articles of one source file
 *               come one after the other, and the path was some 30
 *               bytes of every record; other bits 0)
 *               text_len:varint text_off:varint group_back:varint
 *       the body text is bytes text_off..text_off+text_len-1 of the group
 *       that starts group_back bytes before the record
 *   doc table               per document: record_off:u64 date_key:i64, in
 *                           chunks of NS_FMT_DOC_CHUNK documents, crc:u32 per
 *                           chunk first, then the entries;
 *                           then the id index: per document
 *                           id_hash:u64 docid:u32 (ns_fmt_id_hash of the
 *                           record's id), sorted by (id_hash, docid), in
 *                           chunks of NS_FMT_ID_CHUNK entries, crc:u32 per
 *                           chunk first;
 *                           then the columns (table_len covers all three):
 *                           what counting matches by date or source needs
 *                           (timeline.h, facet.h), a few bytes per document
 *                           instead of its record or its date terms:
 *     days    := per document day:u32, in chunks of NS_FMT_COL_CHUNK
 *                documents, crc:u32 per chunk first: the day of date_key
 *                (days since 1970-01-01 UTC, rounded down) as a two's
 *                complement i32, NS_FMT_DAY_NONE (0x80000000) for a
 *                document without a date
 *     sources := per document src:u32, chunked likewise: the number of its
 *                source (the record's source field, byte for byte, the
 *                empty one included) in the source table
 *     source table := n_src:u32 crc:u32 off:u32[n_src + 1]
 *                     bytes:u8[off[n_src]]
 *                source s is bytes off[s]..off[s + 1] - 1; off[0] = 0 and
 *                the offsets never decrease; every distinct source of the
 *                segment once, numbered in the order of its first
 *                document; crc: CRC-32 of the offsets and the bytes; the
 *                section ends with the bytes
 *   trailer (NS_FMT_NSD_TRAILER bytes):
 *     records_off:u64 records_len:u64 table_off:u64 table_len:u64
 *     n_docs:u32 crc:u32 magic:u8[4]
 *
 * ---------------------------------------------------------------------------
 * Word forms file .nsw (magic "NSWF")
 * ---------------------------------------------------------------------------
 *   The words of the segment's documents (title and body) as the tokenizer
 *   folds them, before stemming, with their counts: the dictionary that
 *   spelling suggestions and fuzzy words (word~) walk; the stemmer still
 *   decides what a form matches.  Forms holding an ASCII digit are left
 *   out (numbers are not misspelled), as are forms longer than
 *   NS_FMT_MAX_FORM_LEN bytes.
 *   header
 *   chunks                  the forms in term order (ns_fmt_term_cmp),
 *                           NS_FMT_FORM_CHUNK per chunk (fewer in the last):
 *     chunk := off:u16[m] entry*m
 *       off: byte offset of each entry from the start of the chunk
 *     entry := len:u8 form:u8[len] cf:varint df:varint
 *       len 1..NS_FMT_MAX_FORM_LEN; cf: occurrences, df: documents (>= 1,
 *       <= cf)
 *   chunk table             per chunk: off:u64 (from the start of the file)
 *                           len:u32 crc:u32 (CRC-32 of the chunk's bytes,
 *                           checked the first time a reader touches it)
 *   prefix table            the top of the trie the sorted forms make: the
 *                           distinct prefixes of 1 to NS_FMT_FORM_PREFIX_MAX
 *                           (5) bytes of the forms, those of 1 byte first,
 *                           then 2, 3, 4 and 5, each group in term order
 *                           (5 bytes: a walk reads forms only below the
 *                           fifth byte, where few are left to read):
 *     pentry := bytes:u8[5] (zero after the prefix's length)
 *               first:u32   (the number of the first form with the prefix;
 *                           its forms run up to the next entry's first, or
 *                           to the end of the shorter prefix's)
 *   trailer (NS_FMT_NSW_TRAILER bytes):
 *     n_forms:u32 n_chunks:u32 table_off:u64 table_crc:u32 (of the chunk
 *     table) n_docs:u32 (documents the counts cover)
 *     n_prefixes:u32[5] (entries of 1, 2, 3, 4 and 5 bytes) prefix_crc:u32 (of
 *     the prefix table, which follows the chunk table)
 *     crc:u32 (of the trailer bytes before it) magic:u8[4]
 *
 *   Counts and deletions: a segment's counts cover every document it was
 *   built with; a merge adds up the counts of its input segments, deleted
 *   documents included (their words are not known without reading them
 *   again), so a count is an upper bound of the live one: n_docs says how
 *   many documents it covers.  Readers never take a form for proof that a
 *   live document holds it: the stem's postings (which skip deleted
 *   documents, I7) decide what matches and what a suggestion finds.
 */
#ifndef NS_FORMAT_H
#define NS_FORMAT_H

#include <stdint.h>
#include <string.h>

#define NS_FMT_VERSION 17u	/* 2: field terms (I5); 3: deletions, id index,
				 * file state (incremental updates); 4: tf_title,
				 * per-block CRCs and impacts in the postings,
				 * one CRC per dictionary block for rare terms,
				 * exceptions in the codec, texts compressed in
				 * groups, records bound to their docid;
				 * 5: sentence and paragraph starts (I10);
				 * 6: arrival generations and the index
				 * identity in the MANIFEST (I11);
				 * 7: word forms file .nsw per segment;
				 * 8: .nsw prefix table to 5 bytes;
				 * 9: the story file;
				 * 10: stored text as zstd frames with a
				 * per-segment dictionary;
				 * 11: story entries varint-coded in groups,
				 * no centroid for one-article stories;
				 * 12: day and source columns in the .nsd;
				 * 13: the story file's doc entries in two
				 * sections, stories and signatures;
				 * 14: records share their group's first
				 * record's source and path;
				 * 15: a CRC of each text group's raw text,
				 * so a reader need not check the whole text
				 * dictionary; norms and doc-table chunks of 512
				 * documents;
				 * 16: the story file's doc sharing and
				 * sharer list (counts by story);
				 * 17: the story file's doc stories, sharer
				 * and member lists bit-packed */

#define NS_FMT_MAGIC_MANIFEST "NSMF"
#define NS_FMT_MAGIC_POSTINGS "NSPF"
#define NS_FMT_MAGIC_DOCS "NSDF"
#define NS_FMT_MAGIC_DELETES "NSDL"
#define NS_FMT_MAGIC_STORIES "NSST"
#define NS_FMT_STORY_DIR_LEN 16		/* ... of one story directory entry */
#define NS_FMT_STORY_GROUP 16		/* stories per directory entry */
#define NS_FMT_STORY_CHUNK 4096		/* entries per CRC chunk */
#define NS_FMT_PACK_PAD 7		/* zero bytes after a packed chunk */
#define NS_FMT_STORY_SHARE_LEN (8 + NS_FMT_STORY_CHUNK / 8)	/* bytes of a
					 * doc sharing chunk */
#define NS_FMT_MAGIC_FORMS "NSWF"

#define NS_FMT_HEADER_LEN 16
#define NS_FMT_BLOCK 128		/* documents per postings block */
#define NS_FMT_SKIP_ENTRY_LEN 22	/* bytes of one skip entry */
#define NS_FMT_BOUND_TW 2		/* title weight - 1 of the skip entries'
					 * impacts (rank.h's w_t = 3) */
#define NS_FMT_BOUND_C 3.0		/* their c0 times the average length
					 * (rank.h's b / (1 - b) = 3) */
#define NS_FMT_BOUND_SCALE 4096.0	/* impact units per 1 */
#define NS_FMT_BOUND_MAX 65535u		/* the largest impact */
#define NS_FMT_TERMS_PER_BLOCK 32	/* dictionary entries per block */
#define NS_FMT_MAX_TERM_LEN 255		/* longest term the format stores */
#define NS_FMT_NORM_CHUNK 512		/* documents per norms CRC chunk (4 KiB:
					 * a query that scores few documents
					 * checks little more than it reads) */
#define NS_FMT_NORM_ENTRY_LEN 8
#define NS_FMT_DOC_CHUNK 512		/* documents per doc-table CRC chunk (8 KiB,
					 * for the same reason) */
#define NS_FMT_TEXT_GROUP 32768		/* raw bytes of a text group */
#define NS_FMT_GROUP_HEAD 24		/* bytes of a text group's header */
#define NS_FMT_DOC_ENTRY_LEN 16
#define NS_FMT_ID_CHUNK 4096		/* entries per id-index CRC chunk */
#define NS_FMT_ID_ENTRY_LEN 12
#define NS_FMT_COL_CHUNK 4096		/* documents per day/source column CRC
					 * chunk (16 KiB) */
#define NS_FMT_COL_ENTRY_LEN 4
#define NS_FMT_DAY_NONE 0x80000000u	/* the day of a document without a date */
#define NS_FMT_MF_SEG_LEN 56		/* bytes of one MANIFEST segment entry */
#define NS_FMT_NSP_TRAILER (8 * 8 + 4 + 4 + 8 + 4 + 4 + 4)
#define NS_FMT_NSD_TRAILER (4 * 8 + 4 + 4 + 4)
#define NS_FMT_MAX_LANG_LEN 32
#define NS_FMT_FORM_CHUNK 64		/* word forms per .nsw chunk */
#define NS_FMT_MAX_FORM_LEN 64		/* longest form kept (NS_TOK_MAX_LEN) */
#define NS_FMT_FORM_PREFIX_MAX 5	/* longest prefix of the prefix table */

/* Byte offsets of the fields of fixed-layout records, as in the grammar
 * above; every reader and writer uses these names, never the numbers. */

/* .nsp trailer: four sections as (off:u64 len:u64) pairs, then counts. */
#define NS_FMT_NSP_T_SECTIONS 0		/* postings, terms, tindex, norms */
#define NS_FMT_NSP_T_N_SECTIONS 4
#define NS_FMT_NSP_T_N_DOCS 64
#define NS_FMT_NSP_T_N_TERMS 68
#define NS_FMT_NSP_T_N_TOKENS 72
#define NS_FMT_NSP_T_TINDEX_CRC 80
#define NS_FMT_NSP_T_CRC 84
#define NS_FMT_NSP_T_MAGIC 88
_Static_assert(NS_FMT_NSP_T_N_SECTIONS * 16 == NS_FMT_NSP_T_N_DOCS, "nsp trailer sections");
_Static_assert(NS_FMT_NSP_T_MAGIC + 4 == NS_FMT_NSP_TRAILER, "nsp trailer layout");

/* .nsd trailer: two sections (records, table) as (off:u64 len:u64). */
#define NS_FMT_NSD_T_SECTIONS 0
#define NS_FMT_NSD_T_N_SECTIONS 2
#define NS_FMT_NSD_T_N_DOCS 32
#define NS_FMT_NSD_T_CRC 36
#define NS_FMT_NSD_T_MAGIC 40
_Static_assert(NS_FMT_NSD_T_N_SECTIONS * 16 == NS_FMT_NSD_T_N_DOCS, "nsd trailer sections");
_Static_assert(NS_FMT_NSD_T_MAGIC + 4 == NS_FMT_NSD_TRAILER, "nsd trailer layout");

/* Term index record, one per dictionary block. */
#define NS_FMT_TINDEX_REC_LEN 16
#define NS_FMT_TINDEX_BLOCK_OFF 0	/* u32 into the terms section */
#define NS_FMT_TINDEX_FIRST_OFF 4	/* u32 into the strings */
#define NS_FMT_TINDEX_POSTINGS_OFF 8	/* u64 into the file */
_Static_assert(NS_FMT_TINDEX_POSTINGS_OFF + 8 == NS_FMT_TINDEX_REC_LEN, "term index record");

/* Head of a dictionary block (term_block). */
#define NS_FMT_TBLOCK_CRC 0
#define NS_FMT_TBLOCK_LEN 4
#define NS_FMT_TBLOCK_POST_CRC 8
#define NS_FMT_TBLOCK_HEAD 12
_Static_assert(NS_FMT_TBLOCK_POST_CRC + 4 == NS_FMT_TBLOCK_HEAD, "term block head");

/* Skip entry. */
#define NS_FMT_SKIP_LAST_DOCID 0
#define NS_FMT_SKIP_DOC_OFF 4
#define NS_FMT_SKIP_POS_OFF 8
#define NS_FMT_SKIP_DOC_CRC 12
#define NS_FMT_SKIP_POS_CRC 16
#define NS_FMT_SKIP_IMPACT 20		/* u16 */
_Static_assert(NS_FMT_SKIP_IMPACT + 2 == NS_FMT_SKIP_ENTRY_LEN, "skip entry");

/* Norms entry, doc-table entry, id-index entry. */
#define NS_FMT_NORM_TITLE_LEN 0
#define NS_FMT_NORM_DOC_LEN 4
_Static_assert(NS_FMT_NORM_DOC_LEN + 4 == NS_FMT_NORM_ENTRY_LEN, "norms entry");
#define NS_FMT_DOC_RECORD_OFF 0
#define NS_FMT_DOC_DATE_KEY 8
_Static_assert(NS_FMT_DOC_DATE_KEY + 8 == NS_FMT_DOC_ENTRY_LEN, "doc-table entry");
#define NS_FMT_ID_HASH 0
#define NS_FMT_ID_DOCID 8
_Static_assert(NS_FMT_ID_DOCID + 4 == NS_FMT_ID_ENTRY_LEN, "id-index entry");

/* Text group header and document record head (.nsd records). */
#define NS_FMT_GROUP_CRC 0
#define NS_FMT_GROUP_ZLEN 4
#define NS_FMT_GROUP_RAW_LEN 8
#define NS_FMT_GROUP_FIRST_DOC 12
#define NS_FMT_GROUP_N_DOCS 16
#define NS_FMT_GROUP_RAW_CRC 20
_Static_assert(NS_FMT_GROUP_RAW_CRC + 4 == NS_FMT_GROUP_HEAD, "text group header");
#define NS_FMT_DICT_CRC 0
#define NS_FMT_DICT_LEN 4
#define NS_FMT_DICT_HEAD 8
#define NS_FMT_RECORD_CRC 0
#define NS_FMT_RECORD_LEN 4
#define NS_FMT_RECORD_HEAD 8
#define NS_FMT_REC_HAS_DATE 1u		/* record flags (body, above) */
#define NS_FMT_REC_SHARED_SOURCE 2u
#define NS_FMT_REC_SHARED_PATH 4u

/* .nsw: chunk table entry, prefix table entry, trailer. */
#define NS_FMT_FORM_TABLE_OFF 0		/* u64 into the file */
#define NS_FMT_FORM_TABLE_LEN 8
#define NS_FMT_FORM_TABLE_CRC 12
#define NS_FMT_FORM_TABLE_ENTRY 16
_Static_assert(NS_FMT_FORM_TABLE_CRC + 4 == NS_FMT_FORM_TABLE_ENTRY, "nsw chunk table entry");
#define NS_FMT_FORM_PREFIX_BYTES 0
#define NS_FMT_FORM_PREFIX_FIRST 5
#define NS_FMT_FORM_PREFIX_ENTRY 9
_Static_assert(NS_FMT_FORM_PREFIX_FIRST + 4 == NS_FMT_FORM_PREFIX_ENTRY, "nsw prefix entry");
_Static_assert(NS_FMT_FORM_PREFIX_MAX <= NS_FMT_FORM_PREFIX_FIRST, "nsw prefix bytes");
#define NS_FMT_NSW_T_N_FORMS 0
#define NS_FMT_NSW_T_N_CHUNKS 4
#define NS_FMT_NSW_T_TABLE_OFF 8
#define NS_FMT_NSW_T_TABLE_CRC 16
#define NS_FMT_NSW_T_N_DOCS 20
#define NS_FMT_NSW_T_N_PREFIXES 24	/* u32[NS_FMT_FORM_PREFIX_MAX] */
#define NS_FMT_NSW_T_PREFIX_CRC (NS_FMT_NSW_T_N_PREFIXES + 4 * NS_FMT_FORM_PREFIX_MAX)
#define NS_FMT_NSW_T_CRC (NS_FMT_NSW_T_PREFIX_CRC + 4)
#define NS_FMT_NSW_T_MAGIC (NS_FMT_NSW_T_CRC + 4)
#define NS_FMT_NSW_TRAILER (NS_FMT_NSW_T_MAGIC + 4)
_Static_assert(NS_FMT_NSW_T_N_PREFIXES + 4 * NS_FMT_FORM_PREFIX_MAX == NS_FMT_NSW_T_PREFIX_CRC,
	       "nsw trailer prefixes");
_Static_assert(NS_FMT_NSW_T_MAGIC + 4 == NS_FMT_NSW_TRAILER, "nsw trailer layout");

#define NS_FMT_MANIFEST_NAME "MANIFEST"

/* Flags of a file in the MANIFEST's files section. */
#define NS_FMT_FILE_JSONL 1u
#define NS_FMT_FILE_GZIP 2u
#define NS_FMT_FILE_DIRTY 4u
#define NS_FMT_FILE_TAIL 8u

/* Term order, the order of the dictionary and of the postings section:
 * bytes compared unsigned, a prefix first.  <0, 0 or >0 like memcmp(). */
static inline int ns_fmt_term_cmp(const char *a, size_t an, const char *b, size_t bn)
{
	int c = memcmp(a, b, an < bn ? an : bn);

	if (c)
		return c;
	return an < bn ? -1 : an > bn;
}

/* Little-endian loads and stores: the only way format bytes are touched. */
static inline uint32_t ns_get_u32(const uint8_t *p)
{
	return (uint32_t)p[0] | (uint32_t)p[1] << 8 | (uint32_t)p[2] << 16 | (uint32_t)p[3] << 24;
}

static inline uint64_t ns_get_u64(const uint8_t *p)
{
	return (uint64_t)ns_get_u32(p) | (uint64_t)ns_get_u32(p + 4) << 32;
}

/* Field i of w bits (1..32) packed little-endian from bit 0 of p: bit b of
 * the stream is bit b % 8 of byte b / 8.  Reads the 8 bytes from the
 * field's first byte, so a packed array is followed by 7 readable bytes
 * (NS_FMT_PACK_PAD). */
static inline uint32_t ns_get_bits(const uint8_t *p, uint64_t i, unsigned w)
{
	uint64_t b = i * w;

	return (uint32_t)((ns_get_u64(p + (b >> 3)) >> (b & 7)) & ((1ull << w) - 1));
}

/* Bits that hold every value up to x (at least 1): the width of a packed
 * field whose largest value is x. */
static inline unsigned ns_fmt_bit_width(uint64_t x)
{
	unsigned w = 1;

	while (w < 64 && (x >> w))
		w++;
	return w;
}

static inline void ns_put_u32(uint8_t *p, uint32_t v)
{
	p[0] = (uint8_t)v;
	p[1] = (uint8_t)(v >> 8);
	p[2] = (uint8_t)(v >> 16);
	p[3] = (uint8_t)(v >> 24);
}

static inline void ns_put_u64(uint8_t *p, uint64_t v)
{
	ns_put_u32(p, (uint32_t)v);
	ns_put_u32(p + 4, (uint32_t)(v >> 32));
}

/* Zigzag maps signed to unsigned so small magnitudes stay small varints. */
static inline uint64_t ns_zigzag(int64_t v)
{
	return ((uint64_t)v << 1) ^ (uint64_t)(v >> 63);
}

static inline int64_t ns_unzigzag(uint64_t v)
{
	return (int64_t)(v >> 1) ^ -(int64_t)(v & 1);
}

/* c0 of a segment's skip entry impacts (postings section), the same bits
 * for writer and reader. */
static inline double ns_fmt_bound_c0(uint64_t n_tokens, uint32_t n_docs)
{
	double avg = n_docs ? (double)n_tokens / (double)n_docs : 0.0;

	return NS_FMT_BOUND_C / (avg > 1.0 ? avg : 1.0);
}

/* Fills a 16-byte common header. */
static inline void ns_fmt_put_header(uint8_t *p, const char *magic)
{
	memcpy(p, magic, 4);
	ns_put_u32(p + 4, NS_FMT_VERSION);
	ns_put_u32(p + 8, 0);
	ns_put_u32(p + 12, 0);
}

/* Checks a common header: returns 0 (NS_OK), NS_ERR_CORRUPT for a wrong magic
 * or short file, NS_ERR_VERSION for another format version. */
int ns_fmt_check_header(const uint8_t *p, uint64_t file_len, const char *magic);

/* Segment file names: "seg-%08u.nsp" / ".nsd". out needs 32 bytes. */
void ns_fmt_segment_name(char *out, uint32_t seg_id, const char *ext);

/* Deletion file name: "seg-%08u.del-%llu". out needs 48 bytes. */
void ns_fmt_deletes_name(char *out, uint32_t seg_id, uint64_t gen);

/* The id index's hash of an article id: FNV-1a 64 of its bytes. */
static inline uint64_t ns_fmt_id_hash(const char *id, size_t len)
{
	uint64_t h = 1469598103934665603ull;

	for (size_t i = 0; i < len; i++)
		h = (h ^ (uint8_t)id[i]) * 1099511628211ull;
	return h;
}

/* ns_fmt_hash, the content hash of a source file (files section): CRC-32
 * in the high half, Adler-32 in the low half, both as zlib computes them
 * over the content, so it can be extended as bytes arrive; computed by
 * ns_hash_update() in fileio.h. */

#endif /* NS_FORMAT_H */
