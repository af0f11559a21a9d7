/* clipper-export-dialog.h
 *
 * Copyright 2026 The Clipper authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "clipper-store.h"

G_BEGIN_DECLS

#define CLIPPER_TYPE_EXPORT_DIALOG (clipper_export_dialog_get_type ())

G_DECLARE_FINAL_TYPE (ClipperExportDialog, clipper_export_dialog, CLIPPER, EXPORT_DIALOG, AdwWindow)

ClipperExportDialog *clipper_export_dialog_new       (GtkWindow           *parent,
                                                      ClipperStore        *store,
                                                      gint64               clipping_id,
                                                      const char          *clipping_title);
void                 clipper_export_dialog_set_selection (ClipperExportDialog *self,
                                                          const gint64        *ids,
                                                          guint                n_ids);
void                 clipper_export_dialog_export_to (ClipperExportDialog *self,
                                                      const char          *output);

G_END_DECLS
