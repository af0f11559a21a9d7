/* clipper-sync.h
 *
 * Copyright 2026 The Clipper authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "clipper-store.h"
#include "clipper-sync-target.h"

G_BEGIN_DECLS

typedef struct
{
  guint sent;           /* fields sent */
  guint segments_sent;
  guint received;       /* fields read from the other machines */
  guint applied;        /* of those, taken here */
  guint merged;         /* notes edited on both sides, merged */
  guint conflicts;      /* of those, kept both, one under the other */
  guint created;
  guint deleted;
  guint blobs_sent;
  guint blobs_received;
  guint requests;       /* made to the target */
  guint devices;        /* other machines seen */
  gboolean uploaded_all; /* a first sync, or the target was wiped: everything was sent */
} ClipperSyncReport;

#define CLIPPER_TYPE_SYNC (clipper_sync_get_type ())

G_DECLARE_FINAL_TYPE (ClipperSync, clipper_sync, CLIPPER, SYNC, GObject)

ClipperSync *clipper_sync_new          (ClipperStore       *store,
                                        ClipperSyncTarget  *target);
gboolean     clipper_sync_run          (ClipperSync        *self,
                                        ClipperSyncReport  *report,
                                        GCancellable       *cancellable,
                                        GError            **error);
void         clipper_sync_run_async    (ClipperSync        *self,
                                        GCancellable       *cancellable,
                                        GAsyncReadyCallback callback,
                                        gpointer            user_data);
gboolean     clipper_sync_run_finish   (ClipperSync        *self,
                                        GAsyncResult       *result,
                                        ClipperSyncReport  *report,
                                        GError            **error);

G_END_DECLS
