/* clipper-reader-bridge.h
 *
 * Copyright 2026 The Clipper authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <webkit/webkit.h>

#include "clipper-highlight.h"

G_BEGIN_DECLS

#define CLIPPER_TYPE_READER_BRIDGE (clipper_reader_bridge_get_type ())

G_DECLARE_FINAL_TYPE (ClipperReaderBridge, clipper_reader_bridge, CLIPPER, READER_BRIDGE, GObject)

ClipperReaderBridge *clipper_reader_bridge_new          (WebKitWebView        *web_view);
void                 clipper_reader_bridge_apply        (ClipperReaderBridge  *self,
                                                         GPtrArray            *highlights);
void                 clipper_reader_bridge_remove       (ClipperReaderBridge  *self,
                                                         gint64                id);
void                 clipper_reader_bridge_recolor      (ClipperReaderBridge  *self,
                                                         gint64                id,
                                                         const char           *color);
void                 clipper_reader_bridge_set_note     (ClipperReaderBridge  *self,
                                                         gint64                id,
                                                         const char           *note);
void                 clipper_reader_bridge_scroll_to    (ClipperReaderBridge  *self,
                                                         gint64                id);
void                 clipper_reader_bridge_scroll_to_progress (ClipperReaderBridge *self,
                                                               int                  permille);
void                 clipper_reader_bridge_call         (ClipperReaderBridge  *self,
                                                         const char           *body,
                                                         GVariant             *arguments,
                                                         GCancellable         *cancellable,
                                                         GAsyncReadyCallback   callback,
                                                         gpointer              user_data);
JSCValue            *clipper_reader_bridge_call_finish  (ClipperReaderBridge  *self,
                                                         GAsyncResult         *result,
                                                         GError              **error);

G_END_DECLS
