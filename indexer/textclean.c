/* SPDX-License-Identifier: MIT */
/* textclean.c -- list numbers and labels in flattened text (see textclean.h). */
#include "textclean.h"

#include <string.h>
#include <strings.h>

#include "error.h"

static const char *const bullets[] = {
	"\xE2\x80\xA2", "\xE2\x97\xA6", "\xE2\x96\xAA", "\xE2\x80\xA3", "\xC2\xB7", "-", "*",
	"\xE2\x80\x93", NULL,
};

/* Length of the bullet at s[0..n), 0 if none. */
static size_t bullet_at(const char *s, size_t n)
{
	for (size_t k = 0; bullets[k]; k++) {
		size_t l = strlen(bullets[k]);
		if (l <= n && memcmp(s, bullets[k], l) == 0)
			return l;
	}
	return 0;
}

/* A capital letter starts at s: ASCII, or a Latin-1 / Latin Extended-A
 * capital (U+00C0..U+00DE). */
static int capital_at(const unsigned char *s, size_t n)
{
	if (n >= 1 && s[0] >= 'A' && s[0] <= 'Z')
		return 1;
	return n >= 2 && s[0] == 0xC3 && s[1] >= 0x80 && s[1] <= 0x9E && s[1] != 0x97;
}

int ns_textclean_lists(struct ns_buf *t)
{
	struct ns_buf out = NS_BUF_INIT;
	const char *s = (const char *)t->data;
	size_t n = t->len, i = 0, done = 0;
	int changed = 0;

	while (i < n) {
		size_t ls = i, k = i, b, d;
		while (k < n && (s[k] == ' ' || s[k] == '\t'))
			k++;
		if ((b = bullet_at(s + k, n - k)) > 0) {
			k += b;
			while (k < n && (s[k] == ' ' || s[k] == '\t'))
				k++;
			d = k;
			while (d < n && d - k < 3 && s[d] >= '0' && s[d] <= '9')
				d++;
			if (d > k && capital_at((const unsigned char *)s + d, n - d)) {
				ns_buf_append(&out, s + done, d - done);
				ns_buf_putc(&out, ' ');
				done = d;
				changed = 1;
			}
		}
		const char *nl = memchr(s + ls, '\n', n - ls);
		i = nl ? (size_t)(nl - s) + 1 : n;
	}
	if (changed) {
		ns_buf_append(&out, s + done, n - done);
		if (out.err) {
			ns_buf_release(&out);
			return NS_ERR_NOMEM;
		}
		ns_buf_release(t);
		*t = out;
	}
	return NS_OK;
}

int ns_textclean_is_label(const char *line, size_t n)
{
	static const char *const labels[] = {
		"tags", "tag", "topics", "key takeaways", "takeaways", "key points", "highlights",
		"advertisement", "sponsored", "related", "related articles", "related stories",
		"related posts", "read more", "also read", "see also", "share", "share this",
		"share this article", "editor's desk", "editor\xE2\x80\x99s desk", "editor's",
		"editor\xE2\x80\x99s", "subscribe", "sign up", "newsletter", "menu", "photo",
		"image", "video", "listen", "listen to this article", "table of contents",
		"contents", "summary", "in brief", "comments", NULL,
	};
	size_t a = 0, b = n, caps = 0, lower = 0, words = 0;

	while (a < b && strchr(" \t\r", line[a]))
		a++;
	while (b > a && strchr(" \t\r:", line[b - 1]))
		b--;
	if (a == b)
		return 0;
	for (size_t k = 0; labels[k]; k++)
		if (strlen(labels[k]) == b - a && strncasecmp(line + a, labels[k], b - a) == 0)
			return 1;
	for (size_t k = a; k < b; k++) {
		char c = line[k];
		if (c >= 'A' && c <= 'Z')
			caps++;
		else if (c >= 'a' && c <= 'z')
			lower++;
		if (c != ' ' && (k == a || line[k - 1] == ' '))
			words++;
	}
	return words == 1 && caps >= 2 && lower == 0;
}
