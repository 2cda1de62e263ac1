/* SPDX-License-Identifier: MIT */
/* unit.h -- a tiny unit-test harness.
 *
 * A test file defines suites with NS_SUITE(name) { ... } and checks with the
 * CHECK macros; each suite registers itself at start-up (a constructor), so
 * no central table needs editing when a module gains a test file.  A failed
 * check prints file:line and the values, and the suite goes on.
 * `build/unit [SUITE...]` runs all suites or the named ones and ends with
 * "N passed, N failed" (checks, not suites).
 */
#ifndef NS_UNIT_H
#define NS_UNIT_H

#include <inttypes.h>
#include <stdio.h>
#include <string.h>

extern long ns_unit_passed, ns_unit_failed;

void ns_unit_register(const char *name, void (*fn)(void));

/* A new, empty directory $TMPDIR/nsunit-<tag>-XXXXXX (TMPDIR unset: /tmp);
 * the path is malloc'd.  NULL on failure. */
char *ns_unit_tmpdir(const char *tag);

/* Removes dir and everything below it (a message when it cannot). */
void ns_unit_rmtree(const char *dir);

#define NS_SUITE(name)                                                    \
	static void suite_##name(void);                                   \
	__attribute__((constructor)) static void register_##name(void)    \
	{                                                                 \
		ns_unit_register(#name, suite_##name);                    \
	}                                                                 \
	static void suite_##name(void)

#define NS_UNIT_FAIL(...)                                                 \
	do {                                                              \
		ns_unit_failed++;                                         \
		fprintf(stderr, "%s:%d: FAIL: ", __FILE__, __LINE__);     \
		fprintf(stderr, __VA_ARGS__);                             \
		fputc('\n', stderr);                                      \
	} while (0)

#define CHECK(cond)                                                       \
	do {                                                              \
		if (cond)                                                 \
			ns_unit_passed++;                                 \
		else                                                      \
			NS_UNIT_FAIL("%s", #cond);                        \
	} while (0)

#define CHECK_INT_EQ(a, b)                                                \
	do {                                                              \
		long long va_ = (long long)(a), vb_ = (long long)(b);     \
		if (va_ == vb_)                                           \
			ns_unit_passed++;                                 \
		else                                                      \
			NS_UNIT_FAIL("%s == %s (%lld != %lld)", #a, #b,   \
				     va_, vb_);                           \
	} while (0)

#define CHECK_STR_EQ(a, b)                                                \
	do {                                                              \
		const char *sa_ = (a), *sb_ = (b);                        \
		if (sa_ && sb_ && strcmp(sa_, sb_) == 0)                  \
			ns_unit_passed++;                                 \
		else                                                      \
			NS_UNIT_FAIL("%s == %s (\"%s\" != \"%s\")", #a,   \
				     #b, sa_ ? sa_ : "(null)",            \
				     sb_ ? sb_ : "(null)");               \
	} while (0)

#define CHECK_MEM_EQ(a, b, n)                                             \
	do {                                                              \
		if (memcmp((a), (b), (n)) == 0)                           \
			ns_unit_passed++;                                 \
		else                                                      \
			NS_UNIT_FAIL("memory %s == %s (%zu bytes)", #a,   \
				     #b, (size_t)(n));                    \
	} while (0)

#endif /* NS_UNIT_H */
