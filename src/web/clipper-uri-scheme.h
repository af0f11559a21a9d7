/* clipper-uri-scheme.h
 *
 * Copyright 2026 The Clipper authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <webkit/webkit.h>

#include "clipper-store.h"
#include "clipper-uri.h"

G_BEGIN_DECLS

#define CLIPPER_TYPE_URI_SCHEME (clipper_uri_scheme_get_type ())

G_DECLARE_FINAL_TYPE (ClipperUriScheme, clipper_uri_scheme, CLIPPER, URI_SCHEME, GObject)

ClipperUriScheme *clipper_uri_scheme_new              (void);
void              clipper_uri_scheme_set_store        (ClipperUriScheme *self,
                                                       ClipperStore     *store);
void              clipper_uri_scheme_set_error        (ClipperUriScheme *self,
                                                       const GError     *error);
void              clipper_uri_scheme_register         (ClipperUriScheme *self,
                                                       WebKitWebContext *context);
char             *clipper_uri_scheme_render_clipping  (ClipperClipping  *clipping);

G_END_DECLS
