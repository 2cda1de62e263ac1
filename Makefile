# nsearch -- one plain non-recursive Makefile.
#   make deps       install the Debian packages needed (libstemmer-dev zlib1g-dev)
#   make            build/nindex and build/nsearch
#   make demo       build, index corpus/ and run an example search
#   make test       unit + CLI tests, then again under ASan+UBSan (build/san)
#   make bench      nsearch beside Xapian and SQLite FTS5 (needs ../shared),
#                   then the codec micro-benchmark (bench/codec_bench.c)
#   make bench-scale  nsearch on 100k and 1M synthetic articles (needs ../shared)
#   make eval       ranking quality on six test collections (needs ../shared)
#   make install    PREFIX=/usr/local DESTDIR=
PREFIX     ?= /usr/local
CC         ?= cc
PKG_CONFIG ?= pkg-config
CFLAGS     ?= -O2 -g
B          ?= build

WARN = -Wall -Wextra -Wshadow -Wstrict-prototypes -Wmissing-prototypes -Wpointer-arith \
       -Wwrite-strings -Wformat=2 -Wvla -Wundef -Werror
ZLIB_CFLAGS := $(shell $(PKG_CONFIG) --cflags zlib 2>/dev/null)
ZLIB_LIBS   := $(shell $(PKG_CONFIG) --libs zlib 2>/dev/null || echo -lz)
# Debian's libstemmer-dev ships no .pc file: fall back to plain -lstemmer.
STEM_CFLAGS := $(shell $(PKG_CONFIG) --cflags libstemmer 2>/dev/null)
STEM_LIBS   := $(shell $(PKG_CONFIG) --libs libstemmer 2>/dev/null || echo -lstemmer)

ALL_CPPFLAGS = -Icommon -D_POSIX_C_SOURCE=200809L -D_DEFAULT_SOURCE $(ZLIB_CFLAGS) $(STEM_CFLAGS) $(CPPFLAGS)
ALL_CFLAGS   = -std=c11 $(WARN) $(CFLAGS)
LIBS         = $(ZLIB_LIBS) $(STEM_LIBS) -lm -pthread
SAN = -O1 -g -fno-omit-frame-pointer -fsanitize=address,undefined -fno-sanitize-recover=all

COMMON_SRC   := $(sort $(wildcard common/*.c))
INDEXER_SRC  := $(sort $(filter-out indexer/nindex.c, $(wildcard indexer/*.c)))
SEARCHER_SRC := $(sort $(filter-out searcher/nsearch.c, $(wildcard searcher/*.c)))
UNIT_SRC     := $(sort $(wildcard tests/unit/*.c))

obj = $(patsubst %.c,$(B)/%.o,$(1))

.PHONY: all deps demo test test-fast test-san clean install uninstall bench bench-scale eval
all: $(B)/nindex $(B)/nsearch

# Installs the build dependencies from Debian when their headers are missing.
SUDO := $(shell [ "$$(id -u)" = 0 ] || echo sudo)
deps:
	@if [ -f /usr/include/libstemmer.h ] && [ -f /usr/include/zlib.h ]; then \
		echo "deps: libstemmer-dev and zlib1g-dev are installed"; \
	else \
		echo "deps: installing libstemmer-dev zlib1g-dev"; \
		$(SUDO) env DEBIAN_FRONTEND=noninteractive apt-get update -qq && \
		$(SUDO) env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq libstemmer-dev zlib1g-dev; \
	fi

# Indexes the bundled sample articles and asks one question.
demo: all
	rm -rf $(B)/corpus.idx
	$(B)/nindex -v -i $(B)/corpus.idx corpus
	$(B)/nsearch -i $(B)/corpus.idx 'airspace NEAR/10 saudi'

$(B)/%.o: %.c
	@mkdir -p $(@D)
	$(CC) $(ALL_CPPFLAGS) $(ALL_CFLAGS) -MMD -MP -c $< -o $@

$(B)/libns.a: $(call obj,$(COMMON_SRC))
	@rm -f $@
	$(AR) rcs $@ $^

$(B)/nindex: $(call obj,indexer/nindex.c $(INDEXER_SRC)) $(B)/libns.a
	$(CC) $(CFLAGS) $(LDFLAGS) -o $@ $^ $(LIBS)

$(B)/nsearch: $(call obj,searcher/nsearch.c $(SEARCHER_SRC)) $(B)/libns.a
	$(CC) $(CFLAGS) $(LDFLAGS) -o $@ $^ $(LIBS)

$(B)/unit: $(call obj,$(UNIT_SRC) $(INDEXER_SRC) $(SEARCHER_SRC)) $(B)/libns.a
	$(CC) $(CFLAGS) $(LDFLAGS) -o $@ $^ $(LIBS)

$(B)/tests/unit/%.o: ALL_CPPFLAGS += -Iindexer -Isearcher -Itests/unit

# One build's tests; prints "N passed, N failed" per runner.
test-fast: $(B)/nindex $(B)/nsearch $(B)/unit
	@tests/run-all.sh $(B)

test-san:
	$(MAKE) B=build/san CFLAGS="$(SAN)" LDFLAGS="$(SAN)" test-fast

# The whole suite: plain build, then ASan+UBSan; one summed line at the end.
test:
	@tests/run-both.sh

# Side-by-side benchmark with Xapian and SQLite FTS5 (needs ../shared).
bench: all $(B)/codec_bench
	B=$(abspath $(B)) bench/run.sh

$(B)/codec_bench: bench/codec_bench.c $(B)/libns.a
	$(CC) $(ALL_CPPFLAGS) $(ALL_CFLAGS) -o $@ $^ $(LIBS)

# Growth with the archive: 100k and 1M synthetic articles in $(B)/scale
# (generated once), nsearch alone: build time, size, peak RSS, latency.
bench-scale: all
	python3 bench/scale.py $(abspath $(B)) $(abspath $(B))/scale

# Ranking quality on the six test collections beside Xapian and FTS5.
eval: all
	B=$(abspath $(B)) bench/eval.sh

clean:
	rm -rf $(B)

install: all
	install -d $(DESTDIR)$(PREFIX)/bin $(DESTDIR)$(PREFIX)/share/man/man1
	install -m 755 $(B)/nindex $(B)/nsearch $(DESTDIR)$(PREFIX)/bin/
	install -m 644 doc/nindex.1 doc/nsearch.1 $(DESTDIR)$(PREFIX)/share/man/man1/

uninstall:
	rm -f $(DESTDIR)$(PREFIX)/bin/nindex $(DESTDIR)$(PREFIX)/bin/nsearch
	rm -f $(DESTDIR)$(PREFIX)/share/man/man1/nindex.1 $(DESTDIR)$(PREFIX)/share/man/man1/nsearch.1

-include $(shell find $(B) -name '*.d' 2>/dev/null)
.DELETE_ON_ERROR:
