/* clipper-sync-scheduler.h
 *
 * Copyright 2026 The Clipper authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "clipper-store.h"
#include "clipper-sync-target.h"
#include "clipper-sync.h"

G_BEGIN_DECLS

typedef enum
{
  CLIPPER_SYNC_STATE_OFF,      /* no target */
  CLIPPER_SYNC_STATE_WAITING,  /* a target, not synced yet since starting */
  CLIPPER_SYNC_STATE_SYNCING,
  CLIPPER_SYNC_STATE_SYNCED,
  CLIPPER_SYNC_STATE_OFFLINE,  /* the target could not be reached; changes wait */
  CLIPPER_SYNC_STATE_FAILED,   /* the message says why */
} ClipperSyncState;

#define CLIPPER_TYPE_SYNC_STATE (clipper_sync_state_get_type ())
#define CLIPPER_TYPE_SYNC_SCHEDULER (clipper_sync_scheduler_get_type ())

GType clipper_sync_state_get_type (void) G_GNUC_CONST;

G_DECLARE_FINAL_TYPE (ClipperSyncScheduler, clipper_sync_scheduler, CLIPPER, SYNC_SCHEDULER, GObject)

ClipperSyncTarget    *clipper_sync_target_new_for_location     (const char            *location,
                                                                const char            *user,
                                                                const char            *password,
                                                                GError               **error);
gboolean              clipper_sync_location_is_webdav          (const char            *location);

ClipperSyncScheduler *clipper_sync_scheduler_new               (ClipperStore          *store);
void                  clipper_sync_scheduler_start             (ClipperSyncScheduler  *self);
void                  clipper_sync_scheduler_configure_async   (ClipperSyncScheduler  *self,
                                                                const char            *location,
                                                                const char            *user,
                                                                const char            *password,
                                                                GCancellable          *cancellable,
                                                                GAsyncReadyCallback    callback,
                                                                gpointer               user_data);
gboolean              clipper_sync_scheduler_configure_finish  (ClipperSyncScheduler  *self,
                                                                GAsyncResult          *result,
                                                                GError               **error);
void                  clipper_sync_scheduler_shutdown          (ClipperSyncScheduler  *self);
void                  clipper_sync_scheduler_sync_now          (ClipperSyncScheduler  *self);
ClipperSyncState      clipper_sync_scheduler_get_state         (ClipperSyncScheduler  *self);
const char           *clipper_sync_scheduler_get_message       (ClipperSyncScheduler  *self);
const char           *clipper_sync_scheduler_get_location      (ClipperSyncScheduler  *self);
const char           *clipper_sync_scheduler_get_user          (ClipperSyncScheduler  *self);
GDateTime            *clipper_sync_scheduler_get_last_sync     (ClipperSyncScheduler  *self);
void                  clipper_sync_scheduler_set_timing        (ClipperSyncScheduler  *self,
                                                                guint                  debounce_ms,
                                                                guint                  interval_seconds);

G_END_DECLS
