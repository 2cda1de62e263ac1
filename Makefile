# nsearch -- one plain non-recursive Makefile.
#   make deps       install the Debian packages needed (libstemmer-dev zlib1g-dev
#                   libzstd-dev libxml2-dev; wget for the WARC test)
#   make            build/nindex, build/nsearch, build/nsbench and the library
#                   (build/libnsearch.a, build/libnsearch.so.0; include/nsearch.h)
#   make demo       build, index corpus/ and run an example search
#   make test       every test layer, then again under ASan+UBSan (build/san)
#   make test-unit, test-api, test-cli, test-python, test-fuzz, test-corrupt,
#                   test-hostile, test-diff, test-oom
#                   one layer against the test build (build/test)
#   make bench      nsearch beside Xapian and SQLite FTS5 (needs ../shared),
#                   then the codec micro-benchmark (bench/codec_bench.c)
#   make bench-scale  nsearch on 100k and 1M synthetic articles (needs ../shared),
#                   then 4 shards built with xargs -P 2 vs one index (SHARDS=0: not;
#                   SCALE_DOCS=100000 SHARDS_DOCS=100000: a smaller run;
#                   SCALE_10M=1 adds 10M articles, hours: never in CI)
#   make bench-spell  --spell and word~ beside Xapian's spelling (needs ../shared)
#   make eval       ranking quality on six test collections (needs ../shared)
#   make eval-html  web page extraction quality on html-dev (needs ../shared)
#   make bench-web  HTML vs JSON Lines indexing speed, WARC peak RSS (needs ../shared)
#   make install    PREFIX=/usr/local DESTDIR= (LIBDIR, INCLUDEDIR, MANDIR):
#                   the programs, both libraries, nsearch.h, nsearch.pc and
#                   the man pages (nsearch(3) for the API); make uninstall
PREFIX     ?= /usr/local
CC         ?= cc
PKG_CONFIG ?= pkg-config
CFLAGS     ?= -O2 -g
B          ?= build

# -Werror only when asked (WERROR=1): the test builds, CI and `make check`
# ask; a user's build with another compiler's new warnings still builds.
WARN = -Wall -Wextra -Wshadow -Wstrict-prototypes -Wmissing-prototypes -Wpointer-arith \
       -Wwrite-strings -Wformat=2 -Wvla -Wundef $(if $(WERROR),-Werror)
# TEST_HOOKS=1 compiles in the fault hooks of fileio.h (NS_TEST_HOOKS):
# only the test builds have them, never the shipped binaries.
HOOKS_CPPFLAGS = $(if $(TEST_HOOKS),-DNS_TEST_HOOKS)
ZLIB_CFLAGS := $(shell $(PKG_CONFIG) --cflags zlib 2>/dev/null)
ZLIB_LIBS   := $(shell $(PKG_CONFIG) --libs zlib 2>/dev/null || echo -lz)
# zstd compresses the stored texts (common/recwriter.c, segdocs_read.c).
ZSTD_CFLAGS := $(shell $(PKG_CONFIG) --cflags libzstd 2>/dev/null)
ZSTD_LIBS   := $(shell $(PKG_CONFIG) --libs libzstd 2>/dev/null || echo -lzstd)
# Debian's libstemmer-dev ships no .pc file: fall back to plain -lstemmer.
STEM_CFLAGS := $(shell $(PKG_CONFIG) --cflags libstemmer 2>/dev/null)
STEM_LIBS   := $(shell $(PKG_CONFIG) --libs libstemmer 2>/dev/null || echo -lstemmer)
# libxml2 parses web pages and feeds (indexer/html.c, feed.c).
XML_CFLAGS  := $(shell $(PKG_CONFIG) --cflags libxml-2.0 2>/dev/null || echo -I/usr/include/libxml2)
XML_LIBS    := $(shell $(PKG_CONFIG) --libs libxml-2.0 2>/dev/null || echo -lxml2)

ALL_CPPFLAGS = -Iinclude -Icommon -D_POSIX_C_SOURCE=200809L -D_DEFAULT_SOURCE $(HOOKS_CPPFLAGS) $(ZLIB_CFLAGS) $(ZSTD_CFLAGS) \
	       $(STEM_CFLAGS) $(XML_CFLAGS) $(CPPFLAGS)
ALL_CFLAGS   = -std=c11 $(WARN) $(CFLAGS)
LIBS         = $(ZLIB_LIBS) $(ZSTD_LIBS) $(STEM_LIBS) $(XML_LIBS) -lm -pthread
SAN = -O1 -g -fno-omit-frame-pointer -fsanitize=address,undefined -fno-sanitize-recover=all

# The programs' own files (options, output): clients of include/nsearch.h.
NSEARCH_SRC  := searcher/nsearch.c searcher/output.c searcher/storycmd.c
NINDEX_SRC   := indexer/nindex.c
NSBENCH_SRC  := bench/nsbench.c bench/harness.c
COMMON_SRC   := $(sort $(wildcard common/*.c))
INDEXER_SRC  := $(sort $(filter-out $(NINDEX_SRC), $(wildcard indexer/*.c)))
SEARCHER_SRC := $(sort $(filter-out $(NSEARCH_SRC), $(wildcard searcher/*.c)))
LIB_SRC      := $(sort $(wildcard lib/*.c))
ENGINE_SRC    = $(COMMON_SRC) $(INDEXER_SRC) $(SEARCHER_SRC) $(LIB_SRC)
UNIT_SRC     := $(sort $(wildcard tests/unit/*.c))
API_SRC      := $(sort $(wildcard tests/api/*.c))

# The library: libnsearch.a, and libnsearch.so.$(SO_VERSION) (soname
# libnsearch.so.$(SO_MAJOR)) from -fPIC objects in $(B)/pic compiled with
# -fvisibility=hidden, so only what nsearch.h marks NS_API is exported.
SO_MAJOR   := $(shell sed -n 's/^\#define NSEARCH_VERSION_MAJOR //p' include/nsearch.h)
SO_VERSION := $(shell sed -n 's/^\#define NSEARCH_VERSION "\(.*\)"/\1/p' include/nsearch.h)
SONAME     := libnsearch.so.$(SO_MAJOR)

obj = $(patsubst %.c,$(B)/%.o,$(1))

.PHONY: all deps demo test test-fast test-san clean install uninstall bench bench-scale eval eval-stories \
	test-unit test-api test-cli test-python test-fuzz test-corrupt test-hostile test-diff \
	test-oom eval-html bench-web bench-spell
all: $(B)/nindex $(B)/nsearch $(B)/nsbench $(B)/libnsearch.a $(B)/$(SONAME)

# Installs the build dependencies from Debian when their headers are missing.
SUDO := $(shell [ "$$(id -u)" = 0 ] || echo sudo)
# What the build and the tests need (and wamerican: make bench-spell reads
# /usr/share/dict/words), each as "package:file it provides".
DEPS = libstemmer-dev:/usr/include/libstemmer.h zlib1g-dev:/usr/include/zlib.h \
       libzstd-dev:/usr/include/zstd.h \
       pkg-config:/usr/bin/pkg-config libxml2-dev:/usr/include/libxml2/libxml/HTMLparser.h \
       wget:/usr/bin/wget \
       wamerican:/usr/share/dict/words
deps:
	@missing=""; for d in $(DEPS); do [ -e "$${d#*:}" ] || missing="$$missing $${d%%:*}"; done; \
	if [ -z "$$missing" ]; then \
		echo "deps: $(foreach d,$(DEPS),$(firstword $(subst :, ,$(d)))) are installed"; \
	else \
		echo "deps: installing$$missing"; \
		$(SUDO) env DEBIAN_FRONTEND=noninteractive apt-get update -qq && \
		$(SUDO) env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq $$missing; \
	fi

# Indexes the bundled sample articles and asks one question.
demo: all
	rm -rf $(B)/corpus.idx
	$(B)/nindex -v -i $(B)/corpus.idx corpus
	$(B)/nsearch -i $(B)/corpus.idx 'airspace NEAR/10 saudi'

$(B)/%.o: %.c
	@mkdir -p $(@D)
	$(CC) $(ALL_CPPFLAGS) $(ALL_CFLAGS) -MMD -MP -c $< -o $@

$(B)/pic/%.o: %.c
	@mkdir -p $(@D)
	$(CC) $(ALL_CPPFLAGS) $(ALL_CFLAGS) -fPIC -fvisibility=hidden -MMD -MP -c $< -o $@

$(B)/libns.a: $(call obj,$(COMMON_SRC))
	@rm -f $@
	$(AR) rcs $@ $^

$(B)/libnsearch.a: $(call obj,$(ENGINE_SRC))
	@rm -f $@
	$(AR) rcs $@ $^

$(B)/libnsearch.so.$(SO_VERSION): $(patsubst %.c,$(B)/pic/%.o,$(ENGINE_SRC))
	$(CC) $(CFLAGS) $(LDFLAGS) -shared -Wl,-soname,$(SONAME) -o $@ $^ $(LIBS)

$(B)/$(SONAME): $(B)/libnsearch.so.$(SO_VERSION)
	ln -sf libnsearch.so.$(SO_VERSION) $@
	ln -sf $(SONAME) $(B)/libnsearch.so

$(B)/lib/%.o $(B)/pic/lib/%.o: ALL_CPPFLAGS += -Iindexer -Isearcher
$(B)/bench/%.o: ALL_CPPFLAGS += -Ibench

$(B)/nindex: $(call obj,$(NINDEX_SRC)) $(B)/libnsearch.a
	$(CC) $(CFLAGS) $(LDFLAGS) -o $@ $^ $(LIBS)

$(B)/nsearch: $(call obj,$(NSEARCH_SRC)) $(B)/libnsearch.a
	$(CC) $(CFLAGS) $(LDFLAGS) -o $@ $^ $(LIBS)

$(B)/nsbench: $(call obj,$(NSBENCH_SRC)) $(B)/libnsearch.a
	$(CC) $(CFLAGS) $(LDFLAGS) -o $@ $^ $(LIBS)

# Prints what the HTML reader makes of pages, as JSON (make eval-html).
$(B)/webx: $(call obj,tools/webx.c $(INDEXER_SRC)) $(B)/libns.a
	$(CC) $(CFLAGS) $(LDFLAGS) -o $@ $^ $(LIBS)

$(B)/tools/%.o: ALL_CPPFLAGS += -Iindexer

$(B)/unit: $(call obj,$(UNIT_SRC) $(INDEXER_SRC) $(SEARCHER_SRC) searcher/output.c) $(B)/libns.a
	$(CC) $(CFLAGS) $(LDFLAGS) -o $@ $^ $(LIBS)

# The API tests: linked with the static library, using nsearch.h alone;
# apitest-so runs the same tests against the shared library.
$(B)/apitest: $(call obj,$(API_SRC)) $(B)/libnsearch.a
	$(CC) $(CFLAGS) $(LDFLAGS) -o $@ $^ $(LIBS)

$(B)/apitest-so: $(call obj,$(API_SRC)) $(B)/$(SONAME)
	$(CC) $(CFLAGS) $(LDFLAGS) -o $@ $(call obj,$(API_SRC)) -L$(B) -lnsearch \
		-Wl,-rpath,'$$ORIGIN' -lm -pthread

$(B)/tests/unit/%.o: ALL_CPPFLAGS += -Iindexer -Isearcher -Itests/unit

# The differential suite (tests/diff): random corpora and queries, the
# engine's pruned top k against an exhaustive reference written for it.
$(B)/difftest: $(call obj,tests/diff/main.c tests/diff/diffcore.c $(INDEXER_SRC) $(SEARCHER_SRC)) $(B)/libns.a
	$(CC) $(CFLAGS) $(LDFLAGS) -o $@ $^ $(LIBS)

$(B)/tests/diff/%.o: ALL_CPPFLAGS += -Iindexer -Isearcher -Itests/diff

# The out-of-memory suite (tests/oom): every allocation of common/,
# indexer/ and searcher/ goes through its wrappers, which fail the Nth.
OOM_WRAP = -Wl,--wrap=malloc,--wrap=calloc,--wrap=realloc,--wrap=strdup,--wrap=strndup,--wrap=realpath
$(B)/oomtest: $(call obj,tests/oom/oomtest.c $(INDEXER_SRC) $(SEARCHER_SRC) $(LIB_SRC)) $(B)/libns.a
	$(CC) $(CFLAGS) $(LDFLAGS) $(OOM_WRAP) -o $@ $^ $(LIBS)

$(B)/tests/oom/%.o: ALL_CPPFLAGS += -Iindexer -Isearcher

# Tests run against a test build: its own directory (TEST_B, or build/san
# for the sanitizers), with -Werror and the fault hooks; `make` and `make
# install` never build with either.
TEST_B    ?= build/test
TEST_MAKE  = $(MAKE) --no-print-directory WERROR=1 TEST_HOOKS=1

# One build's tests, every layer; prints "N passed, N failed" per runner.
test-fast:
	+@$(TEST_MAKE) B=$(TEST_B) layer-all

test-san:
	+@$(TEST_MAKE) B=build/san CFLAGS="$(SAN)" LDFLAGS="$(SAN)" layer-all

# One layer each (tests/run-all.sh runs them all in this order).
test-unit test-api test-cli test-python test-fuzz test-corrupt test-hostile test-diff test-oom:
	+@$(TEST_MAKE) B=$(TEST_B) layer-$(@:test-%=%)

# The layers against $(B), for the targets above (B is a test build there).
.PHONY: layer-all layer-unit layer-api layer-cli layer-python layer-fuzz layer-corrupt \
	layer-hostile layer-diff layer-oom
layer-all: all $(B)/unit $(B)/apitest $(B)/apitest-so fuzz-replay $(B)/difftest $(B)/oomtest
	@tests/run-all.sh $(B)
layer-unit: $(B)/unit
	@$(B)/unit
layer-api: $(B)/apitest $(B)/apitest-so
	@$(B)/apitest && $(B)/apitest-so
layer-cli: $(B)/nindex $(B)/nsearch $(B)/nsbench
	@tests/cli/run.sh $(B)
layer-python: $(B)/nindex $(B)/nsearch $(B)/$(SONAME)
	@tests/python/run.sh $(B)
layer-fuzz: fuzz-replay
	@tests/fuzz/run.sh $(B)
layer-corrupt: $(B)/nindex $(B)/nsearch
	@tests/corrupt/run.sh $(B)
layer-hostile: $(B)/nindex $(B)/nsearch
	@tests/hostile/run.sh $(B)
layer-diff: $(B)/difftest
	@$(B)/difftest
layer-oom: $(B)/oomtest
	@$(B)/oomtest

# The whole suite: plain build, then ASan+UBSan; one summed line at the end.
test:
	@tests/run-both.sh

# Side-by-side benchmark with Xapian and SQLite FTS5 (needs ../shared).
bench: all $(B)/codec_bench $(B)/webx
	B=$(abspath $(B)) bench/run.sh

$(B)/codec_bench: bench/codec_bench.c $(B)/libns.a
	$(CC) $(ALL_CPPFLAGS) $(ALL_CFLAGS) -o $@ $^ $(LIBS)

# Growth with the archive: 100k and 1M synthetic articles in $(B)/scale
# (generated once), nsearch alone: build time, size, peak RSS, latency.
# Then the 1M articles as 4 shards built with xargs -P 2 against one index
# built on 2 cores: build time, latency ratio, same top 10 (bench/shards.py);
# SHARDS=0 leaves that step out (CI), SHARDS_DOCS=N changes its size;
# SCALE_DOCS="100000" the sizes of the first step (on a shared machine:
# make bench-scale SCALE_DOCS=100000 SHARDS_DOCS=100000).  SCALE_10M=1 adds
# 10M articles (15 GB of text, ~25 GB of disk while building; hours: never
# in CI); SCALE_CORPORA=DIR takes synthN.jsonl.gz from DIR instead of
# generating it, SCALE_MEMORY=SIZE is nindex's --memory (bench/scale.py).
SHARDS      ?= 1
SHARDS_DOCS ?= 1000000
SCALE_DOCS  ?= 100000 1000000
SCALE_10M   ?= 0
bench-scale: all
	python3 bench/scale.py $(abspath $(B)) $(abspath $(B))/scale $(SCALE_DOCS) \
		$(if $(filter 1,$(SCALE_10M)),10000000)
ifneq ($(SHARDS),0)
	python3 bench/shards.py $(abspath $(B)) $(abspath $(B))/scale --docs $(SHARDS_DOCS)
endif

# Spelling (--spell) and fuzzy words beside Xapian's spelling suggestions
# on Reuters-21578 and 20 Newsgroups (needs ../shared and python3-xapian).
bench-spell: all
	/usr/bin/python3 bench/spell.py $(abspath $(B)) ../shared/data/reuters21578.jsonl.gz \
		../shared/data/20newsgroups.jsonl.gz

# Ranking quality on the six test collections beside Xapian and FTS5.
eval: all
	B=$(abspath $(B)) bench/eval.sh

# Story grouping on labelled headlines (uci_stories) beside a plain tf-idf
# single-link baseline, and a sanity check on bbc_news (bench/story_eval.py).
eval-stories: all
	python3 bench/story_eval.py $(abspath $(B)) ../shared/data/uci_stories/docs.jsonl.gz \
		--runs 4 --sanity ../shared/data/bbc_news.jsonl.gz

# Web readers' speed: HTML pages vs the same articles as JSON Lines (ratio
# of articles/s), and a WARC's peak RSS (bench/web.py; needs ../shared).
bench-web: all $(B)/webx
	python3 bench/web.py $(abspath $(B))

# Main-content extraction on ../shared/data/html-dev: body 4-gram F1,
# snippets, title and date accuracy (bench/eval_html.py).
eval-html: $(B)/webx
	python3 bench/eval_html.py $(abspath $(B))

clean:
	rm -rf $(B)

# make install: the programs, both libraries (the shared one with its
# soname links), the header, nsearch.pc (written here for this PREFIX) and
# the man pages.  It needs the files, not `all`: what is built already is
# installed as it is (a test build's programs are not built again).
LIBDIR     ?= $(PREFIX)/lib
INCLUDEDIR ?= $(PREFIX)/include
MANDIR     ?= $(PREFIX)/share/man
INSTALLED   = $(B)/nindex $(B)/nsearch $(B)/libnsearch.a $(B)/libnsearch.so.$(SO_VERSION)
PC_PRIVATE  = $(STEM_LIBS) $(XML_LIBS) -lm -pthread
# nsearch.pc names its directories from ${prefix} where they are under it.
PC_LIBDIR     = $(patsubst $(PREFIX)%,$${prefix}%,$(LIBDIR))
PC_INCLUDEDIR = $(patsubst $(PREFIX)%,$${prefix}%,$(INCLUDEDIR))
install: $(INSTALLED)
	install -d $(DESTDIR)$(PREFIX)/bin $(DESTDIR)$(LIBDIR)/pkgconfig $(DESTDIR)$(INCLUDEDIR) \
		$(DESTDIR)$(MANDIR)/man1 $(DESTDIR)$(MANDIR)/man3
	install -m 755 $(B)/nindex $(B)/nsearch $(DESTDIR)$(PREFIX)/bin/
	install -m 644 $(B)/libnsearch.a $(DESTDIR)$(LIBDIR)/
	install -m 755 $(B)/libnsearch.so.$(SO_VERSION) $(DESTDIR)$(LIBDIR)/
	ln -sf libnsearch.so.$(SO_VERSION) $(DESTDIR)$(LIBDIR)/$(SONAME)
	ln -sf $(SONAME) $(DESTDIR)$(LIBDIR)/libnsearch.so
	install -m 644 include/nsearch.h $(DESTDIR)$(INCLUDEDIR)/
	sed -e 's|@PREFIX@|$(PREFIX)|' -e 's|@LIBDIR@|$(PC_LIBDIR)|' -e 's|@INCLUDEDIR@|$(PC_INCLUDEDIR)|' \
		-e 's|@VERSION@|$(SO_VERSION)|' -e 's|@LIBS_PRIVATE@|$(PC_PRIVATE)|' \
		lib/nsearch.pc.in >$(DESTDIR)$(LIBDIR)/pkgconfig/nsearch.pc
	chmod 644 $(DESTDIR)$(LIBDIR)/pkgconfig/nsearch.pc
	install -m 644 doc/nindex.1 doc/nsearch.1 $(DESTDIR)$(MANDIR)/man1/
	install -m 644 doc/nsearch.3 $(DESTDIR)$(MANDIR)/man3/

uninstall:
	rm -f $(DESTDIR)$(PREFIX)/bin/nindex $(DESTDIR)$(PREFIX)/bin/nsearch
	rm -f $(DESTDIR)$(LIBDIR)/libnsearch.a $(DESTDIR)$(LIBDIR)/libnsearch.so.$(SO_VERSION) \
		$(DESTDIR)$(LIBDIR)/$(SONAME) $(DESTDIR)$(LIBDIR)/libnsearch.so
	rm -f $(DESTDIR)$(LIBDIR)/pkgconfig/nsearch.pc $(DESTDIR)$(INCLUDEDIR)/nsearch.h
	rm -f $(DESTDIR)$(MANDIR)/man1/nindex.1 $(DESTDIR)$(MANDIR)/man1/nsearch.1 \
		$(DESTDIR)$(MANDIR)/man3/nsearch.3

-include $(shell find $(B) -name '*.d' 2>/dev/null)
.DELETE_ON_ERROR:

# ---- robustness: fuzz targets, their seed replay, slower checks ----
#   make fuzz-replay   build/fuzz/replay_<target>: each fuzz target with a plain
#                      main() that replays tests/fuzz/seeds/<target>/ (make test)
#   make fuzz TARGET=query SECONDS=60
#                      one target under libFuzzer (clang, installed with apt
#                      when missing), corpus in build/fuzzer/corpus/<target>
FUZZ_TARGETS := codec corpus diff feed html index jsonl linesplit manifest query storyfile tokenize warc
FUZZ_LIBOBJ   = $(call obj,tests/fuzz/fuzz_util.c $(INDEXER_SRC) $(SEARCHER_SRC) $(LIB_SRC) searcher/output.c) $(B)/libns.a
TARGET      ?= query
SECONDS     ?= 60
FUZZ_B      ?= build/fuzzer
FUZZ_CC     ?= clang
FUZZ_SAN     = -O1 -g -fno-omit-frame-pointer -fsanitize=address,undefined -fno-sanitize-recover=all
FUZZ_FLAGS  ?=

.PHONY: fuzz fuzz-replay fuzz-build fuzz-seeds
$(B)/tests/fuzz/%.o: ALL_CPPFLAGS += -Iindexer -Isearcher -Itests/fuzz

fuzz-replay: $(addprefix $(B)/fuzz/replay_,$(FUZZ_TARGETS))

# The diff target runs the differential suite's core (tests/diff).
$(B)/fuzz/replay_diff $(B)/fuzz/fuzz_diff: $(B)/tests/diff/diffcore.o
$(B)/tests/fuzz/fuzz_diff.o: ALL_CPPFLAGS += -Itests/diff

$(B)/fuzz/replay_%: $(B)/tests/fuzz/fuzz_%.o $(B)/tests/fuzz/replay.o $(FUZZ_LIBOBJ)
	@mkdir -p $(@D)
	$(CC) $(CFLAGS) $(LDFLAGS) -o $@ $^ $(LIBS)

$(B)/fuzz/fuzz_%: $(B)/tests/fuzz/fuzz_%.o $(FUZZ_LIBOBJ)
	@mkdir -p $(@D)
	$(CC) $(CFLAGS) $(LDFLAGS) -o $@ $^ $(LIBS)

fuzz-build:
	@command -v $(FUZZ_CC) >/dev/null 2>&1 || { \
		echo "fuzz: installing clang (libFuzzer)"; \
		$(SUDO) env DEBIAN_FRONTEND=noninteractive apt-get update -qq && \
		$(SUDO) env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq clang; }
	$(MAKE) --no-print-directory B=$(FUZZ_B) CC=$(FUZZ_CC) TEST_HOOKS=1 \
		CFLAGS="$(FUZZ_SAN) -fsanitize=fuzzer-no-link" LDFLAGS="$(FUZZ_SAN) -fsanitize=fuzzer" \
		$(addprefix $(FUZZ_B)/fuzz/fuzz_,$(FUZZ_TARGETS))

fuzz: fuzz-build
	@mkdir -p $(FUZZ_B)/corpus/$(TARGET) $(FUZZ_B)/crashes/$(TARGET)
	$(FUZZ_B)/fuzz/fuzz_$(TARGET) -max_total_time=$(SECONDS) -print_final_stats=1 \
		-artifact_prefix=$(FUZZ_B)/crashes/$(TARGET)/ $(FUZZ_FLAGS) \
		$(FUZZ_B)/corpus/$(TARGET) tests/fuzz/seeds/$(TARGET)

# Rewrites the fuzz seeds that are generated: the index target's copies of
# a real index (after a format change), then the hand-made corpora and the
# crafted regress-* damage (tests/fuzz/gen_seeds.py), then MANIFESTs of real
# indexes (tests/fuzz/manifest-seeds.sh).  Crash seeds (crash-*) are kept.
fuzz-seeds:
	+$(TEST_MAKE) B=$(TEST_B) $(TEST_B)/fuzz/replay_index $(TEST_B)/nindex
	rm -f tests/fuzz/seeds/index/pristine-* tests/fuzz/seeds/index/cut-* tests/fuzz/seeds/index/flip-*
	NS_REPLAY_QUIET=1 NS_FUZZ_INDEX_SEEDS=tests/fuzz/seeds/index $(TEST_B)/fuzz/replay_index /dev/null
	python3 tests/fuzz/gen_seeds.py
	tests/fuzz/manifest-seeds.sh $(TEST_B)

# make check: `make test`, then the slower layers (each says what it ran):
#   - the shipped build with -Werror (nothing may warn), and without the
#     test hooks (no NS_* fault variable is read by build/nindex);
#   - every global symbol of common/, indexer/, searcher/ starts with ns_;
#   - the fuzz seeds replayed under ASan+UBSan at -O0;
#   - cppcheck over every C file (installed on the CI image: apt cppcheck);
#   - valgrind memcheck over the unit runner, the fuzz seeds' replay and a
#     sample of CLI cases run through valgrind wrappers (tests/valgrind).
# cppcheck's one suppression: format.h's ns_zigzag() shifts a negative
# int64_t right, which C leaves implementation-defined and GCC and Clang
# define as arithmetic (GCC manual, "Integers implementation"), so it is
# right with every compiler this Makefile drives; the portable spelling,
# 0 - ((uint64_t)v >> 63), is for format.h's owner (issue #7 report).
CPPCHECK_FLAGS = -q --std=c11 --enable=warning,portability,performance --inline-suppr \
	--error-exitcode=1 -Icommon -Iindexer -Isearcher -Itests/unit -Itests/fuzz -Itests/diff \
	-D_POSIX_C_SOURCE=200809L -D_DEFAULT_SOURCE \
	--suppress=shiftTooManyBitsSigned:common/format.h

.PHONY: check check-werror check-cppcheck check-valgrind check-symbols check-san-O0 check-no-hooks
check: test check-werror check-no-hooks check-cppcheck check-symbols check-san-O0 check-valgrind
	@echo "check: all layers passed"

# The fuzz seeds again under ASan+UBSan at -O0 (build/san-O0): at -O1 gcc
# drops a load whose value goes unused, and with it the report of an
# out-of-bounds read (near_search()'s kids[n], found by clang's -O1).
SAN_O0 = -O0 -g -fno-omit-frame-pointer -fsanitize=address,undefined -fno-sanitize-recover=all
check-san-O0:
	+$(TEST_MAKE) B=build/san-O0 CFLAGS="$(SAN_O0)" LDFLAGS="$(SAN_O0)" fuzz-replay
	tests/fuzz/run.sh build/san-O0

# Every global symbol of the three libraries' objects starts with ns_
# (as SQLite's checksymbols): nothing leaks into a program's namespace.
check-symbols: all
	@bad=$$(nm -g --defined-only $(call obj,$(ENGINE_SRC)) | \
		awk 'NF == 3 && $$3 !~ /^ns_/'); \
	if [ -n "$$bad" ]; then echo "check-symbols: globals without the ns_ prefix:"; \
		echo "$$bad"; exit 1; else echo "check-symbols: ok"; fi
	@bad=$$(nm -D --defined-only $(B)/libnsearch.so.$(SO_VERSION) | awk 'NF == 3 { print $$3 }' | \
		while read -r f; do grep -q "^NS_API .*\\b$$f(" include/nsearch.h || echo "$$f"; done); \
	if [ -n "$$bad" ]; then echo "check-symbols: exported but not in nsearch.h: $$bad"; \
		exit 1; else echo "check-symbols: the shared library exports nsearch.h alone"; fi
	@bad=$$(nm -u $(call obj,$(NSBENCH_SRC)) | awk '$$2 ~ /^ns_/ && $$2 !~ /^ns_bench_/ { print $$2 }' | \
		sort -u | while read -r f; do grep -q "^NS_API .*\\b$$f(" include/nsearch.h || echo "$$f"; done); \
	if [ -n "$$bad" ]; then echo "check-symbols: nsbench uses internals: $$bad"; \
		exit 1; else echo "check-symbols: nsbench uses nsearch.h alone"; fi

check-werror:
	$(MAKE) --no-print-directory WERROR=1 all

# The shipped binaries hold none of fileio.c's test hooks' variable names.
# (indexer/build.c's lanes_wanted() still reads NS_FAIL_AFTER_WRITES and
# NS_KILL_AFTER_WRITES itself, to stay on one thread: it is to ask
# ns_fileio_faults_armed() instead, then this check takes those names too.)
check-no-hooks: all
	@if grep -a -q -E 'NS_FAIL_AFTER_READS|NS_WRITE_BUFFER' $(B)/nindex $(B)/nsearch; \
	then echo "check-no-hooks: a test hook is compiled into $(B)/nindex or nsearch"; exit 1; \
	else echo "check-no-hooks: ok"; fi

check-cppcheck:
	cppcheck $(CPPCHECK_FLAGS) common indexer searcher tests/fuzz tests/unit tests/diff tests/oom tests/hostile bench

check-valgrind:
	+$(TEST_MAKE) B=$(TEST_B) $(TEST_B)/nindex $(TEST_B)/nsearch $(TEST_B)/unit fuzz-replay
	tests/valgrind/run.sh $(TEST_B)
