/* SPDX-License-Identifier: MIT */
/* show.c -- result lines and snippets (see show.h). */
#include "show.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "buf.h"
#include "date.h"
#include "error.h"
#include "tokenize.h"

#define BOLD_ON "\033[1m"
#define BOLD_OFF "\033[0m"
#define LEAD_BYTES 60	/* context kept before the first match */

static int term_wanted(const char *const *terms, size_t n, const char *t, size_t len)
{
	size_t lo = 0, hi = n;

	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		int c = strncmp(terms[mid], t, len);
		if (c == 0 && terms[mid][len] != 0)
			c = 1;
		if (c < 0)
			lo = mid + 1;
		else if (c > 0)
			hi = mid;
		else
			return 1;
	}
	return 0;
}

struct hit_span {
	size_t off, len;
};

/* Appends text[a..b) with whitespace runs folded to one space. */
static void append_folded(struct ns_buf *out, const char *text, size_t a, size_t b)
{
	int space = 0;

	for (size_t i = a; i < b; i++) {
		unsigned char c = (unsigned char)text[i];
		if (c < 0x20 || c == ' ') {
			space = 1;
			continue;
		}
		if (space && out->len > 0 && out->data[out->len - 1] != ' ')
			ns_buf_putc(out, ' ');
		space = 0;
		ns_buf_putc(out, c);
	}
	if (space && out->len > 0 && out->data[out->len - 1] != ' ')
		ns_buf_putc(out, ' ');
}

/* Moves i back to the start of a UTF-8 character and a word boundary. */
static size_t word_start(const char *t, size_t i)
{
	while (i > 0 && t[i - 1] != ' ' && t[i - 1] != '\n' && t[i - 1] != '\t')
		i--;
	return i;
}

static size_t word_end(const char *t, size_t len, size_t i)
{
	while (i < len && t[i] != ' ' && t[i] != '\n' && t[i] != '\t')
		i++;
	return i;
}

char *ns_snippet(struct ns_analyzer *an, const char *text, size_t len, const char *const *terms,
		 size_t n_terms, size_t max_len, const char *hl_on, const char *hl_off)
{
	struct ns_tokenizer t;
	struct ns_token tok;
	struct hit_span *hits = NULL;
	size_t n_hits = 0, cap = 0, best = 0, best_count = 0, from, to, h;
	struct ns_buf out = NS_BUF_INIT;
	const char *term;
	size_t term_len;

	ns_tok_init(&t, text, len, 0);
	while (ns_analyzer_next(an, &t, &tok, &term, &term_len)) {
		if (!term_wanted(terms, n_terms, term, term_len))
			continue;
		if (n_hits == cap) {
			size_t nc = cap ? cap * 2 : 32;
			struct hit_span *nh = realloc(hits, nc * sizeof(*nh));
			if (!nh) {
				free(hits);
				return NULL;
			}
			hits = nh;
			cap = nc;
		}
		hits[n_hits].off = tok.off;
		hits[n_hits].len = tok.len;
		n_hits++;
	}
	/* The densest window: the start match whose next max_len bytes hold
	 * the most matches (two pointers over the sorted matches). */
	for (size_t i = 0, j = 0; i < n_hits; i++) {
		if (j < i)
			j = i;
		while (j < n_hits && hits[j].off + hits[j].len <= hits[i].off + max_len)
			j++;
		if (j - i > best_count) {
			best_count = j - i;
			best = i;
		}
	}
	from = 0;
	if (n_hits > 0 && hits[best].off > 0) {
		size_t lo = hits[best].off > LEAD_BYTES ? hits[best].off - LEAD_BYTES : 0;
		int sentence = 0;
		/* Prefer to start at the sentence that holds the match: after
		 * the nearest ". ", "! ", "? " or line break before it. */
		for (size_t i = hits[best].off; i > lo && !sentence; i--) {
			char c = text[i - 1];
			if (c == '\n' || ((c == '.' || c == '!' || c == '?') &&
					  (text[i] == ' ' || text[i] == '\n'))) {
				from = i;
				sentence = 1;
			}
		}
		if (!sentence)
			from = word_start(text, lo);
	}
	while (from < len && (text[from] == ' ' || text[from] == '\n'))
		from++;
	to = from + max_len < len ? word_end(text, len, from + max_len) : len;
	if (to > from + max_len + 40)	/* one huge "word": cut it anyway */
		to = from + max_len;
	while (to > from && to < len && ((unsigned char)text[to] & 0xc0) == 0x80)
		to--;	/* never cut inside a UTF-8 character */

	if (from > 0)
		ns_buf_puts(&out, "…");
	h = 0;
	while (h < n_hits && hits[h].off < from)
		h++;
	for (size_t at = from; at < to;) {
		if (h < n_hits && hits[h].off < to) {
			size_t end = hits[h].off + hits[h].len;
			if (end > to)
				end = to;
			append_folded(&out, text, at, hits[h].off);
			ns_buf_puts(&out, hl_on);
			append_folded(&out, text, hits[h].off, end);
			ns_buf_puts(&out, hl_off);
			at = end;
			h++;
		} else {
			append_folded(&out, text, at, to);
			at = to;
		}
	}
	while (out.len > 0 && out.data[out.len - 1] == ' ')
		out.len--;
	{
		/* Only white space left: the snippet reached the end. */
		size_t rest = to;
		while (rest < len && (text[rest] == ' ' || text[rest] == '\n' ||
				      text[rest] == '\t' || text[rest] == '\r'))
			rest++;
		if (rest < len)
			ns_buf_puts(&out, "…");
	}
	free(hits);
	if (!ns_buf_cstr(&out)) {
		ns_buf_release(&out);
		return NULL;
	}
	return (char *)ns_buf_detach(&out, NULL);
}

/* Writes s with tabs, newlines and control characters as spaces. */
static void put_field(FILE *out, const char *s, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		unsigned char c = (unsigned char)s[i];
		putc(c < 0x20 || c == 0x7f ? ' ' : c, out);
	}
}

static void format_date(const struct ns_doc *d, char *buf, size_t buflen)
{
	if (d->date_key != NS_DATE_NONE) {
		char day[11];
		ns_date_format_day(d->date_key, day);
		snprintf(buf, buflen, "%s", day);
	} else {
		size_t n = d->date.len < buflen - 1 ? d->date.len : buflen - 1;
		memcpy(buf, d->date.p, n);
		buf[n] = 0;
	}
}

int ns_show_hit(FILE *out, struct ns_index *idx, const struct ns_show_opts *o, size_t rank,
		const struct ns_hit *hit)
{
	struct ns_doc d;
	uint32_t seg, local;
	char date[64];
	int rc;

	ns_index_locate(idx, hit->docid, &seg, &local);
	rc = ns_segr_doc(idx->segs[seg], local, &d);
	if (rc != NS_OK)
		return rc;
	format_date(&d, date, sizeof(date));
	if (o->format == NS_SHOW_TSV) {
		const struct ns_str *where = d.url.len ? &d.url : &d.path;
		fprintf(out, "%zu\t%.4f\t", rank, hit->score);
		put_field(out, d.id.p, d.id.len);
		putc('\t', out);
		put_field(out, date, strlen(date));
		putc('\t', out);
		put_field(out, d.title.p, d.title.len);
		putc('\t', out);
		put_field(out, where->p, where->len);
		putc('\n', out);
	} else {
		char *text, *snip;
		size_t len;
		fprintf(out, "%s%2zu. ", rank > 1 ? "\n" : "", rank);
		if (o->color)
			fputs(BOLD_ON, out);
		if (d.title.len)
			put_field(out, d.title.p, d.title.len);
		else
			fputs("(no title)", out);
		if (o->color)
			fputs(BOLD_OFF, out);
		fputs("\n    ", out);
		put_field(out, d.id.p, d.id.len);
		if (date[0])
			fprintf(out, "  %s", date);
		if (d.source.len) {
			fputs("  ", out);
			put_field(out, d.source.p, d.source.len);
		}
		putc('\n', out);
		rc = ns_doc_text(&d, &text, &len);
		if (rc != NS_OK)
			return rc;
		snip = ns_snippet(idx->an, text, len, o->terms, o->n_terms, o->snippet_len,
				  o->color ? BOLD_ON : "", o->color ? BOLD_OFF : "");
		free(text);
		if (!snip)
			return NS_ERR_NOMEM;
		if (snip[0])
			fprintf(out, "    %s\n", snip);
		free(snip);
	}
	if (ferror(out))
		return NS_ERR_IO;
	return NS_OK;
}
