/* SPDX-License-Identifier: MIT */
/* t_spell.c -- tests of searcher/spell.c on an index built here: which
 * candidate wins (frequency, a neighbouring key, a doubled letter, the
 * query's other words) and when a word is left alone (a rare word the
 * archive has, next to a much commoner one).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "build.h"
#include "errmodel.h"
#include "error.h"
#include "formdict.h"
#include "index.h"
#include "inflect.h"
#include "spell.h"
#include "unit.h"

/* n articles whose body is text. */
static void articles(FILE *f, int *id, int n, const char *text)
{
	for (int i = 0; i < n; i++)
		fprintf(f, "{\"id\": \"a%d\", \"body\": \"%s\"}\n", (*id)++, text);
}

static struct ns_index *spell_index(const char *dir)
{
	char src[512], idx[512], msg[512] = "";
	const char *sources[1] = { src };
	struct ns_build_opts o;
	struct ns_build_stats st;
	struct ns_index *x = NULL;
	FILE *f;
	int id = 0;

	snprintf(src, sizeof(src), "%s/news.jsonl", dir);
	snprintf(idx, sizeof(idx), "%s/idx", dir);
	f = fopen(src, "w");
	if (!f)
		return NULL;
	articles(f, &id, 40, "flights to new york");
	articles(f, &id, 1500, "yok");
	articles(f, &id, 5, "offer");
	articles(f, &id, 8, "omer");
	articles(f, &id, 8, "cast");
	articles(f, &id, 5, "vast");
	articles(f, &id, 1, "tarde");
	articles(f, &id, 150, "trade");
	articles(f, &id, 2, "bale");
	articles(f, &id, 150, "sale");
	articles(f, &id, 4, "mortal");
	articles(f, &id, 20, "mental");
	articles(f, &id, 3, "totally");
	articles(f, &id, 30, "total");
	articles(f, &id, 1, "greif");
	articles(f, &id, 20, "grief");
	articles(f, &id, 5, "bunker");
	articles(f, &id, 150, "banker");
	articles(f, &id, 20, "office");
	articles(f, &id, 10, "offices");
	articles(f, &id, 120, "bond");
	articles(f, &id, 10, "bank");
	/* words the archive repeats */
	articles(f, &id, 3, "independant");
	articles(f, &id, 40, "independent");
	articles(f, &id, 3, "housed");
	articles(f, &id, 130, "houses");
	articles(f, &id, 3, "assualt");
	articles(f, &id, 30, "assault");
	articles(f, &id, 3, "marsha");
	articles(f, &id, 30, "marshal");
	articles(f, &id, 10, "commited");
	articles(f, &id, 40, "committed");
	articles(f, &id, 10, "handing");
	articles(f, &id, 40, "handling");
	articles(f, &id, 3, "befor");
	articles(f, &id, 200, "before");
	articles(f, &id, 3, "planes");
	articles(f, &id, 100, "plans");
	articles(f, &id, 2, "unite");
	articles(f, &id, 130, "unit");
	articles(f, &id, 4, "wiener");
	articles(f, &id, 20, "weiner");
	/* a misspelling the archive holds, beside its word */
	articles(f, &id, 3, "betwen");
	articles(f, &id, 200, "between");
	articles(f, &id, 2, "algorthm");
	articles(f, &id, 1, "govermnet");
	articles(f, &id, 12, "goverment");
	articles(f, &id, 400, "government");
	articles(f, &id, 150, "algorithm");
	/* a word three slips from what is typed */
	articles(f, &id, 30, "accommodation");
	articles(f, &id, 30, "broccoli");
	/* two forms of one stem */
	articles(f, &id, 50, "year");
	articles(f, &id, 10, "years");
	fclose(f);
	memset(&o, 0, sizeof(o));
	o.index_dir = idx;
	o.sources = sources;
	o.n_sources = 1;
	o.memory_bytes = 64u << 20;
	if (ns_build(&o, NULL, &st, msg, sizeof(msg)) != NS_OK ||
	    ns_idx_open(idx, &x, msg, sizeof(msg)) != NS_OK) {
		fprintf(stderr, "t_spell: %s\n", msg);
		return NULL;
	}
	return x;
}

static const char *word(struct ns_index *x, const char *w)
{
	static char out[128];
	int rc = ns_spell_word(x, w, out, sizeof(out), NULL, NULL, 0);

	return rc == NS_OK ? out : rc == NS_DONE ? "(none)" : "(error)";
}

static const char *query(struct ns_index *x, const char *q)
{
	static char out[256];
	char *fixed = NULL;
	int rc = ns_spell_query(x, q, 0, &fixed, NULL, NULL, 0);

	snprintf(out, sizeof(out), "%s", rc == NS_OK ? fixed : rc == NS_DONE ? "(none)" : "(error)");
	free(fixed);
	return out;
}

#define CHECK_STR(got, want)                                                           \
	do {                                                                           \
		const char *g_ = (got);                                                \
		if (strcmp(g_, (want)) == 0)                                           \
			ns_unit_passed++;                                              \
		else                                                                   \
			NS_UNIT_FAIL("%s: got '%s', want '%s'", #got, g_, (want));     \
	} while (0)

NS_SUITE(spell_ranking)
{
	char *dir = ns_unit_tmpdir("spell");
	struct ns_index *x = dir ? spell_index(dir) : NULL;
	struct ns_spell_stats st;
	char *fixed = NULL;

	CHECK(x != NULL);
	if (!x)
		goto out;
	/* alone, the commoner of two one-edit candidates, when it is much
	 * commoner (yok: 1500, york: 40), though the swap is the cheaper
	 * slip */
	CHECK_STR(word(x, "yrok"), "yok");
	/* with a neighbour, the one that makes a phrase the archive has */
	CHECK_STR(query(x, "new yrok"), "new york");
	CHECK_STR(query(x, "yrok flights"), "yok flights");
	/* a doubled letter dropped beats a commoner word (omer: 8, offer: 5) */
	CHECK_STR(word(x, "ofer"), "offer");
	/* so does a neighbouring key: b -> v, not c (cast: 8, vast: 5) */
	CHECK_STR(word(x, "bast"), "vast");
	/* a vowel for another is a cheaper slip than an r for an n
	 * (mortal: 4, mental: 20) */
	CHECK_STR(word(x, "mertal"), "mortal");
	/* a double written single beats a letter added at the end
	 * (totally: 3, total: 30) */
	CHECK_STR(word(x, "totaly"), "totally");
	/* a letter left out beats a neighbouring key's letter put for
	 * another, so the ending the word was typed with stays (offices:
	 * 10, office: 20) */
	CHECK_STR(word(x, "offics"), "offices");
	/* the prior is tempered (NS_SPELL_PRIOR_WEIGHT): a vowel for
	 * another beats a plain edit of a word 12 times commoner (bank: 10,
	 * bond: 120) */
	CHECK_STR(word(x, "bonk"), "bank");
	/* a form seen once is likelier a slip than its count says: greif (1)
	 * -> grief (20), one swap; not a word seen in 5, bunker beside
	 * banker (150), a vowel */
	CHECK_STR(word(x, "greif"), "grief");
	CHECK_STR(word(x, "bunker"), "(none)");
	/* a word the archive has stays unless a candidate is NS_SPELL_RATIO
	 * times commoner per edit (of weighted cost): tarde (1) -> trade
	 * (150); a short one needs NS_SPELL_SHORT_RATIO times more: bale (2)
	 * stays beside sale (150) */
	CHECK_STR(word(x, "tarde"), "trade");
	CHECK_STR(word(x, "bale"), "(none)");
	CHECK_STR(word(x, "trade"), "(none)");
	/* a word the archive repeats may be a slip of a word of its own
	 * stem, when the two differ in more than an ending (independant: 3,
	 * independent: 40, a vowel of the suffix) -- but it is not replaced
	 * by another inflection of itself (housed: 3, houses: 130) */
	CHECK_STR(word(x, "independant"), "independent");
	CHECK_STR(word(x, "housed"), "(none)");
	/* the cheapest slips of a repeated word of NS_SPELL_HELD_MID letters
	 * need a candidate only NS_SPELL_HELD_CHEAP_RATIO times commoner
	 * (assualt: 3, assault: 30, a swap), unless the word is the other
	 * with an ending (marsha: 3, marshal: 30) */
	CHECK_STR(word(x, "assualt"), "assault");
	CHECK_STR(word(x, "marsha"), "(none)");
	/* a double written single needs only NS_SPELL_HELD_DOUBLE_RATIO
	 * (commited: 10, committed: 40); a letter left out, as cheap, more
	 * (handing: 10, handling: 40) */
	CHECK_STR(word(x, "commited"), "committed");
	CHECK_STR(word(x, "handing"), "(none)");
	/* a final e left out is a slip, not another inflection, though the
	 * two stem alike (befor: 3, before: 200) */
	CHECK_STR(word(x, "befor"), "before");
	/* an e that makes a word of its own is no -es slip (planes: 3,
	 * plans: 100; errmodel.h) */
	CHECK_STR(word(x, "planes"), "(none)");
	/* but a repeated word with an e at its end is a word of its own, no
	 * slip of the word without it (unite: 2, unit: 130) */
	CHECK_STR(word(x, "unite"), "(none)");
	/* an i and an e swapped cost what a double does, but only a double
	 * takes NS_SPELL_HELD_DOUBLE_RATIO (wiener: 4, weiner: 20) */
	CHECK_STR(word(x, "wiener"), "(none)");
	/* between forms of one stem the slip decides: yeasr is years (a
	 * swap) though year (a letter added) is 5 times commoner */
	CHECK_STR(word(x, "yeasr"), "years");
	CHECK_STR(word(x, "yaer"), "year");
	/* the nearest form may be a misspelling the archive holds: beetwen
	 * is one double from betwen (3) and two edits from between (200),
	 * and betwen is a slip the speller would correct itself, so the
	 * answer is its correction; a rare real word picked stays (bunker:
	 * 5, the speller leaves it alone beside banker) */
	CHECK_STR(word(x, "beetwen"), "between");
	CHECK_STR(word(x, "betwen"), "between");
	CHECK_STR(word(x, "bunkker"), "bunker");
	/* two looks: govremnet -> govermnet (1) -> goverment (12) ->
	 * government (400), three edits from what was typed: the second look
	 * walks near its own pick, not in the list the first walk gave */
	CHECK_STR(word(x, "govremnet"), "government");
	memset(&st, 0, sizeof(st));
	CHECK_INT_EQ(ns_spell_query(x, "beetwen", 0, &fixed, &st, NULL, 0), NS_OK);
	CHECK_STR(fixed ? fixed : "(null)", "between");
	CHECK_INT_EQ(st.n_hops, 1);
	free(fixed);
	fixed = NULL;
	/* a long word's walk (within 2) holds every form within 1 of a pick
	 * one edit away, so the second look walks no more: algorrthm ->
	 * algorthm (2) -> algorithm (150) visits what the one walk does */
	{
		struct ns_formdict *d = NULL;
		struct ns_formhit *hits = NULL;
		struct ns_fuzzy_count cnt = { 0, 0 };
		size_t n_hits = 0;
		CHECK_INT_EQ(ns_formdict_of(x, &d, NULL, 0), NS_OK);
		if (d)
			CHECK_INT_EQ(ns_formdict_near(d, "algorrthm", 9, 2, 100000, &hits, &n_hits,
						      &cnt), NS_OK);
		free(hits);
		memset(&st, 0, sizeof(st));
		CHECK_INT_EQ(ns_spell_query(x, "algorrthm", 0, &fixed, &st, NULL, 0), NS_OK);
		CHECK_STR(fixed ? fixed : "(null)", "algorithm");
		CHECK_INT_EQ(st.n_hops, 1);
		CHECK(cnt.forms > 0);
		CHECK_INT_EQ(st.n_visited, cnt.forms);
		free(fixed);
		fixed = NULL;
	}
	/* a long word with nothing within 2: the forms within 3 that keep
	 * its first letter, when the three slips are cheap enough (two
	 * doubles written single and a neighbouring key: 1.6) */
	CHECK_STR(word(x, "acomodasion"), "accommodation");
	CHECK_STR(word(x, "xcomodasion"), "(none)");
	/* three plain edits (3) are too dear for a word of 8 characters
	 * (NS_SPELL_COST3 a character: 2) */
	CHECK_STR(word(x, "bxoccxlx"), "(none)");
	{
		struct ns_formdict *d = NULL;
		struct ns_formhit *hits = NULL;
		struct ns_fuzzy_count cnt = { 0, 0 };
		size_t n_hits = 0;
		CHECK_INT_EQ(ns_formdict_of(x, &d, NULL, 0), NS_OK);
		/* the walk that keeps the first letter: sbale is sale, not
		 * bale (its s left out) */
		if (d)
			CHECK_INT_EQ(ns_formdict_near_same_first(d, "sbale", 5, 1, 100, &hits,
								 &n_hits, &cnt), NS_OK);
		CHECK_INT_EQ(n_hits, 1);
		CHECK_STR(n_hits ? hits[0].form : "", "sale");
		free(hits);
		hits = NULL;
		if (d)
			CHECK_INT_EQ(ns_formdict_near(d, "sbale", 5, 1, 100, &hits, &n_hits, &cnt),
				     NS_OK);
		CHECK_INT_EQ(n_hits, 2);
		free(hits);
		hits = NULL;
		/* and three edits deep */
		if (d)
			CHECK_INT_EQ(ns_formdict_near_same_first(d, "acomodasion", 11, 3, 100,
								 &hits, &n_hits, &cnt), NS_OK);
		CHECK_INT_EQ(n_hits, 1);
		CHECK_STR(n_hits ? hits[0].form : "", "accommodation");
		CHECK_INT_EQ(n_hits ? hits[0].dist : -1, 3);
		free(hits);
	}
	/* never a suggestion out of nothing */
	CHECK_STR(word(x, "qqqqqq"), "(none)");
	/* the work is counted */
	memset(&st, 0, sizeof(st));
	CHECK_INT_EQ(ns_spell_query(x, "new yrok", 0, &fixed, &st, NULL, 0), NS_OK);
	CHECK_INT_EQ(st.n_words, 2);
	CHECK_INT_EQ(st.n_unknown, 1);
	CHECK(st.n_visited > 0);
	CHECK(st.n_cooc > 0);
	free(fixed);
out:
	ns_idx_close(x);
	if (dir)
		ns_unit_rmtree(dir);
	free(dir);
}

/* The weighted costs of errmodel.h, and the order of slips they make. */
NS_SUITE(errmodel_costs)
{
	CHECK(ns_errmodel_cost("word", 4, "word", 4) == 0);
	/* the plain edits cost 1 */
	CHECK(ns_errmodel_cost("wxrd", 4, "word", 4) == 1);
	CHECK(ns_errmodel_cost("wxord", 5, "word", 4) == 1);
	/* a letter left out is cheaper than one put for another, and a
	 * vowel between consonants cheaper still: offics is offices sooner
	 * than office (e for s, a neighbouring key) */
	CHECK(ns_errmodel_cost("ord", 3, "word", 4) == NS_ERR_DROP);
	CHECK(ns_errmodel_cost("wrd", 3, "word", 4) == NS_ERR_SCHWA);
	CHECK(ns_errmodel_cost("articls", 7, "articles", 8) == NS_ERR_SCHWA);
	CHECK(NS_ERR_SCHWA < NS_ERR_DROP && NS_ERR_DROP < NS_ERR_KEY);
	CHECK(ns_errmodel_cost("offics", 6, "offices", 7) < ns_errmodel_cost("offics", 6, "office", 6));
	/* cheaper slips */
	CHECK(ns_errmodel_cost("ofer", 4, "offer", 5) == NS_ERR_DOUBLE);
	CHECK(ns_errmodel_cost("offfer", 6, "offer", 5) == NS_ERR_DOUBLE);
	CHECK(ns_errmodel_cost("wrod", 4, "word", 4) == NS_ERR_SWAP);
	/* ie for ei and back, the cheapest swap: peices costs less as pieces
	 * than as prices (a neighbouring key) */
	CHECK(ns_errmodel_cost("recieve", 7, "receive", 7) == NS_ERR_SWAP_IE);
	CHECK(ns_errmodel_cost("peices", 6, "pieces", 6) == NS_ERR_SWAP_IE);
	CHECK(ns_errmodel_cost("peices", 6, "pieces", 6) < ns_errmodel_cost("peices", 6, "prices", 6));
	CHECK(NS_ERR_SWAP_IE < NS_ERR_SWAP);
	CHECK(ns_errmodel_cost("seperate", 8, "separate", 8) == NS_ERR_VOWEL);
	CHECK(ns_errmodel_cost("wird", 4, "word", 4) == NS_ERR_VOWEL);
	CHECK(ns_errmodel_cost("eord", 4, "word", 4) == NS_ERR_KEY);
	CHECK(ns_errmodel_cost("wirds", 5, "words", 5) == NS_ERR_VOWEL);
	CHECK(ns_errmodel_cost("advize", 6, "advise", 6) == NS_ERR_SOUND);
	CHECK(ns_errmodel_cost("fotograf", 8, "photograph", 10) == 2 * NS_ERR_SOUND);
	CHECK(ns_errmodel_cost("enviroment", 10, "environment", 11) == NS_ERR_DROP);
	CHECK(ns_errmodel_cost("wich", 4, "which", 5) == NS_ERR_DROP);
	CHECK(ns_errmodel_cost("judgement", 9, "judgment", 8) == NS_ERR_ADD_E);
	/* -es for -s: cheaper than a neighbouring key for the last letter */
	CHECK(ns_errmodel_cost("expectes", 8, "expects", 7) == NS_ERR_ADD_ES);
	CHECK(ns_errmodel_cost("expectes", 8, "expects", 7) <
	      ns_errmodel_cost("expectes", 8, "expected", 8));
	CHECK(NS_ERR_ADD_ES < NS_ERR_ADD_E);
	/* but not the e that makes a single vowel long (plane, care): there
	 * the e makes a word of its own, planes beside plans; it costs what
	 * an added letter does (here a key beside the s) */
	CHECK(ns_errmodel_cost("planes", 6, "plans", 5) == NS_ERR_KEY);
	CHECK(ns_errmodel_cost("cares", 5, "cars", 4) == NS_ERR_KEY);
	CHECK(ns_errmodel_cost("ages", 4, "ags", 3) == NS_ERR_KEY);
	CHECK(ns_errmodel_cost("lookes", 6, "looks", 5) == NS_ERR_ADD_ES);
	/* an -er's e is not such a vowel: registeres is registers */
	CHECK(ns_errmodel_cost("registeres", 10, "registers", 9) == NS_ERR_ADD_ES);
	CHECK(ns_errmodel_cost("offeres", 7, "offers", 6) == NS_ERR_ADD_ES);
	/* a consonant for its voiced or voiceless twin */
	CHECK(ns_errmodel_cost("describtion", 11, "description", 11) == NS_ERR_VOICE);
	CHECK(ns_errmodel_cost("intented", 8, "intended", 8) == NS_ERR_VOICE);
	CHECK(NS_ERR_SOUND < NS_ERR_VOICE && NS_ERR_VOICE < 1);
	/* a letter added at the end costs more */
	CHECK(ns_errmodel_cost("wordy", 5, "word", 4) == NS_ERR_TAIL);
	CHECK(ns_errmodel_cost("words", 5, "word", 4) == NS_ERR_TAIL);
	/* both letters of a double left out, or added, are not two slips
	 * of a double */
	CHECK(ns_errmodel_cost("oer", 3, "offer", 5) > 2 * NS_ERR_DOUBLE);
	CHECK(ns_errmodel_cost("toss", 4, "to", 2) > 2 * NS_ERR_DOUBLE);
	/* two slips add up; letters outside a-z take the plain costs */
	CHECK(ns_errmodel_cost("ofre", 4, "offer", 5) == NS_ERR_DOUBLE + NS_ERR_SWAP);
	CHECK(ns_errmodel_cost("caf\xc3\xa9", 5, "cafe", 4) == 1);
	/* keys */
	CHECK(ns_errmodel_keys_touch('f', 'g'));
	CHECK(ns_errmodel_keys_touch('r', 'f'));
	CHECK(ns_errmodel_keys_touch('t', 'f'));
	CHECK(!ns_errmodel_keys_touch('q', 'p'));
	CHECK(!ns_errmodel_keys_touch('a', 'a'));
}

/* Words the archive knows well (spell.h): 100 articles, or 20 that are 1%
 * of them; never fewer than 20. */
NS_SUITE(spell_known_well)
{
	CHECK(ns_spell_known_well(100, 1000000));
	CHECK(!ns_spell_known_well(99, 1000000));
	CHECK(ns_spell_known_well(20, 2000));
	CHECK(!ns_spell_known_well(20, 2001));
	CHECK(!ns_spell_known_well(19, 19));
	CHECK(!ns_spell_known_well(1, 1));
	CHECK(!ns_spell_known_well(0, 0));
}

/* Words that differ only in their inflection (inflect.h). */
NS_SUITE(spell_inflect)
{
	CHECK(ns_inflect_only("housed", 6, "houses", 6));
	CHECK(ns_inflect_only("attaches", 8, "attached", 8));
	/* the stem ends before the common prefix does */
	CHECK(ns_inflect_only("occupier", 8, "occupied", 8));
	CHECK(ns_inflect_only("acquirers", 9, "acquires", 8));
	CHECK(ns_inflect_only("year", 4, "years", 5));
	CHECK(ns_inflect_only("quick", 5, "quickly", 7));
	/* a slip inside the word or in a derivational suffix */
	CHECK(!ns_inflect_only("independant", 11, "independent", 11));
	CHECK(!ns_inflect_only("possiblity", 10, "possibility", 11));
	CHECK(!ns_inflect_only("developement", 12, "development", 11));
	CHECK(!ns_inflect_only("cacheing", 8, "caching", 7));
	CHECK(!ns_inflect_only("marsha", 6, "marshal", 7));
	/* nor is a final e alone an ending: befor is a slip of before */
	CHECK(!ns_inflect_only("befor", 5, "before", 6));
	CHECK(!ns_inflect_only("absolute", 8, "absolut", 7));
	CHECK(ns_inflect_only("hoped", 5, "hope", 4));
	CHECK(ns_inflect_only("hoping", 6, "hope", 4));
	/* the same word is no other inflection */
	CHECK(!ns_inflect_only("house", 5, "house", 5));
	CHECK(!ns_inflect_only("", 0, "", 0));
}
