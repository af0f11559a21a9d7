/* clipper-sync-folder.h
 *
 * Copyright 2026 The Clipper authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "clipper-sync-target.h"

G_BEGIN_DECLS

#define CLIPPER_TYPE_SYNC_FOLDER (clipper_sync_folder_get_type ())

G_DECLARE_FINAL_TYPE (ClipperSyncFolder, clipper_sync_folder, CLIPPER, SYNC_FOLDER, ClipperSyncTarget)

ClipperSyncTarget *clipper_sync_folder_new (GFile *root);

G_END_DECLS
