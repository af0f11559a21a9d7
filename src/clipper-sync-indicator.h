/* clipper-sync-indicator.h
 *
 * Copyright 2026 The Clipper authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

#include "clipper-sync-scheduler.h"

G_BEGIN_DECLS

#define CLIPPER_TYPE_SYNC_INDICATOR (clipper_sync_indicator_get_type ())

G_DECLARE_FINAL_TYPE (ClipperSyncIndicator, clipper_sync_indicator, CLIPPER, SYNC_INDICATOR, GtkWidget)

void                  clipper_sync_indicator_set_scheduler (ClipperSyncIndicator *self,
                                                            ClipperSyncScheduler *scheduler);
ClipperSyncScheduler *clipper_sync_indicator_get_scheduler (ClipperSyncIndicator *self);

G_END_DECLS
