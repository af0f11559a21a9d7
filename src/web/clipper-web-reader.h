/* clipper-web-reader.h
 *
 * Copyright 2026 The Clipper authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <webkit/webkit.h>

#include "clipper-reader.h"

G_BEGIN_DECLS

#define CLIPPER_TYPE_WEB_READER (clipper_web_reader_get_type ())

G_DECLARE_FINAL_TYPE (ClipperWebReader, clipper_web_reader, CLIPPER, WEB_READER, GtkWidget)

WebKitWebView *clipper_web_reader_get_web_view (ClipperWebReader *self);

G_END_DECLS
