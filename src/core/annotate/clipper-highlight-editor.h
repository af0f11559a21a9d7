/* clipper-highlight-editor.h
 *
 * Copyright 2026 The Clipper authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "clipper-anchor.h"
#include "clipper-highlight.h"
#include "clipper-store.h"

G_BEGIN_DECLS

#define CLIPPER_TYPE_HIGHLIGHT_EDITOR (clipper_highlight_editor_get_type ())

G_DECLARE_FINAL_TYPE (ClipperHighlightEditor, clipper_highlight_editor, CLIPPER, HIGHLIGHT_EDITOR, GObject)

ClipperHighlightEditor *clipper_highlight_editor_new                  (ClipperStore            *store);
void                    clipper_highlight_editor_create_async         (ClipperHighlightEditor  *self,
                                                                       gint64                   clipping_id,
                                                                       ClipperAnchorText       *text,
                                                                       gint64                   start,
                                                                       gint64                   end,
                                                                       const char              *color,
                                                                       GCancellable            *cancellable,
                                                                       GAsyncReadyCallback      callback,
                                                                       gpointer                 user_data);
ClipperHighlight       *clipper_highlight_editor_create_finish        (ClipperHighlightEditor  *self,
                                                                       GAsyncResult            *result,
                                                                       GError                 **error);
void                    clipper_highlight_editor_save_async           (ClipperHighlightEditor  *self,
                                                                       ClipperHighlight        *highlight,
                                                                       GCancellable            *cancellable,
                                                                       GAsyncReadyCallback      callback,
                                                                       gpointer                 user_data);
void                    clipper_highlight_editor_save_details_async   (ClipperHighlightEditor  *self,
                                                                       gint64                   clipping_id,
                                                                       const char              *note,
                                                                       const char * const      *tags,
                                                                       GCancellable            *cancellable,
                                                                       GAsyncReadyCallback      callback,
                                                                       gpointer                 user_data);
void                    clipper_highlight_editor_delete_async         (ClipperHighlightEditor  *self,
                                                                       gint64                   id,
                                                                       GAsyncReadyCallback      callback,
                                                                       gpointer                 user_data);
gboolean                clipper_highlight_editor_finish               (ClipperHighlightEditor  *self,
                                                                       GAsyncResult            *result,
                                                                       GError                 **error);

G_END_DECLS
