/* clipper-sync-secret.h
 *
 * Copyright 2026 The Clipper authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

void      clipper_sync_password_store_async   (const char           *location,
                                               const char           *user,
                                               const char           *password,
                                               GCancellable         *cancellable,
                                               GAsyncReadyCallback   callback,
                                               gpointer              user_data);
gboolean  clipper_sync_password_store_finish  (GAsyncResult         *result,
                                               GError              **error);
void      clipper_sync_password_lookup_async  (const char           *location,
                                               const char           *user,
                                               GCancellable         *cancellable,
                                               GAsyncReadyCallback   callback,
                                               gpointer              user_data);
char     *clipper_sync_password_lookup_finish (GAsyncResult         *result,
                                               GError              **error);
char     *clipper_sync_password_lookup        (const char           *location,
                                               const char           *user,
                                               GCancellable         *cancellable,
                                               GError              **error);
void      clipper_sync_password_clear_async   (const char           *location,
                                               const char           *user,
                                               GCancellable         *cancellable,
                                               GAsyncReadyCallback   callback,
                                               gpointer              user_data);
gboolean  clipper_sync_password_clear_finish  (GAsyncResult         *result,
                                               GError              **error);

G_END_DECLS
