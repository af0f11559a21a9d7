/* clipper-reader-view.h
 *
 * Copyright 2026 The Clipper authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <webkit/webkit.h>

#include "clipper-reader.h"

G_BEGIN_DECLS

#define CLIPPER_TYPE_READER_VIEW (clipper_reader_view_get_type ())

G_DECLARE_FINAL_TYPE (ClipperReaderView, clipper_reader_view, CLIPPER, READER_VIEW, GtkWidget)

WebKitWebView *clipper_reader_view_get_web_view (ClipperReaderView *self);

G_END_DECLS
