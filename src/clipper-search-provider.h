/* clipper-search-provider.h
 *
 * Copyright 2026 The Clipper authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

#define CLIPPER_TYPE_SEARCH_PROVIDER (clipper_search_provider_get_type ())

G_DECLARE_FINAL_TYPE (ClipperSearchProvider, clipper_search_provider, CLIPPER, SEARCH_PROVIDER, GObject)

ClipperSearchProvider *clipper_search_provider_new      (GApplication           *application);
gboolean               clipper_search_provider_export   (ClipperSearchProvider  *self,
                                                         GDBusConnection        *connection,
                                                         const char             *object_path,
                                                         GError                **error);
void                   clipper_search_provider_unexport (ClipperSearchProvider  *self);

G_END_DECLS
