/* clipper-report-dialog.h
 *
 * Copyright 2026 The Clipper authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "clipper-store.h"

G_BEGIN_DECLS

#define CLIPPER_TYPE_REPORT_DIALOG (clipper_report_dialog_get_type ())

G_DECLARE_FINAL_TYPE (ClipperReportDialog, clipper_report_dialog, CLIPPER, REPORT_DIALOG, AdwWindow)

ClipperReportDialog *clipper_report_dialog_new_for_ids   (GtkWindow           *parent,
                                                          ClipperStore        *store,
                                                          const gint64        *ids,
                                                          guint                n_ids);
ClipperReportDialog *clipper_report_dialog_new_for_query (GtkWindow           *parent,
                                                          ClipperStore        *store,
                                                          const char          *query,
                                                          const char          *title);
void                 clipper_report_dialog_create        (ClipperReportDialog *self,
                                                          const char          *output);

G_END_DECLS
