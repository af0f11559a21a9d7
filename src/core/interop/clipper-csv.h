/* clipper-csv.h
 *
 * Copyright 2026 The Clipper authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* The longest field read, in bytes; a longer one is an error. */
#define CLIPPER_CSV_MAX_FIELD (1024 * 1024)

typedef struct _ClipperCsvReader ClipperCsvReader;

ClipperCsvReader *clipper_csv_reader_new      (const char        *text,
                                               gsize              length,
                                               char               delimiter);
void              clipper_csv_reader_free     (ClipperCsvReader  *reader);
gboolean          clipper_csv_reader_next     (ClipperCsvReader  *reader,
                                               GStrv             *fields,
                                               GError           **error);
guint             clipper_csv_reader_get_line (ClipperCsvReader  *reader);

int               clipper_csv_find_column     (const char * const *header,
                                               const char         *name);

void              clipper_csv_append_field    (GString            *out,
                                               const char         *value);
void              clipper_csv_append_record   (GString            *out,
                                               const char * const *fields,
                                               guint               n_fields);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (ClipperCsvReader, clipper_csv_reader_free)

G_END_DECLS
