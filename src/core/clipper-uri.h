/* clipper-uri.h
 *
 * Copyright 2026 The Clipper authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* Clippings are read at clipper://clipping/ID. */
#define CLIPPER_SCHEME_NAME "clipper"

char *clipper_uri_from_user_input (const char  *text,
                                   GError     **error);
char *clipper_uri_resolve          (const char  *base,
                                   const char  *href);
char *clipper_uri_dup_clipping_uri (gint64       id);
gint64 clipper_uri_parse_clipping_id (const char  *uri);

#define CLIPPER_RESOURCE_URI_PREFIX "clipper://resource/"

char       *clipper_uri_dup_site_host      (const char *uri);
gboolean    clipper_resource_hash_is_valid (const char *hash);
char       *clipper_uri_strip_credentials  (const char *uri);
const char *clipper_uri_get_resource_hash  (const char *uri);
gboolean    clipper_uri_is_web             (const char *uri);

G_END_DECLS
