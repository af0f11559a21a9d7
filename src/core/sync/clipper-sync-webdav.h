/* clipper-sync-webdav.h
 *
 * Copyright 2026 The Clipper authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "clipper-sync-target.h"

G_BEGIN_DECLS

#define CLIPPER_TYPE_SYNC_WEBDAV (clipper_sync_webdav_get_type ())

G_DECLARE_FINAL_TYPE (ClipperSyncWebdav, clipper_sync_webdav, CLIPPER, SYNC_WEBDAV, ClipperSyncTarget)

ClipperSyncTarget *clipper_sync_webdav_new (const char  *url,
                                            const char  *user,
                                            const char  *password,
                                            GError     **error);
void               clipper_sync_webdav_set_timeout (ClipperSyncWebdav *self,
                                                    guint              seconds);

G_END_DECLS
