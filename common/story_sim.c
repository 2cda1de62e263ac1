/* SPDX-License-Identifier: MIT */
/* story_sim.c -- sketches, centroids, similarity (story_sim.h). */
#include "story_sim.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "date.h"

/* English function words, plain and as Snowball stems them, sorted: in a
 * small index idf cannot tell them from content words. */
static const char *const stopwords[] = {
	"a", "about", "above", "after", "again", "against", "all", "also",
	"am", "an", "and", "ani", "any", "are", "as", "at",
	"be", "becaus", "because", "been", "befor", "before", "being", "below",
	"between", "both", "but", "by", "can", "could", "did", "do",
	"doe", "does", "doing", "down", "dure", "during", "each", "few",
	"for", "from", "further", "had", "has", "have", "having", "he",
	"her", "here", "hers", "herself", "him", "himself", "his", "how",
	"i", "if", "in", "into", "is", "it", "its", "itself",
	"just", "may", "me", "might", "more", "most", "must", "my",
	"myself", "no", "nor", "not", "now", "of", "off", "on",
	"onc", "once", "one", "onli", "only", "or", "other", "our",
	"ours", "ourselv", "out", "over", "own", "per", "said", "same",
	"say", "says", "shall", "she", "should", "so", "some", "such",
	"than", "that", "the", "their", "theirs", "them", "themselv", "then",
	"there", "these", "they", "this", "those", "through", "thus", "to",
	"too", "two", "under", "until", "up", "upon", "us", "veri",
	"very", "via", "was", "we", "were", "what", "when", "where",
	"whi", "which", "while", "who", "whom", "why", "will", "with",
	"within", "without", "would", "yet", "you", "your", "yours", "yourself",
	"yourselv"
};

static int cmp_word(const void *k, const void *e)
{
	return strcmp(k, *(const char *const *)e);
}

int ns_story_is_stopword(const char *term, size_t len)
{
	char w[16];

	if (len == 0 || len >= sizeof(w))
		return 0;
	memcpy(w, term, len);
	w[len] = 0;
	return bsearch(w, stopwords, sizeof(stopwords) / sizeof(*stopwords), sizeof(*stopwords),
		       cmp_word) != NULL;
}

double ns_story_weight(uint32_t tf, uint32_t tf_title, uint64_t df, uint64_t n_docs)
{
	double idf = log(((double)n_docs + NS_STORY_IDF_PRIOR) / ((double)df + 0.5));

	return (1.0 + log((double)tf + (double)tf_title)) * (idf > 0.0 ? idf : 0.0);
}

static int heavier_first(const void *x, const void *y)
{
	const struct ns_story_term *a = x, *b = y;

	if (a->w != b->w)
		return a->w > b->w ? -1 : 1;
	return a->hash < b->hash ? -1 : a->hash > b->hash;
}

/* Sorts t heaviest first: an insertion sort, as sketches and centroids
 * are a few dozen terms (qsort's calls cost more than the comparisons);
 * heavier_first is a total order, so the result is qsort's.  Longer
 * arrays (a text's whole vocabulary) go to qsort. */
static void sort_heavier_first(struct ns_story_term *t, size_t n)
{
	if (n > 64) {
		qsort(t, n, sizeof(*t), heavier_first);
		return;
	}
	for (size_t i = 1; i < n; i++) {
		struct ns_story_term x = t[i];
		size_t k = i;
		while (k > 0 && heavier_first(&x, &t[k - 1]) < 0) {
			t[k] = t[k - 1];
			k--;
		}
		t[k] = x;
	}
}

size_t ns_story_sketch_finish(struct ns_story_term *t, size_t n)
{
	double sq = 0.0;

	sort_heavier_first(t, n);
	if (n > NS_STORY_SKETCH)
		n = NS_STORY_SKETCH;
	while (n > 0 && !(t[n - 1].w > 0.0f))
		n--;
	for (size_t i = 0; i < n; i++)
		sq += (double)t[i].w * t[i].w;
	for (size_t i = 0; i < n; i++)
		t[i].w = (float)(t[i].w / sqrt(sq));
	return n;
}

/* How far n_distinct is from a headline (0) to an article (1). */
static double longness(size_t n_distinct)
{
	if (n_distinct <= 8)
		return 0.0;
	return n_distinct >= 20 ? 1.0 : (double)(n_distinct - 8) / 12.0;
}

#define LK_SLOTS (2 * NS_STORY_SKETCH + 16)

/* q / 255.0 for every q, made by the compiler (the same correctly rounded
 * quotients as a division at run time): a comparison with a story costs
 * no division per term. */
#define Q1(i) ((double)(i) / 255.0)
#define Q4(i) Q1(i), Q1((i) + 1), Q1((i) + 2), Q1((i) + 3)
#define Q16(i) Q4(i), Q4((i) + 4), Q4((i) + 8), Q4((i) + 12)
#define Q64(i) Q16(i), Q16((i) + 16), Q16((i) + 32), Q16((i) + 48)
static const double q_frac[256] = { Q64(0), Q64(64), Q64(128), Q64(192) };

void ns_story_lookup_init(struct ns_story_lookup *lk, const struct ns_story_term *t, size_t n,
			  size_t n_distinct)
{
	memset(lk->hash, 0, sizeof(lk->hash));
	lk->n_distinct = n_distinct;
	for (size_t i = 0; i < n && i < NS_STORY_SKETCH; i++) {
		/* hash 0 marks an empty slot: such a term (1 in 2^32) is left out */
		size_t k = t[i].hash % LK_SLOTS;
		if (t[i].hash == 0)
			continue;
		while (lk->hash[k] && lk->hash[k] != t[i].hash)
			k = (k + 1) % LK_SLOTS;
		lk->hash[k] = t[i].hash;
		lk->w[k] = t[i].w;
	}
}

double ns_story_similarity_lk(const struct ns_story_lookup *lk, const struct ns_story *s)
{
	double dot = 0.0, sq = 0.0, cosine, mean, l = longness(lk->n_distinct);
	size_t shared = 0;

	for (int k = 0; k < s->n_terms; k++) {
		double w = q_frac[s->q[k]] * s->mass;
		size_t j = s->term[k] % LK_SLOTS;
		sq += w * w;
		while (lk->hash[j] && lk->hash[j] != s->term[k])
			j = (j + 1) % LK_SLOTS;
		if (lk->hash[j] && s->term[k]) {
			dot += w * lk->w[j];
			shared++;
		}
	}
	/* one shared word is a coincidence, not a story */
	if (sq <= 0.0 || s->n_seen == 0 || shared < NS_STORY_MIN_SHARED)
		return 0.0;
	cosine = dot / sqrt(sq);
	mean = dot / s->n_seen;
	return (1.0 - l) * cosine + l * mean;
}

double ns_story_similarity(const struct ns_story_term *t, size_t n, size_t n_distinct,
			   const struct ns_story *s)
{
	struct ns_story_lookup lk;

	ns_story_lookup_init(&lk, t, n, n_distinct);
	return ns_story_similarity_lk(&lk, s);
}

double ns_story_threshold(size_t n_distinct, uint64_t n_docs)
{
	double l = longness(n_distinct), t_long = NS_STORY_T_LONG;

	if (n_docs < NS_STORY_SMALL_N) {
		double f = n_docs <= 10 ? 1.0 : log((double)NS_STORY_SMALL_N / (double)n_docs) /
							    log((double)NS_STORY_SMALL_N / 10.0);
		t_long -= NS_STORY_T_SMALL_DROP * f;
	}
	return (1.0 - l) * NS_STORY_T_SHORT + l * t_long;
}

int32_t ns_story_day(int64_t date_key)
{
	int64_t d;

	if (date_key == NS_DATE_NONE)
		return NS_STORY_NO_DAY;
	d = date_key >= 0 ? date_key / 86400 : -((-date_key + 86399) / 86400);
	if (d <= INT32_MIN || d > INT32_MAX)
		return NS_STORY_NO_DAY;
	return (int32_t)d;
}

int ns_story_days_ok(const struct ns_story *s, int32_t day)
{
	if (day == NS_STORY_NO_DAY || s->first_day == NS_STORY_NO_DAY)
		return 1;
	return (int64_t)day >= (int64_t)s->first_day - NS_STORY_DAYS &&
	       (int64_t)day <= (int64_t)s->last_day + NS_STORY_DAYS;
}

void ns_story_absorb(struct ns_story *s, const struct ns_story_term *t, size_t n, int32_t day)
{
	struct ns_story_term all[NS_STORY_TERMS + NS_STORY_SKETCH];
	size_t m = 0;
	float mass;

	/* the centroid in weights: q / 255 * mass */
	for (int k = 0; k < s->n_terms; k++)
		all[m++] = (struct ns_story_term){ s->term[k], (float)s->q[k] / 255.0f * s->mass };
	for (size_t i = 0; i < n; i++) {
		size_t k = 0;
		while (k < (size_t)s->n_terms && all[k].hash != t[i].hash)
			k++;
		if (k < (size_t)s->n_terms)
			all[k].w += t[i].w;
		else
			all[m++] = t[i];
	}
	sort_heavier_first(all, m);
	if (m > NS_STORY_TERMS)
		m = NS_STORY_TERMS;
	mass = m ? all[0].w : 0.0f;
	s->n_terms = 0;
	for (size_t i = 0; i < m; i++) {
		long q = lroundf(all[i].w / mass * 255.0f);
		if (q < 1)
			break;	/* too light to count */
		s->term[s->n_terms] = all[i].hash;
		s->q[s->n_terms++] = (uint8_t)(q > 255 ? 255 : q);
	}
	s->mass = mass;
	s->n_seen++;
	if (day != NS_STORY_NO_DAY) {
		if (s->first_day == NS_STORY_NO_DAY || day < s->first_day)
			s->first_day = day;
		if (s->last_day == NS_STORY_NO_DAY || day > s->last_day)
			s->last_day = day;
	}
}

/* A centroid as weighted terms. */
static size_t centroid_terms(const struct ns_story *s, struct ns_story_term *t)
{
	for (int k = 0; k < s->n_terms; k++)
		t[k] = (struct ns_story_term){ s->term[k], (float)s->q[k] / 255.0f * s->mass };
	return (size_t)s->n_terms;
}

double ns_story_centroid_cosine(const struct ns_story *a, const struct ns_story *b)
{
	struct ns_story_term ta[NS_STORY_TERMS], tb[NS_STORY_TERMS];
	size_t na = centroid_terms(a, ta), nb = centroid_terms(b, tb);
	double dot = 0.0, aa = 0.0, bb = 0.0;

	for (size_t i = 0; i < na; i++) {
		aa += (double)ta[i].w * ta[i].w;
		for (size_t k = 0; k < nb; k++)
			if (ta[i].hash == tb[k].hash)
				dot += (double)ta[i].w * tb[k].w;
	}
	for (size_t k = 0; k < nb; k++)
		bb += (double)tb[k].w * tb[k].w;
	return aa > 0.0 && bb > 0.0 ? dot / sqrt(aa * bb) : 0.0;
}

int ns_story_days_overlap(const struct ns_story *a, const struct ns_story *b)
{
	if (a->first_day == NS_STORY_NO_DAY || b->first_day == NS_STORY_NO_DAY)
		return 1;
	return (int64_t)a->first_day - NS_STORY_DAYS <= (int64_t)b->last_day &&
	       (int64_t)b->first_day - NS_STORY_DAYS <= (int64_t)a->last_day;
}

void ns_story_merge(struct ns_story *dst, const struct ns_story *src)
{
	struct ns_story_term t[NS_STORY_TERMS];
	size_t n = centroid_terms(src, t);
	uint32_t seen = dst->n_seen;

	ns_story_absorb(dst, t, n, src->first_day);
	if (src->last_day != NS_STORY_NO_DAY && src->last_day > dst->last_day)
		dst->last_day = src->last_day;
	dst->n_seen = seen + src->n_seen;
	dst->n_live += src->n_live;
}
