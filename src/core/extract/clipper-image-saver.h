/* clipper-image-saver.h
 *
 * Copyright 2026 The Clipper authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "clipper-store.h"

G_BEGIN_DECLS

#define CLIPPER_TYPE_IMAGE_SAVER (clipper_image_saver_get_type ())

G_DECLARE_FINAL_TYPE (ClipperImageSaver, clipper_image_saver, CLIPPER, IMAGE_SAVER, GObject)

typedef struct
{
  char  *html;      /* the HTML, pointing at the stored images */
  guint  saved;
  guint  failed;
} ClipperImageReport;

ClipperImageSaver  *clipper_image_saver_new         (ClipperStore        *store);
void                clipper_image_saver_set_limits  (ClipperImageSaver   *self,
                                                     gsize                max_image_size,
                                                     gsize                max_total_size,
                                                     guint                timeout);
void                clipper_image_saver_save_async  (ClipperImageSaver   *self,
                                                     const char          *html,
                                                     const char          *page_uri,
                                                     GCancellable        *cancellable,
                                                     GAsyncReadyCallback  callback,
                                                     gpointer             user_data);
ClipperImageReport *clipper_image_saver_save_finish (ClipperImageSaver   *self,
                                                     GAsyncResult        *result,
                                                     GError             **error);
const char         *clipper_image_saver_sniff       (const guchar        *data,
                                                     gsize                length);
void                clipper_image_report_free       (ClipperImageReport  *report);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (ClipperImageReport, clipper_image_report_free)

G_END_DECLS
