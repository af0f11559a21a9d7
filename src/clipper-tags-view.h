/* clipper-tags-view.h
 *
 * Copyright 2026 The Clipper authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

#include "clipper-store.h"

G_BEGIN_DECLS

#define CLIPPER_TYPE_TAGS_VIEW (clipper_tags_view_get_type ())

G_DECLARE_FINAL_TYPE (ClipperTagsView, clipper_tags_view, CLIPPER, TAGS_VIEW, GtkWidget)

void        clipper_tags_view_set_store  (ClipperTagsView *self,
                                          ClipperStore    *store);
void        clipper_tags_view_reload     (ClipperTagsView *self);
gboolean    clipper_tags_view_is_loading (ClipperTagsView *self);
GListModel *clipper_tags_view_get_model  (ClipperTagsView *self);
gint64      clipper_tags_view_get_count  (ClipperTagsView *self,
                                          const char      *name,
                                          gint64          *highlights);
void        clipper_tags_view_rename     (ClipperTagsView *self,
                                          const char      *name,
                                          const char      *new_name);

G_END_DECLS
