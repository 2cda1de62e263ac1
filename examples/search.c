/* SPDX-License-Identifier: MIT */
/* search.c -- the smallest client of libnsearch: nsearch.h alone.
 *
 *   search INDEX QUERY...
 *
 * Prints one line per hit (the best 10): rank, score, id and title,
 * separated by tabs.  The words of the query are joined by spaces, as
 * nsearch(1) does.  Exit status: 0 hits found, 1 none, 2 error.
 *
 * Build against an installed library:
 *   cc search.c $(pkg-config --cflags --libs nsearch) -o search
 */
#include <nsearch.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* argv[from..argc) joined by spaces, malloc'd; NULL when out of memory. */
static char *join(int argc, char **argv, int from)
{
	size_t len = 1;
	char *s;

	for (int i = from; i < argc; i++)
		len += strlen(argv[i]) + 1;
	s = malloc(len);
	if (!s)
		return NULL;
	s[0] = '\0';
	for (int i = from; i < argc; i++) {
		if (i > from)
			strcat(s, " ");
		strcat(s, argv[i]);
	}
	return s;
}

int main(int argc, char **argv)
{
	ns_index *idx = NULL;
	ns_results *r = NULL;
	char *query;
	int rc, status = 2;

	if (argc < 3) {
		fputs("usage: search INDEX QUERY...\n", stderr);
		return 2;
	}
	query = join(argc, argv, 2);
	if (!query) {
		fprintf(stderr, "search: %s\n", ns_strerror(NS_ERR_NOMEM));
		return 2;
	}
	rc = ns_index_open(argv[1], &idx);
	if (rc == NS_OK)
		rc = ns_search(idx, query, NULL, &r);
	if (rc != NS_OK) {
		const char *msg = ns_index_errmsg(idx);
		fprintf(stderr, "search: %s\n", msg[0] ? msg : ns_strerror(rc));
	} else {
		status = ns_results_size(r) ? 0 : 1;
		for (size_t i = 0; i < ns_results_size(r); i++) {
			const ns_result *h;
			if ((rc = ns_results_hit(r, i, &h)) != NS_OK) {
				const char *msg = ns_index_errmsg(idx);
				fprintf(stderr, "search: %s\n", msg[0] ? msg : ns_strerror(rc));
				status = 2;
				break;
			}
			/* id and title may hold NUL bytes: print them by length. */
			printf("%zu\t%.4f\t%.*s\t%.*s\n", h->rank, h->score, (int)h->id_len, h->id,
			       (int)h->title_len, h->title);
		}
	}
	ns_results_free(r);
	ns_index_close(idx);
	free(query);
	if (fflush(stdout) != 0 && status != 2) {
		perror("search: write error");
		status = 2;
	}
	return status;
}
