/* SPDX-License-Identifier: MIT */
/* output.c -- nsearch's output formats over ns_result (see output.h). */
#include <stdint.h>
#include <string.h>

#include "output.h"

#define BOLD_ON "\033[1m"
#define BOLD_OFF "\033[0m"

/* Bytes of a multi-byte character at s that some programs take for a line
 * break or a control character: C1 controls (U+0080..U+009F, NEL among
 * them), U+2028 and U+2029; else 0. */
static size_t line_break_len(const char *s, size_t n)
{
	const unsigned char *p = (const unsigned char *)s;

	if (n >= 2 && p[0] == 0xC2 && p[1] >= 0x80 && p[1] <= 0x9F)
		return 2;
	if (n >= 3 && p[0] == 0xE2 && p[1] == 0x80 && (p[2] == 0xA8 || p[2] == 0xA9))
		return 3;
	return 0;
}

/* Writes s with tabs, newlines and other control characters (C0, DEL,
 * C1, U+2028, U+2029) as spaces. */
static void put_field(FILE *out, const char *s, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		unsigned char c = (unsigned char)s[i];
		size_t k = line_break_len(s + i, n - i);
		if (k) {
			putc(' ', out);
			i += k - 1;
			continue;
		}
		putc(c < 0x20 || c == 0x7f ? ' ' : c, out);
	}
}

/* Length of the valid UTF-8 sequence at s[0..n), or 0 if invalid
 * (overlongs, surrogates and values above U+10FFFF are invalid). */
static size_t utf8_len(const unsigned char *s, size_t n, uint32_t *cp)
{
	uint32_t c = s[0];
	size_t k;

	if (c < 0x80) {
		*cp = c;
		return 1;
	}
	if (c >= 0xC2 && c <= 0xDF)
		k = 2, c &= 0x1F;
	else if (c >= 0xE0 && c <= 0xEF)
		k = 3, c &= 0x0F;
	else if (c >= 0xF0 && c <= 0xF4)
		k = 4, c &= 0x07;
	else
		return 0;
	if (n < k)
		return 0;
	for (size_t i = 1; i < k; i++) {
		if ((s[i] & 0xC0) != 0x80)
			return 0;
		c = c << 6 | (s[i] & 0x3F);
	}
	if ((k == 3 && (c < 0x800 || (c >= 0xD800 && c <= 0xDFFF))) ||
	    (k == 4 && (c < 0x10000 || c > 0x10FFFF)))
		return 0;
	*cp = c;
	return k;
}

/* s[0..len) as a JSON string with its quotes. */
void ns_output_json_string(FILE *out, const char *s, size_t len)
{
	const unsigned char *p = (const unsigned char *)s;

	putc('"', out);
	for (size_t i = 0; i < len;) {
		uint32_t cp;
		size_t k = utf8_len(p + i, len - i, &cp);
		if (k == 0) {
			fputs("\\ufffd", out);
			i++;
			continue;
		}
		switch (cp) {
		case '"': fputs("\\\"", out); break;
		case '\\': fputs("\\\\", out); break;
		case '\n': fputs("\\n", out); break;
		case '\r': fputs("\\r", out); break;
		case '\t': fputs("\\t", out); break;
		case '\b': fputs("\\b", out); break;
		case '\f': fputs("\\f", out); break;
		default:
			/* U+2028/2029 are valid JSON but end lines in JavaScript. */
			if (cp < 0x20 || cp == 0x2028 || cp == 0x2029)
				fprintf(out, "\\u%04x", (unsigned)cp);
			else
				fwrite(p + i, 1, k, out);
		}
		i += k;
	}
	putc('"', out);
}

static void json_str_or_null(FILE *out, const char *s, size_t len)
{
	if (len)
		ns_output_json_string(out, s, len);
	else
		fputs("null", out);
}

int ns_output_header(FILE *out, const struct ns_output_opts *o)
{
	if (o->format == NS_OUTPUT_TSV)
		fputs("rank\tscore\tid\tdate\ttitle\turl_or_path\tstory\n", out);
	return ferror(out) ? -1 : 0;
}

static void text_explain(FILE *out, const ns_explanation *ex)
{
	fprintf(out, "    score %.4f = sum of the weights w below + proximity %.4f\n", ex->score,
		ex->proximity);
	for (size_t i = 0; i < ex->n_items; i++) {
		const ns_explain_item *e = &ex->items[i];
		if (e->restriction)
			fputs("      restriction  ", out);
		else
			fprintf(out, "      %.4f  ", e->weight);
		put_field(out, e->text, strlen(e->text));
		if (e->restriction)
			fprintf(out, "  (df %llu, adds nothing)\n", (unsigned long long)e->df);
		else
			fprintf(out, "  tf %u (%u in title), idf %.4f (df %llu of %llu)%s\n", e->tf,
				e->tf_title, e->idf, (unsigned long long)e->df,
				(unsigned long long)ex->n_docs, e->boost != 1.0 ? ", expansion" : "");
		if (!e->restriction && e->boost != 1.0)
			fprintf(out, "             boost %.4f\n", e->boost);
	}
	fprintf(out,
		"      w = boost * idf * tf' * (k1 + 1) / (tf' + norm), tf' = %.0f * title tf + body tf\n"
		"      norm = k1 * (1 - b + b * dl' / avgdl), dl' = dl + %.0f * title words"
		" = %.2f * (%.2f + %.2f * (%u + %.0f * %u) / %.1f) = %.4f\n"
		"      proximity = %.2f * sum over the terms of min(1, idf) * acc * (k1 + 1) / (acc + K),"
		" acc = sum of the neighbouring other terms' idf / distance^2\n",
		ex->title_weight, ex->title_weight - 1, ex->k1, 1 - ex->b, ex->b, ex->doc_len,
		ex->title_weight - 1, ex->title_len, ex->avg_doc_len, ex->norm, ex->prox_weight);
}

static void json_explain(FILE *out, const ns_explanation *ex)
{
	fprintf(out,
		",\"explain\":{\"score\":%.6g,\"n_docs\":%llu,\"doc_len\":%u,\"avg_doc_len\":%.6g,"
		"\"k1\":%.6g,\"b\":%.6g,\"norm\":%.6g,\"title_len\":%u,\"title_weight\":%.6g,"
		"\"proximity\":%.6g,\"prox_weight\":%.6g,\"terms\":[",
		ex->score, (unsigned long long)ex->n_docs, ex->doc_len, ex->avg_doc_len, ex->k1, ex->b,
		ex->norm, ex->title_len, ex->title_weight, ex->proximity, ex->prox_weight);
	for (size_t i = 0; i < ex->n_items; i++) {
		const ns_explain_item *e = &ex->items[i];
		fputs(i ? ",{\"term\":" : "{\"term\":", out);
		ns_output_json_string(out, e->text, strlen(e->text));
		fprintf(out,
			",\"restriction\":%s,\"tf\":%u,\"tf_title\":%u,\"df\":%llu,\"idf\":%.6g,"
			"\"boost\":%.6g,\"weight\":%.6g}",
			e->restriction ? "true" : "false", e->tf, e->tf_title,
			(unsigned long long)e->df, e->idf, e->boost, e->weight);
	}
	fputs("]}", out);
}

/* A hit's or article's fields after its id, as JSON members. */
static void json_meta(FILE *out, const ns_result *h)
{
	fputs(",\"title\":", out);
	json_str_or_null(out, h->title, h->title_len);
	fputs(",\"date\":", out);
	json_str_or_null(out, h->date, strlen(h->date));
	fputs(",\"source\":", out);
	json_str_or_null(out, h->source, h->source_len);
	fputs(",\"url\":", out);
	json_str_or_null(out, h->url, h->url_len);
	fputs(",\"path\":", out);
	json_str_or_null(out, h->path, h->path_len);
}

static void show_json(FILE *out, const ns_result *h, const ns_explanation *ex, const char *body,
		      size_t body_len)
{
	fprintf(out, "{\"version\":%d,\"rank\":%zu,\"score\":%.4f,\"id\":", NS_OUTPUT_JSON_VERSION,
		h->rank, h->score);
	ns_output_json_string(out, h->id, h->id_len);
	json_meta(out, h);
	fputs(",\"snippet\":", out);
	ns_output_json_string(out, h->snippet, h->snippet_bytes);
	fputs(",\"highlights\":[", out);
	for (size_t i = 0; i < h->n_highlights; i++)
		fprintf(out, "%s[%zu,%zu]", i ? "," : "", h->highlights[i][0], h->highlights[i][1]);
	putc(']', out);
	if (h->story && h->story[0])
		fprintf(out, ",\"story\":\"%s\",\"story_size\":%zu", h->story, h->story_size);
	else
		fputs(",\"story\":null,\"story_size\":0", out);
	if (body) {
		fputs(",\"body\":", out);
		ns_output_json_string(out, body, body_len);
	}
	if (ex)
		json_explain(out, ex);
	fputs("}\n", out);
}

/* The snippet with the matched words in bold when color is on. */
static void put_snippet(FILE *out, const ns_result *h, int color)
{
	size_t at = 0;

	for (size_t i = 0; i < h->n_highlights; i++) {
		fwrite(h->snippet + at, 1, h->highlights[i][0] - at, out);
		if (color)
			fputs(BOLD_ON, out);
		fwrite(h->snippet + h->highlights[i][0], 1,
		       h->highlights[i][1] - h->highlights[i][0], out);
		if (color)
			fputs(BOLD_OFF, out);
		at = h->highlights[i][1];
	}
	fwrite(h->snippet + at, 1, h->snippet_bytes - at, out);
}

static void show_text(FILE *out, const struct ns_output_opts *o, const ns_result *h,
		      const ns_explanation *ex)
{
	fprintf(out, "%s%2zu. ", h->rank > 1 ? "\n" : "", h->rank);
	if (o->color)
		fputs(BOLD_ON, out);
	if (h->title_len)
		put_field(out, h->title, h->title_len);
	else
		fputs("(no title)", out);
	if (o->color)
		fputs(BOLD_OFF, out);
	fputs("\n    ", out);
	put_field(out, h->id, h->id_len);
	if (h->date[0]) {
		fputs("  ", out);
		put_field(out, h->date, strlen(h->date));
	}
	if (h->source_len) {
		fputs("  ", out);
		put_field(out, h->source, h->source_len);
	}
	putc('\n', out);
	if (h->snippet_bytes) {
		fputs("    ", out);
		put_snippet(out, h, o->color);
		putc('\n', out);
	}
	if (ex)
		text_explain(out, ex);
}

int ns_output_hit(FILE *out, const struct ns_output_opts *o, const ns_result *h,
		  const ns_explanation *ex)
{
	return ns_output_hit_body(out, o, h, ex, NULL, 0);
}

static void hit_tsv(FILE *out, const ns_result *h)
{
	fprintf(out, "%zu\t%.4f\t", h->rank, h->score);
	put_field(out, h->id, h->id_len);
	putc('\t', out);
	put_field(out, h->date, strlen(h->date));
	putc('\t', out);
	put_field(out, h->title, h->title_len);
	putc('\t', out);
	if (h->url_len)
		put_field(out, h->url, h->url_len);
	else
		put_field(out, h->path, h->path_len);
	putc('\t', out);
	if (h->story)
		put_field(out, h->story, strlen(h->story));
	putc('\n', out);
}

static void hit_id(FILE *out, const struct ns_output_opts *o, const ns_result *h)
{
	if (o->nul) {
		fwrite(h->id, 1, h->id_len, out);
		putc('\0', out);
	} else {
		put_field(out, h->id, h->id_len);
		putc('\n', out);
	}
}

int ns_output_hit_body(FILE *out, const struct ns_output_opts *o, const ns_result *h,
		       const ns_explanation *ex, const char *body, size_t len)
{
	switch (o->format) {
	case NS_OUTPUT_TSV:
		hit_tsv(out, h);
		break;
	case NS_OUTPUT_IDS:
		hit_id(out, o, h);
		break;
	case NS_OUTPUT_JSON:
		show_json(out, h, ex, body, len);
		break;
	case NS_OUTPUT_TEXT:
	default:
		show_text(out, o, h, ex);
		break;
	}
	return ferror(out) ? -1 : 0;
}

static void text_field(FILE *out, const char *name, const char *s, size_t len)
{
	if (len) {
		fprintf(out, "%s: ", name);
		fwrite(s, 1, len, out);
		fputc('\n', out);
	}
}

int ns_output_article(FILE *out, const struct ns_output_opts *o, const ns_result *f,
		      const char *body, size_t len)
{
	if (o->format == NS_OUTPUT_JSON) {
		fputs("{\"id\":", out);
		ns_output_json_string(out, f->id, f->id_len);
		json_meta(out, f);
		fputs(",\"body\":", out);
		ns_output_json_string(out, body, len);
		fputs("}\n", out);
	} else {
		fwrite(f->title, 1, f->title_len, out);
		fputc('\n', out);
		text_field(out, "date", f->date, strlen(f->date));
		text_field(out, "source", f->source, f->source_len);
		text_field(out, "url", f->url, f->url_len);
		text_field(out, "path", f->path, f->path_len);
		fputc('\n', out);
		fwrite(body, 1, len, out);
		if (len && body[len - 1] != '\n')
			fputc('\n', out);
	}
	return ferror(out) ? -1 : 0;
}

/* ---- stories ---- */

int ns_output_versions(FILE *out, const struct ns_output_opts *o, const ns_result *v,
		       size_t n_shown, size_t n_all)
{
	if (o->format != NS_OUTPUT_TEXT || n_all == 0)
		return 0;
	fprintf(out, "    +%zu more version%s: ", n_all, n_all == 1 ? "" : "s");
	for (size_t i = 0; i < n_shown; i++) {
		if (i)
			fputs(", ", out);
		put_field(out, v[i].id, v[i].id_len);
		if (v[i].date[0]) {
			fputs(" (", out);
			put_field(out, v[i].date, strlen(v[i].date));
			putc(')', out);
		}
	}
	if (n_all > n_shown)
		fprintf(out, ", and %zu more", n_all - n_shown);
	putc('\n', out);
	return ferror(out) ? -1 : 0;
}

int ns_output_story_explain(FILE *out, const ns_story_explanation *ex)
{
	fprintf(out, "    story %s (%zu article%s): ", ex->story, ex->story_size,
		ex->story_size == 1 ? "" : "s");
	switch (ex->reason) {
	case NS_STORY_ALONE:
		fputs("the only article of its story\n", out);
		break;
	case NS_STORY_EXACT_COPY:
	case NS_STORY_NEAR_COPY:
		fputs(ex->reason == NS_STORY_EXACT_COPY ? "an exact copy of " : "a near copy of ", out);
		put_field(out, ex->copy_of, ex->copy_of_len);
		if (ex->reason == NS_STORY_EXACT_COPY)
			fputs(" (same text, case, spacing and punctuation aside)\n", out);
		else
			fprintf(out,
				" (text signatures differ in %d of 64 bits; copies differ in at most %d)\n",
				ex->bits, ex->max_bits);
		break;
	case NS_STORY_RETELLING:
	default:
		fprintf(out,
			"similarity %.2f to the story (a retelling needs %.2f; the story now includes "
			"this article)\n      shared terms:",
			ex->similarity, ex->threshold);
		for (size_t i = 0; i < ex->n_shared_terms; i++) {
			fputs(i ? ", " : " ", out);
			put_field(out, ex->shared_terms[i], strlen(ex->shared_terms[i]));
		}
		fputs(ex->n_shared_terms ? "\n" : " none\n", out);
		if (ex->founder)
			fputs("      it is the story's first article in the index\n", out);
		break;
	}
	return ferror(out) ? -1 : 0;
}

int ns_output_timeline_head(FILE *out, const struct ns_output_opts *o, const char *story,
			    size_t n)
{
	if (o->format == NS_OUTPUT_TEXT)
		fprintf(out, "story %s: %zu article%s\n", story, n, n == 1 ? "" : "s");
	return ferror(out) ? -1 : 0;
}

int ns_output_timeline_entry(FILE *out, const struct ns_output_opts *o, const ns_result *h)
{
	if (o->format != NS_OUTPUT_TEXT)
		return ns_output_hit(out, o, h, NULL);
	fputs("  ", out);
	if (h->date[0])
		put_field(out, h->date, strlen(h->date));
	else
		fputs("(no date)", out);
	fputs("  ", out);
	if (h->source_len)
		put_field(out, h->source, h->source_len);
	else
		putc('-', out);
	fputs("  ", out);
	put_field(out, h->id, h->id_len);
	fputs("  ", out);
	if (h->title_len)
		put_field(out, h->title, h->title_len);
	else
		fputs("(no title)", out);
	putc('\n', out);
	return ferror(out) ? -1 : 0;
}

/* The story's sources, separated by sep. */
static void put_sources(FILE *out, const ns_story_summary *s, const char *sep)
{
	for (size_t k = 0; k < s->n_sources; k++) {
		if (k)
			fputs(sep, out);
		put_field(out, s->sources[k], strlen(s->sources[k]));
	}
}

static void story_json(FILE *out, size_t rank, const ns_result *best, const ns_story_summary *s)
{
	fprintf(out, "{\"rank\":%zu,\"score\":%.4f,\"story\":\"%s\",\"size\":%zu,\"id\":", rank,
		best->score, s->story, s->size);
	ns_output_json_string(out, best->id, best->id_len);
	fputs(",\"headline\":", out);
	ns_output_json_string(out, best->title, best->title_len);
	fputs(",\"sources\":[", out);
	for (size_t k = 0; k < s->n_sources; k++) {
		if (k)
			putc(',', out);
		ns_output_json_string(out, s->sources[k], strlen(s->sources[k]));
	}
	fputs("],\"first_date\":", out);
	if (s->first_date[0])
		fprintf(out, "\"%s\",\"last_date\":\"%s\"}\n", s->first_date, s->last_date);
	else
		fputs("null,\"last_date\":null}\n", out);
}

static void story_tsv(FILE *out, size_t rank, const ns_result *best, const ns_story_summary *s)
{
	fprintf(out, "%zu\t%.4f\t%s\t%zu\t%s\t%s\t", rank, best->score, s->story, s->size,
		s->first_date, s->last_date);
	put_field(out, best->title, best->title_len);
	putc('\t', out);
	put_sources(out, s, ", ");
	putc('\n', out);
}

static void story_text(FILE *out, size_t rank, const ns_result *best, const ns_story_summary *s)
{
	fprintf(out, "%s%2zu. ", rank > 1 ? "\n" : "", rank);
	if (best->title_len)
		put_field(out, best->title, best->title_len);
	else
		fputs("(no title)", out);
	fprintf(out, "\n    story %s: %zu article%s", s->story, s->size, s->size == 1 ? "" : "s");
	if (s->first_date[0])
		fprintf(out, ", %s .. %s", s->first_date, s->last_date);
	fputs("\n    sources: ", out);
	put_sources(out, s, ", ");
	if (s->n_sources == 0)
		fputs("(none)", out);
	if (s->more_sources)
		fputs(" and more", out);
	putc('\n', out);
}

int ns_output_story(FILE *out, const struct ns_output_opts *o, size_t rank, const ns_result *best,
		    const ns_story_summary *s)
{
	switch (o->format) {
	case NS_OUTPUT_JSON:
		story_json(out, rank, best, s);
		break;
	case NS_OUTPUT_IDS:
		fprintf(out, "%s%c", s->story, o->nul ? '\0' : '\n');
		break;
	case NS_OUTPUT_TSV:
		story_tsv(out, rank, best, s);
		break;
	case NS_OUTPUT_TEXT:
	default:
		story_text(out, rank, best, s);
		break;
	}
	return ferror(out) ? -1 : 0;
}
