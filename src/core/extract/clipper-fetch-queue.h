/* clipper-fetch-queue.h
 *
 * Copyright 2026 The Clipper authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "clipper-store.h"

G_BEGIN_DECLS

typedef struct
{
  guint      total;             /* pages that were still to be fetched */
  guint      fetched;           /* of those, the ones that now have their text */
  guint      failed;            /* the ones that could not be fetched or clipped */
  guint      highlights_placed; /* highlights that were waiting and found their place */
  guint      images_failed;     /* images that could not be stored */
  gboolean   cancelled;         /* the run was cancelled: the pages left keep waiting */
  GPtrArray *problems;          /* (element-type utf8): "URL: why" for each failure */
} ClipperFetchSummary;

void clipper_fetch_summary_free (ClipperFetchSummary *summary);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (ClipperFetchSummary, clipper_fetch_summary_free)

#define CLIPPER_TYPE_FETCH_QUEUE (clipper_fetch_queue_get_type ())

G_DECLARE_FINAL_TYPE (ClipperFetchQueue, clipper_fetch_queue, CLIPPER, FETCH_QUEUE, GObject)

ClipperFetchQueue   *clipper_fetch_queue_new         (ClipperStore         *store);
void                 clipper_fetch_queue_set_limits  (ClipperFetchQueue    *self,
                                                      guint                 parallel,
                                                      guint                 per_host);
void                 clipper_fetch_queue_set_retries (ClipperFetchQueue    *self,
                                                      guint                 retries,
                                                      guint                 first_delay_ms);
void                 clipper_fetch_queue_set_timeout (ClipperFetchQueue    *self,
                                                      guint                 seconds);
void                 clipper_fetch_queue_run_async   (ClipperFetchQueue    *self,
                                                      const gint64         *ids,
                                                      guint                 n_ids,
                                                      GCancellable         *cancellable,
                                                      GAsyncReadyCallback   callback,
                                                      gpointer              user_data);
ClipperFetchSummary *clipper_fetch_queue_run_finish  (ClipperFetchQueue    *self,
                                                      GAsyncResult         *result,
                                                      GError              **error);

G_END_DECLS
