/* clipper-zotero.h
 *
 * Copyright 2026 The Clipper authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "clipper-store.h"

G_BEGIN_DECLS

#define CLIPPER_ZOTERO_DEFAULT_URL "http://127.0.0.1:23119"

char     *clipper_zotero_item_json (const ClipperCitation  *citation,
                                    const char             *note,
                                    GPtrArray              *highlights);
gboolean  clipper_zotero_send      (ClipperStore           *store,
                                    gint64                  clipping_id,
                                    const char             *base,
                                    GError                **error);

G_END_DECLS
