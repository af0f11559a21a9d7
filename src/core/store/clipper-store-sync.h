/* clipper-store-sync.h
 *
 * Copyright 2026 The Clipper authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <json-glib/json-glib.h>

#include "clipper-hlc.h"
#include "clipper-store.h"

G_BEGIN_DECLS

/* The version of the layout on a sync target this version writes. */
#define CLIPPER_SYNC_FORMAT 1

/* The largest segment or blob read from a target. */
#define CLIPPER_SYNC_MAX_FILE (64 * 1024 * 1024)

/* One field of one record, as it travels: "the title of clipping X is
 * now T, as of stamp S". A null value is a field taken away (a tag off,
 * a note deleted). */
typedef struct
{
  char     *stamp;
  char     *kind;   /* "clipping" or "highlight" */
  char     *uuid;
  char     *field;
  JsonNode *value;
  char     *parent; /* for a note: the stamp of the text it was written over, or NULL */
} ClipperSyncChange;

typedef struct
{
  guint applied;   /* fields taken from the other machines */
  guint merged;    /* notes edited on both sides, merged */
  guint conflicts; /* of those, the ones kept both, one under the other */
  guint kept;      /* fields whose newer value here stays */
  guint created;   /* records new here */
  guint deleted;   /* records deleted here */
} ClipperSyncApplyStats;

void                clipper_sync_change_free        (ClipperSyncChange *change);
ClipperSyncChange  *clipper_sync_change_from_json   (JsonNode          *node);
GPtrArray          *clipper_sync_parse_segment      (const char        *text,
                                                     gsize              length,
                                                     char             **device,
                                                     gint64            *seq,
                                                     GError           **error);
char               *clipper_sync_merge_text         (const char        *base,
                                                     const char        *local,
                                                     const char        *remote,
                                                     const char        *separator,
                                                     gboolean          *conflict);

char               *clipper_store_sync_dup_meta     (ClipperStore      *self,
                                                     const char        *key,
                                                     GError           **error);
gboolean            clipper_store_sync_set_meta     (ClipperStore      *self,
                                                     const char        *key,
                                                     const char        *value,
                                                     GError           **error);
char               *clipper_store_sync_ensure_device (ClipperStore     *self,
                                                     GError           **error);
gboolean            clipper_store_sync_mark_all     (ClipperStore      *self,
                                                     gboolean           everything,
                                                     GError           **error);
gint64              clipper_store_sync_count_dirty  (ClipperStore      *self,
                                                     GError           **error);
char               *clipper_store_sync_take_segment (ClipperStore      *self,
                                                     ClipperHlc        *clock,
                                                     guint              max_changes,
                                                     gint64            *seq,
                                                     GError           **error);
char              **clipper_store_sync_segment_blobs (ClipperStore     *self,
                                                     gint64             seq,
                                                     GError           **error);
GBytes             *clipper_store_sync_dup_blob     (ClipperStore      *self,
                                                     const char        *hash,
                                                     GError           **error);
gboolean            clipper_store_sync_segment_sent (ClipperStore      *self,
                                                     gint64             seq,
                                                     GError           **error);
char              **clipper_store_sync_missing_blobs (ClipperStore     *self,
                                                     GPtrArray         *changes,
                                                     GError           **error);
gboolean            clipper_store_sync_apply        (ClipperStore      *self,
                                                     GPtrArray         *changes,
                                                     GHashTable        *blobs,
                                                     const char        *separator,
                                                     char             **cursor_keys,
                                                     char             **cursor_values,
                                                     ClipperSyncApplyStats *stats,
                                                     GArray            *touched,
                                                     GError           **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (ClipperSyncChange, clipper_sync_change_free)

G_END_DECLS
