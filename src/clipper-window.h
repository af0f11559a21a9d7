/* clipper-window.h
 *
 * Copyright 2026 The Clipper authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "clipper-highlights-pane.h"
#include "clipper-library-view.h"
#include "clipper-reader.h"
#include "clipper-store.h"
#include "clipper-sync-scheduler.h"
#include "clipper-tags-view.h"

G_BEGIN_DECLS

#define CLIPPER_TYPE_WINDOW (clipper_window_get_type ())

G_DECLARE_FINAL_TYPE (ClipperWindow, clipper_window, CLIPPER, WINDOW, AdwApplicationWindow)

ClipperWindow      *clipper_window_new              (GtkApplication *application);
void                clipper_window_set_store        (ClipperWindow  *self,
                                                     ClipperStore   *store);
void                clipper_window_set_store_error  (ClipperWindow  *self,
                                                     const GError   *error);
void                clipper_window_set_sync_scheduler (ClipperWindow        *self,
                                                       ClipperSyncScheduler *scheduler);
void                clipper_window_reload_library   (ClipperWindow  *self);
void                clipper_window_search           (ClipperWindow  *self,
                                                     const char     *query);
void                clipper_window_clip_address     (ClipperWindow  *self,
                                                     const char     *text);
void                clipper_window_load_address     (ClipperWindow  *self,
                                                     const char     *text);
void                clipper_window_open_clipping    (ClipperWindow  *self,
                                                     gint64          id);
ClipperReader      *clipper_window_get_reader       (ClipperWindow  *self);
ClipperLibraryView *clipper_window_get_library_view (ClipperWindow  *self);
ClipperTagsView    *clipper_window_get_tags_view    (ClipperWindow  *self);
ClipperHighlightsPane *clipper_window_get_highlights_pane (ClipperWindow *self);
gboolean            clipper_window_is_clipping      (ClipperWindow  *self);
AdwToast           *clipper_window_get_delete_toast (ClipperWindow  *self,
                                                     gint64          id);

G_END_DECLS
