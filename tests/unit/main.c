/* SPDX-License-Identifier: MIT */
/* main.c -- runs the registered unit-test suites (see unit.h). */
#include <stdlib.h>
#include <string.h>

#include "unit.h"

long ns_unit_passed, ns_unit_failed;

#define MAX_SUITES 128
static struct {
	const char *name;
	void (*fn)(void);
} suites[MAX_SUITES];
static int n_suites;

void ns_unit_register(const char *name, void (*fn)(void))
{
	if (n_suites == MAX_SUITES) {
		fprintf(stderr, "unit: too many suites\n");
		exit(2);
	}
	suites[n_suites].name = name;
	suites[n_suites].fn = fn;
	n_suites++;
}

static int by_name(const void *a, const void *b)
{
	const char *x = *(const char *const *)a, *y = *(const char *const *)b;
	return strcmp(x, y);
}

char *ns_unit_tmpdir(const char *tag)
{
	const char *base = getenv("TMPDIR");
	char *p = malloc(512);

	if (!p)
		return NULL;
	snprintf(p, 512, "%s/nsunit-%s-XXXXXX", base && *base ? base : "/tmp", tag);
	if (!mkdtemp(p)) {
		free(p);
		return NULL;
	}
	return p;
}

void ns_unit_rmtree(const char *dir)
{
	char cmd[600];

	snprintf(cmd, sizeof(cmd), "rm -rf '%s'", dir);
	if (system(cmd) != 0)
		fprintf(stderr, "could not remove %s\n", dir);
}

int main(int argc, char **argv)
{
	int ran = 0;

	/* Constructors run in link order; sort for a stable report. */
	qsort(suites, (size_t)n_suites, sizeof(suites[0]), by_name);
	for (int i = 0; i < n_suites; i++) {
		int wanted = argc < 2;
		for (int a = 1; a < argc; a++)
			if (strcmp(argv[a], suites[i].name) == 0)
				wanted = 1;
		if (!wanted)
			continue;
		long before = ns_unit_failed;
		suites[i].fn();
		ran++;
		fprintf(stderr, "unit: %-12s %s\n", suites[i].name,
			ns_unit_failed == before ? "ok" : "FAILED");
	}
	if (argc > 1 && ran != argc - 1) {
		fprintf(stderr, "unit: unknown suite name\n");
		ns_unit_failed++;
	}
	printf("unit: %ld passed, %ld failed\n", ns_unit_passed, ns_unit_failed);
	return ns_unit_failed ? 1 : 0;
}
