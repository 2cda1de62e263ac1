/* SPDX-License-Identifier: MIT */
/* facet.c -- matches per source, year or month (facet.h). */
#include "facet.h"

#include <stdlib.h>
#include <string.h>

#include "colcount.h"
#include "dayhist.h"
#include "error.h"

int ns_facet_field(const char *s, enum ns_facet_field *f)
{
	if (strcmp(s, "source") == 0)
		*f = NS_FACET_SOURCE;
	else if (strcmp(s, "year") == 0)
		*f = NS_FACET_YEAR;
	else if (strcmp(s, "month") == 0)
		*f = NS_FACET_MONTH;
	else
		return -1;
	return 0;
}

/* ---- years and months: from the day column ---- */

struct by_month {
	enum ns_facet_field field;
	struct ns_facet *f;
};

static char *date_name(enum ns_facet_field field, int64_t month)
{
	char buf[32];

	if (field == NS_FACET_YEAR)
		snprintf(buf, sizeof(buf), "%04d", (int)(month / 12));
	else
		snprintf(buf, sizeof(buf), "%04d-%02d", (int)(month / 12), (int)(month % 12) + 1);
	return strdup(buf);
}

static int add_row(struct ns_facet *f, char *value, uint64_t count)
{
	struct ns_facet_row *r;

	if (!value)
		return NS_ERR_NOMEM;
	r = realloc(f->row, (f->n + 1) * sizeof(*r));
	if (!r) {
		free(value);
		return NS_ERR_NOMEM;
	}
	f->row = r;
	f->row[f->n].value = value;
	f->row[f->n++].count = count;
	return NS_OK;
}

/* The counts of one month (ns_dayhist_months), in order: a year's months
 * come one after the other, so a year is the row before or a new one. */
static int add_month(void *ctx, int64_t month, uint64_t count)
{
	struct by_month *b = ctx;
	struct ns_facet *f = b->f;
	char *name = date_name(b->field, month);

	if (name && b->field == NS_FACET_YEAR && f->n && strcmp(f->row[f->n - 1].value, name) == 0) {
		free(name);
		f->row[f->n - 1].count += count;
		return NS_OK;
	}
	return add_row(f, name, count);
}

static int count_dates(struct ns_index *idx, struct ns_match *m, struct ns_stories *st,
		       enum ns_facet_field field, struct ns_facet *f)
{
	struct by_month b = { field, f };
	struct ns_colcount_days h;
	int rc = ns_colcount_days(idx, m, st, &h);

	if (rc != NS_OK)
		return rc;
	f->total = h.matches;
	rc = ns_dayhist_months(&h.d, add_month, &b);
	if (rc == NS_OK && h.undated)
		rc = add_row(f, strdup("undated"), h.undated);
	ns_colcount_days_release(&h);
	return rc;
}

/* ---- sources: from the source column ---- */

static int count_sources(struct ns_index *idx, struct ns_match *m, struct ns_stories *st,
			 struct ns_facet *f)
{
	struct ns_colcount_source *v;
	size_t n;
	int rc = ns_colcount_sources(idx, m, st, &v, &n, &f->total);

	for (size_t i = 0; rc == NS_OK && i < n; i++) {
		char *s = v[i].key == 0 ? strdup("(none)") : malloc(v[i].name.len + 1);
		if (s && v[i].key != 0) {
			memcpy(s, v[i].name.p, v[i].name.len);
			s[v[i].name.len] = 0;
			for (char *p = s; *p; p++)
				if (*p == '\t' || *p == '\n' || *p == '\r')
					*p = ' ';	/* one TSV field */
		}
		rc = add_row(f, s, v[i].count);
	}
	free(v);
	return rc;
}

/* ---- rows ---- */

static int cmp_row(const void *a, const void *b)
{
	const struct ns_facet_row *x = a, *y = b;

	if (x->count != y->count)
		return x->count > y->count ? -1 : 1;
	return strcmp(x->value, y->value);
}

int ns_facet_count(struct ns_index *idx, struct ns_match *m, struct ns_stories *st,
		   enum ns_facet_field field, struct ns_facet *f)
{
	int rc;

	memset(f, 0, sizeof(*f));
	rc = field == NS_FACET_SOURCE ? count_sources(idx, m, st, f)
				      : count_dates(idx, m, st, field, f);
	if (rc != NS_OK) {
		ns_facet_release(f);
		return rc;
	}
	if (f->n > 1)
		qsort(f->row, f->n, sizeof(*f->row), cmp_row);
	return NS_OK;
}

void ns_facet_release(struct ns_facet *f)
{
	for (size_t i = 0; i < f->n; i++)
		free(f->row[i].value);
	free(f->row);
	memset(f, 0, sizeof(*f));
}

/* Columns a UTF-8 string takes (one per code point). */
static int columns(const char *s)
{
	int n = 0;

	for (; *s; s++)
		n += ((uint8_t)*s & 0xc0) != 0x80;
	return n;
}

int ns_facet_print(FILE *out, const struct ns_facet *f, size_t max_rows, int tty)
{
	size_t n = f->n < max_rows ? f->n : max_rows;
	int w = 0, cw = 1;

	for (size_t i = 0; tty && i < n; i++)
		if (columns(f->row[i].value) > w)
			w = columns(f->row[i].value);
	for (uint64_t v = n ? f->row[0].count : 0; v >= 10; v /= 10)
		cw++;
	for (size_t i = 0; i < n; i++) {
		if (tty)
			fprintf(out, "%s%*s  %*llu\n", f->row[i].value,
				w - columns(f->row[i].value), "", cw,
				(unsigned long long)f->row[i].count);
		else
			fprintf(out, "%s\t%llu\n", f->row[i].value,
				(unsigned long long)f->row[i].count);
	}
	return ferror(out) ? NS_ERR_IO : NS_OK;
}

int ns_facet_run(struct ns_index *idx, struct ns_match *m, struct ns_stories *st,
		 const char *field, size_t max_rows, FILE *out, int tty, uint64_t *n_matches,
		 char *msg, size_t msglen)
{
	enum ns_facet_field fld;
	struct ns_facet f;
	int rc;

	*n_matches = 0;
	if (ns_facet_field(field, &fld) != 0) {
		ns_msgf(msg, msglen, "--facet: '%s' is not source, year or month", field);
		return NS_ERR_USAGE;
	}
	rc = ns_facet_count(idx, m, st, fld, &f);
	if (rc != NS_OK)
		return rc;
	*n_matches = f.total;
	rc = ns_facet_print(out, &f, max_rows, tty);
	ns_facet_release(&f);
	return rc;
}
