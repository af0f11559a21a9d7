/* clipper-highlights-pane.h
 *
 * Copyright 2026 The Clipper authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

#include "clipper-citation-editor.h"
#include "clipper-highlight.h"

G_BEGIN_DECLS

#define CLIPPER_TYPE_HIGHLIGHTS_PANE (clipper_highlights_pane_get_type ())

G_DECLARE_FINAL_TYPE (ClipperHighlightsPane, clipper_highlights_pane, CLIPPER, HIGHLIGHTS_PANE, GtkWidget)

void              clipper_highlights_pane_set_highlights (ClipperHighlightsPane *self,
                                                          GPtrArray             *highlights);
void              clipper_highlights_pane_clear          (ClipperHighlightsPane *self);
void              clipper_highlights_pane_add            (ClipperHighlightsPane *self,
                                                          ClipperHighlight      *highlight);
void              clipper_highlights_pane_remove         (ClipperHighlightsPane *self,
                                                          ClipperHighlight      *highlight);
ClipperHighlight *clipper_highlights_pane_find           (ClipperHighlightsPane *self,
                                                          gint64                 id);
void              clipper_highlights_pane_select         (ClipperHighlightsPane *self,
                                                          gint64                 id);
void              clipper_highlights_pane_edit_note      (ClipperHighlightsPane *self,
                                                          gint64                 id);
void              clipper_highlights_pane_refresh        (ClipperHighlightsPane *self,
                                                          ClipperHighlight      *highlight);
void              clipper_highlights_pane_flush          (ClipperHighlightsPane *self);
void              clipper_highlights_pane_set_clipping_details (ClipperHighlightsPane *self,
                                                                const char            *note,
                                                                const char * const    *tags);
void              clipper_highlights_pane_update         (ClipperHighlightsPane *self,
                                                          GPtrArray             *highlights);
gboolean          clipper_highlights_pane_is_editing_clipping (ClipperHighlightsPane *self);
void              clipper_highlights_pane_set_known_tags (ClipperHighlightsPane *self,
                                                          GPtrArray             *tags);
GListModel       *clipper_highlights_pane_get_shown      (ClipperHighlightsPane *self);
GListModel       *clipper_highlights_pane_get_known_tags (ClipperHighlightsPane *self);
GListModel       *clipper_highlights_pane_get_model      (ClipperHighlightsPane *self);
ClipperCitationEditor *clipper_highlights_pane_get_citation_editor (ClipperHighlightsPane *self);

G_END_DECLS
