/* clipper-capture.h
 *
 * Copyright 2026 The Clipper authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "clipper-clipping.h"
#include "clipper-store.h"

G_BEGIN_DECLS

/* Longer than any real title: a page that goes past it is hostile. */
#define CLIPPER_TITLE_MAX_CHARS 2000

char            *clipper_capture_shorten_title (const char *title);
ClipperClipping *clipper_capture_page (const char  *data,
                                       gsize        length,
                                       const char  *url,
                                       const char  *encoding,
                                       GError     **error);

void             clipper_capture_page_async  (GBytes              *data,
                                              const char          *url,
                                              const char          *encoding,
                                              GCancellable        *cancellable,
                                              GAsyncReadyCallback  callback,
                                              gpointer             user_data);
ClipperClipping *clipper_capture_page_finish (GAsyncResult        *result,
                                              GError             **error);

guint            clipper_capture_reanchor    (GPtrArray           *highlights,
                                              const char          *content);
gint64           clipper_capture_save        (ClipperStore        *store,
                                              ClipperClipping     *clipping,
                                              gboolean             keep_separate,
                                              gboolean            *refreshed,
                                              GError             **error);
gboolean         clipper_capture_save_into   (ClipperStore        *store,
                                              gint64               id,
                                              ClipperClipping     *clipping,
                                              guint               *n_placed,
                                              GError             **error);

G_END_DECLS
