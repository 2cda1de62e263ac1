/* SPDX-License-Identifier: MIT */
/* nsd_file.h -- what the unit suites read and damage in a segment's
 * document file (.nsd, format.h) by hand: its path, the length of its text
 * dictionary, one flipped byte of that dictionary. */
#ifndef NS_UNIT_NSD_FILE_H
#define NS_UNIT_NSD_FILE_H

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>

#include "error.h"
#include "fileio.h"
#include "format.h"

/* The path of segment id's .nsd in dir (malloc'd), or NULL. */
static inline char *unit_nsd_path(const char *dir, uint32_t id)
{
	char name[32];

	ns_fmt_segment_name(name, id, "nsd");
	return ns_path_join(dir, name);
}

/* dlen of the segment's dictionary block (format.h), or -1. */
static inline long unit_nsd_dict_len(const char *dir, uint32_t id)
{
	char *path = unit_nsd_path(dir, id);
	struct ns_map m;
	long len = -1;

	if (path && ns_map_file(path, &m) == NS_OK) {
		if (m.len >= NS_FMT_HEADER_LEN + NS_FMT_DICT_HEAD)
			len = (long)ns_get_u32(m.data + NS_FMT_HEADER_LEN + NS_FMT_DICT_LEN);
		ns_unmap_file(&m);
	}
	free(path);
	return len;
}

/* Flips byte at of the dictionary in place; 1 when done. */
static inline int unit_nsd_damage_dict(const char *dir, uint32_t id, long at)
{
	char *path = unit_nsd_path(dir, id);
	FILE *f = path ? fopen(path, "r+b") : NULL;
	int c, ok = 0;

	if (f && fseek(f, NS_FMT_HEADER_LEN + NS_FMT_DICT_HEAD + at, SEEK_SET) == 0 &&
	    (c = fgetc(f)) != EOF && fseek(f, -1, SEEK_CUR) == 0 && fputc(c ^ 0x5a, f) != EOF)
		ok = 1;
	if (f)
		fclose(f);
	free(path);
	return ok;
}

#endif
