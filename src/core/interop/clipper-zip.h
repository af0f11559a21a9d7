/* clipper-zip.h
 *
 * Copyright 2026 The Clipper authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* What a ZIP may hold before it is taken for a bomb. */
#define CLIPPER_ZIP_MAX_ENTRIES    100000
#define CLIPPER_ZIP_MAX_ENTRY_SIZE (64 * 1024 * 1024)
#define CLIPPER_ZIP_MAX_TOTAL_SIZE (512 * 1024 * 1024)

typedef struct
{
  char   *name;
  GBytes *data;
} ClipperZipEntry;

gboolean   clipper_zip_is_zip      (const char       *data,
                                    gsize             length);
GPtrArray *clipper_zip_read        (const char       *data,
                                    gsize             length,
                                    GPtrArray        *problems,
                                    GError          **error);
GBytes    *clipper_zip_lookup      (GPtrArray        *entries,
                                    const char       *name);

G_END_DECLS
