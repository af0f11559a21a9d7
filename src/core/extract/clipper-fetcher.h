/* clipper-fetcher.h
 *
 * Copyright 2026 The Clipper authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

#define CLIPPER_TYPE_FETCHER (clipper_fetcher_get_type ())

G_DECLARE_FINAL_TYPE (ClipperFetcher, clipper_fetcher, CLIPPER, FETCHER, GObject)

ClipperFetcher *clipper_fetcher_new              (void);
void            clipper_fetcher_set_max_size     (ClipperFetcher       *self,
                                                  gsize                 max_size);
void            clipper_fetcher_set_timeout      (ClipperFetcher       *self,
                                                  guint                 seconds);
void            clipper_fetcher_fetch_page_async (ClipperFetcher       *self,
                                                  const char           *url,
                                                  GCancellable         *cancellable,
                                                  GAsyncReadyCallback   callback,
                                                  gpointer              user_data);
GBytes         *clipper_fetcher_fetch_page_finish (ClipperFetcher      *self,
                                                   GAsyncResult        *result,
                                                   char               **final_url,
                                                   char               **charset,
                                                   GError             **error);

G_END_DECLS
