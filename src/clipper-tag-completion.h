/* clipper-tag-completion.h
 *
 * Copyright 2026 The Clipper authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

#define CLIPPER_TYPE_TAG_COMPLETION (clipper_tag_completion_get_type ())

G_DECLARE_FINAL_TYPE (ClipperTagCompletion, clipper_tag_completion, CLIPPER, TAG_COMPLETION, GObject)

ClipperTagCompletion *clipper_tag_completion_new         (GtkEntry             *entry,
                                                          GListModel           *tags);
GtkWidget            *clipper_tag_completion_get_popover (ClipperTagCompletion *self);

G_END_DECLS
