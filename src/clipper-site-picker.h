/* clipper-site-picker.h
 *
 * Copyright 2026 The Clipper authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

#include "clipper-store.h"

G_BEGIN_DECLS

#define CLIPPER_TYPE_SITE_PICKER (clipper_site_picker_get_type ())

G_DECLARE_FINAL_TYPE (ClipperSitePicker, clipper_site_picker, CLIPPER, SITE_PICKER, GtkPopover)

GtkWidget  *clipper_site_picker_new        (void);
void        clipper_site_picker_set_store  (ClipperSitePicker *self,
                                            ClipperStore      *store);
gboolean    clipper_site_picker_is_loading (ClipperSitePicker *self);
GListModel *clipper_site_picker_get_shown  (ClipperSitePicker *self);

G_END_DECLS
