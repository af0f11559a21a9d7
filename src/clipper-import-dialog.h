/* clipper-import-dialog.h
 *
 * Copyright 2026 The Clipper authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "clipper-import.h"
#include "clipper-store.h"

G_BEGIN_DECLS

#define CLIPPER_TYPE_IMPORT_DIALOG (clipper_import_dialog_get_type ())

G_DECLARE_FINAL_TYPE (ClipperImportDialog, clipper_import_dialog, CLIPPER, IMPORT_DIALOG, AdwWindow)

ClipperImportDialog *clipper_import_dialog_new          (GtkWindow           *parent,
                                                         ClipperStore        *store);
void                 clipper_import_dialog_start        (ClipperImportDialog *self,
                                                         const char          *path);
void                 clipper_import_dialog_fetch        (ClipperImportDialog *self,
                                                         const gint64        *ids,
                                                         guint                n_ids);
gboolean             clipper_import_dialog_get_finished (ClipperImportDialog *self);

G_END_DECLS
