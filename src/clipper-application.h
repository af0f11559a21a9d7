/* clipper-application.h
 *
 * Copyright 2026 The Clipper authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "clipper-store.h"
#include "clipper-sync-scheduler.h"

G_BEGIN_DECLS

#define CLIPPER_TYPE_APPLICATION (clipper_application_get_type ())

G_DECLARE_FINAL_TYPE (ClipperApplication, clipper_application, CLIPPER, APPLICATION, AdwApplication)

ClipperApplication *clipper_application_new       (GApplicationFlags   flags);
ClipperStore       *clipper_application_get_store (ClipperApplication *self);
ClipperSyncScheduler *clipper_application_get_sync_scheduler (ClipperApplication *self);
gboolean            clipper_application_get_store_failed (ClipperApplication *self);
const char         *clipper_application_get_binary (void);
char               *clipper_application_dup_verb_failure (const char *err);

G_END_DECLS
