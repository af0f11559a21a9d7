/* clipper-menu.h
 *
 * Copyright 2026 The Clipper authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

void clipper_popup_menu (GtkWidget          *parent,
                         GMenuModel         *model,
                         const GdkRectangle *pointing_to,
                         gboolean            has_arrow);

G_END_DECLS
