/* clipper-store-check.h
 *
 * Copyright 2026 The Clipper authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "clipper-store.h"

G_BEGIN_DECLS

typedef struct
{
  char *problems;        /* what SQLite found wrong in the tables, or NULL */
  char *index_problems;  /* what is wrong with the search index, or NULL */
} ClipperStoreCheck;

typedef struct
{
  gint64 clippings;      /* copied */
  gint64 highlights;
  gint64 rows;           /* of every table */
  gint64 lost;           /* rows that could not be read or no longer belong */
} ClipperSalvage;

ClipperStoreCheck *clipper_store_check_file     (const char         *path,
                                                 gboolean            thorough,
                                                 GError            **error);
gboolean           clipper_store_check_is_sound (const ClipperStoreCheck *check);
void               clipper_store_check_free     (ClipperStoreCheck  *check);
gboolean           clipper_store_rebuild_index  (ClipperStore       *self,
                                                 GError            **error);
gboolean           clipper_store_salvage        (const char         *damaged_path,
                                                 const char         *output_path,
                                                 ClipperSalvage     *report,
                                                 GError            **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (ClipperStoreCheck, clipper_store_check_free)

G_END_DECLS
