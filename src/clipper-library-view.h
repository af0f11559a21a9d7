/* clipper-library-view.h
 *
 * Copyright 2026 The Clipper authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

#include "clipper-store.h"

G_BEGIN_DECLS

#define CLIPPER_TYPE_LIBRARY_VIEW (clipper_library_view_get_type ())

G_DECLARE_FINAL_TYPE (ClipperLibraryView, clipper_library_view, CLIPPER, LIBRARY_VIEW, GtkWidget)

void        clipper_library_view_set_store        (ClipperLibraryView *self,
                                                   ClipperStore       *store);
void        clipper_library_view_set_error        (ClipperLibraryView *self,
                                                   const char         *message);
void        clipper_library_view_reload           (ClipperLibraryView *self);
void        clipper_library_view_refresh          (ClipperLibraryView *self,
                                                   gint64              id);
void        clipper_library_view_hide             (ClipperLibraryView *self,
                                                   gint64              id);
void        clipper_library_view_unhide           (ClipperLibraryView *self,
                                                   gint64              id);
gboolean    clipper_library_view_has_highlights   (ClipperLibraryView *self,
                                                   gint64              id);
void        clipper_library_view_select           (ClipperLibraryView *self,
                                                   gint64              id);
GArray     *clipper_library_view_dup_selected_ids (ClipperLibraryView *self);
GListModel *clipper_library_view_get_model        (ClipperLibraryView *self);
gboolean    clipper_library_view_is_loading       (ClipperLibraryView *self);
void        clipper_library_view_search           (ClipperLibraryView *self,
                                                   const char         *text);
const char *clipper_library_view_get_search       (ClipperLibraryView *self);
char       *clipper_library_view_dup_query        (ClipperLibraryView *self);
void        clipper_library_view_focus_search     (ClipperLibraryView *self);
GtkWidget  *clipper_library_view_get_site_picker  (ClipperLibraryView *self);

G_END_DECLS
