/* clipper-clip-controller.h
 *
 * Copyright 2026 The Clipper authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "clipper-clipping.h"
#include "clipper-image-saver.h"
#include "clipper-store.h"

G_BEGIN_DECLS

typedef enum
{
  CLIPPER_CLIP_FLAGS_NONE          = 0,
  /* A page already in the library becomes a new clipping rather than
   * refreshing the one it has. */
  CLIPPER_CLIP_FLAGS_KEEP_SEPARATE = 1 << 0,
} ClipperClipFlags;

typedef struct
{
  ClipperClipping *clipping;      /* as saved, its content pointing at the stored images */
  gint64           id;
  gboolean         refreshed;     /* the page was in the library and was refreshed */
  guint            n_carried;     /* live highlights that went into the clipping */
  guint            n_placed;      /* highlights without a place that the new text gave one */
  guint            n_failed_images;
} ClipperClipResult;

void clipper_clip_result_free (ClipperClipResult *result);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (ClipperClipResult, clipper_clip_result_free)

#define CLIPPER_TYPE_CLIP_CONTROLLER (clipper_clip_controller_get_type ())

G_DECLARE_FINAL_TYPE (ClipperClipController, clipper_clip_controller, CLIPPER, CLIP_CONTROLLER, GObject)

ClipperClipController *clipper_clip_controller_new          (ClipperStore           *store);
ClipperStore          *clipper_clip_controller_get_store    (ClipperClipController  *self);
ClipperImageSaver     *clipper_clip_controller_get_image_saver (ClipperClipController *self);
void                   clipper_clip_controller_clip_async   (ClipperClipController  *self,
                                                             GBytes                 *page,
                                                             const char             *url,
                                                             const char             *charset,
                                                             const char * const     *tags,
                                                             GPtrArray              *live,
                                                             ClipperClipFlags        flags,
                                                             GCancellable           *cancellable,
                                                             GAsyncReadyCallback     callback,
                                                             gpointer                user_data);
void                   clipper_clip_controller_clip_into_async (ClipperClipController *self,
                                                                gint64                 id,
                                                                GBytes                *page,
                                                                const char            *url,
                                                                const char            *charset,
                                                                GCancellable          *cancellable,
                                                                GAsyncReadyCallback    callback,
                                                                gpointer               user_data);
ClipperClipResult     *clipper_clip_controller_clip_finish  (ClipperClipController  *self,
                                                             GAsyncResult           *result,
                                                             GError                **error);

G_END_DECLS
