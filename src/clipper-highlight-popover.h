/* clipper-highlight-popover.h
 *
 * Copyright 2026 The Clipper authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

#define CLIPPER_TYPE_HIGHLIGHT_POPOVER (clipper_highlight_popover_get_type ())

G_DECLARE_FINAL_TYPE (ClipperHighlightPopover, clipper_highlight_popover, CLIPPER, HIGHLIGHT_POPOVER, GtkPopover)

GtkWidget *clipper_highlight_popover_new            (void);
void       clipper_highlight_popover_show_selection (ClipperHighlightPopover *self,
                                                     const GdkRectangle      *area);
void       clipper_highlight_popover_show_highlight (ClipperHighlightPopover *self,
                                                     gint64                   id,
                                                     const GdkRectangle      *area);
gint64     clipper_highlight_popover_get_highlight  (ClipperHighlightPopover *self);

G_END_DECLS
