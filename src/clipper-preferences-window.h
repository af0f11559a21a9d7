/* clipper-preferences-window.h
 *
 * Copyright 2026 The Clipper authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "clipper-sync-scheduler.h"

G_BEGIN_DECLS

#define CLIPPER_TYPE_PREFERENCES_WINDOW (clipper_preferences_window_get_type ())

G_DECLARE_FINAL_TYPE (ClipperPreferencesWindow, clipper_preferences_window, CLIPPER, PREFERENCES_WINDOW,
                      AdwPreferencesWindow)

ClipperPreferencesWindow *clipper_preferences_window_new (GtkWindow            *parent,
                                                          ClipperSyncScheduler *scheduler);

G_END_DECLS
