/* clipper-sync-scheduler.c
 *
 * Copyright 2026 The Clipper authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * When the app syncs: at start, a little after changes stop coming, every
 * few minutes, when the network comes back, and when asked; and what to
 * tell the user about it. The target and its user name are kept in the
 * library, the password in the keyring.
 */

#define G_LOG_DOMAIN "clipper-sync"

#include "config.h"

#include <glib/gi18n.h>

#include "clipper-error.h"
#include "clipper-store-sync.h"
#include "clipper-sync-folder.h"
#include "clipper-sync-scheduler.h"
#include "clipper-sync-secret.h"
#include "clipper-sync-webdav.h"

#define DEFAULT_DEBOUNCE_MS       3000
#define DEFAULT_INTERVAL_SECONDS  300
/* Changes that keep coming (typing a long note) go out at least this often. */
#define LONGEST_WAIT_SECONDS      30

struct _ClipperSyncScheduler
{
  GObject           parent_instance;

  ClipperStore     *store;
  char             *location;
  char             *user;
  char             *password;
  ClipperSyncState  state;
  char             *message;
  GDateTime        *last_sync;

  guint             debounce_ms;
  guint             interval_seconds;
  guint             tick_id;
  gint64            last_pending;     /* changes waiting at the last look; -1 before */
  gint64            pending_since;    /* monotonic µs */
  gint64            next_periodic;    /* monotonic µs */
  gboolean          checking;
  gboolean          running;
  gboolean          again;            /* asked for while running */
  gboolean          refused;          /* wrong password: wait to be asked again */
  guint             generation;       /* bumped by each configuration */
  GCancellable     *cancellable;
  gulong            network_handler;
};

G_DEFINE_ENUM_TYPE (ClipperSyncState, clipper_sync_state,
                    G_DEFINE_ENUM_VALUE (CLIPPER_SYNC_STATE_OFF, "off"),
                    G_DEFINE_ENUM_VALUE (CLIPPER_SYNC_STATE_WAITING, "waiting"),
                    G_DEFINE_ENUM_VALUE (CLIPPER_SYNC_STATE_SYNCING, "syncing"),
                    G_DEFINE_ENUM_VALUE (CLIPPER_SYNC_STATE_SYNCED, "synced"),
                    G_DEFINE_ENUM_VALUE (CLIPPER_SYNC_STATE_OFFLINE, "offline"),
                    G_DEFINE_ENUM_VALUE (CLIPPER_SYNC_STATE_FAILED, "failed"))

G_DEFINE_FINAL_TYPE (ClipperSyncScheduler, clipper_sync_scheduler, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_STORE,
  PROP_STATE,
  PROP_MESSAGE,
  PROP_LOCATION,
  PROP_USER,
  PROP_LAST_SYNC,
  N_PROPS
};

enum {
  SYNCED,
  N_SIGNALS
};

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

static void run_sync (ClipperSyncScheduler *self);

static gboolean
set_str (char       **field,
         const char  *value)
{
  if (g_strcmp0 (*field, value) == 0)
    return FALSE;
  g_free (*field);
  *field = g_strdup (value);
  return TRUE;
}

gboolean
clipper_sync_location_is_webdav (const char *location)
{
  g_autofree char *scheme = location ? g_uri_parse_scheme (location) : NULL;

  return scheme != NULL && (g_ascii_strcasecmp (scheme, "http") == 0 || g_ascii_strcasecmp (scheme, "https") == 0);
}

/**
 * clipper_sync_target_new_for_location:
 *
 * A target as the user gave it: a WebDAV address, a folder's path or a
 * file: URI.
 */
ClipperSyncTarget *
clipper_sync_target_new_for_location (const char  *location,
                                      const char  *user,
                                      const char  *password,
                                      GError     **error)
{
  g_autofree char *scheme = NULL;
  g_autoptr(GFile) root = NULL;

  g_return_val_if_fail (location != NULL, NULL);

  if (clipper_sync_location_is_webdav (location))
    return clipper_sync_webdav_new (location, user, password, error);
  scheme = g_uri_parse_scheme (location);
  if (scheme != NULL && !g_str_equal (scheme, "file"))
    {
      g_set_error (error, CLIPPER_ERROR, CLIPPER_ERROR_INVALID_INPUT,
                   _("“%s” is neither a folder nor a WebDAV address."), location);
      return NULL;
    }

  root = g_file_new_for_commandline_arg (location);
  return clipper_sync_folder_new (root);
}

static void
set_state (ClipperSyncScheduler *self,
           ClipperSyncState      state,
           const char           *message)
{
  g_autofree char *text = NULL;

  if (message == NULL)
    {
      switch (state)
        {
        case CLIPPER_SYNC_STATE_OFF:
          message = _("Sync is off.");
          break;
        case CLIPPER_SYNC_STATE_WAITING:
          message = _("Not synced yet.");
          break;
        case CLIPPER_SYNC_STATE_SYNCING:
          message = _("Syncing…");
          break;
        case CLIPPER_SYNC_STATE_SYNCED:
          {
            g_autoptr(GDateTime) local = g_date_time_to_local (self->last_sync);
            g_autofree char *time = g_date_time_format (local, "%H:%M");

            /* Translators: %s is a time of day, such as 14:05 */
            message = text = g_strdup_printf (_("Synced at %s."), time);
          }
          break;
        case CLIPPER_SYNC_STATE_OFFLINE:
          message = _("Offline: changes wait until the server can be reached.");
          break;
        case CLIPPER_SYNC_STATE_FAILED:
        default:
          message = _("Sync failed.");
          break;
        }
    }

  if (self->state != state)
    {
      self->state = state;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_STATE]);
    }
  if (g_strcmp0 (self->message, message) != 0)
    {
      g_free (self->message);
      self->message = g_strdup (message);
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_MESSAGE]);
    }
}

typedef struct
{
  char *key;
  char *value;
} MetaWrite;

static void
meta_write_free (gpointer data)
{
  MetaWrite *write = data;

  g_free (write->key);
  g_free (write->value);
  g_free (write);
}

static gpointer
write_meta_job (ClipperStore  *store,
                gpointer       data,
                GError       **error)
{
  MetaWrite *write = data;

  if (!clipper_store_sync_set_meta (store, write->key, write->value, error))
    return NULL;
  return GINT_TO_POINTER (TRUE);
}

static void
on_meta_written_cb (GObject      *object,
                    GAsyncResult *result,
                    gpointer      user_data)
{
  g_autoptr(GError) error = NULL;

  if (!clipper_store_run_finish (CLIPPER_STORE (object), result, &error) &&
      !g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    g_warning ("Could not keep the sync state: %s", error->message);
}

static void
write_meta (ClipperSyncScheduler *self,
            const char           *key,
            const char           *value)
{
  MetaWrite *write = g_new0 (MetaWrite, 1);

  write->key = g_strdup (key);
  write->value = g_strdup (value);
  clipper_store_run_async (self->store, write_meta_job, write, meta_write_free, NULL, NULL, on_meta_written_cb,
                           NULL);
}

static void
on_sync_done_cb (GObject      *object,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  g_autoptr(ClipperSyncScheduler) self = user_data;
  guint generation = GPOINTER_TO_UINT (g_object_get_data (object, "clipper-generation"));
  g_autoptr(GError) error = NULL;
  ClipperSyncReport report = { 0 };
  gboolean ok;

  ok = clipper_sync_run_finish (CLIPPER_SYNC (object), result, &report, &error);
  self->running = FALSE;

  if (generation == self->generation &&
      !g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    {
      self->next_periodic = g_get_monotonic_time () + (gint64)self->interval_seconds * G_USEC_PER_SEC;
      if (ok)
        {
          g_autofree char *stamp = NULL;

          g_clear_pointer (&self->last_sync, g_date_time_unref);
          self->last_sync = g_date_time_new_now_utc ();
          stamp = g_date_time_format_iso8601 (self->last_sync);
          write_meta (self, "last_sync", stamp);
          write_meta (self, "last_error", NULL);
          g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_LAST_SYNC]);
          set_state (self, CLIPPER_SYNC_STATE_SYNCED, NULL);
          g_signal_emit (self, signals[SYNCED], 0, &report);
        }
      else
        {
          write_meta (self, "last_error", error->message);
          if (g_error_matches (error, CLIPPER_ERROR, CLIPPER_ERROR_NETWORK))
            set_state (self, CLIPPER_SYNC_STATE_OFFLINE, NULL);
          else
            {
              /* Asking again every few seconds with a refused password
               * can lock the account on some servers. */
              self->refused = g_error_matches (error, CLIPPER_ERROR, CLIPPER_ERROR_REFUSED);
              set_state (self, CLIPPER_SYNC_STATE_FAILED, error->message);
            }
        }
    }

  if (self->again && self->location != NULL)
    {
      self->again = FALSE;
      run_sync (self);
    }
}

static void
run_sync (ClipperSyncScheduler *self)
{
  g_autoptr(ClipperSyncTarget) target = NULL;
  g_autoptr(ClipperSync) sync = NULL;
  g_autoptr(GError) error = NULL;

  if (self->location == NULL)
    return;
  if (self->running)
    {
      self->again = TRUE;
      return;
    }

  if (!(target = clipper_sync_target_new_for_location (self->location, self->user, self->password, &error)))
    {
      set_state (self, CLIPPER_SYNC_STATE_FAILED, error->message);
      return;
    }

  self->running = TRUE;
  self->refused = FALSE;
  self->last_pending = -1;
  set_state (self, CLIPPER_SYNC_STATE_SYNCING, NULL);
  sync = clipper_sync_new (self->store, target);
  g_object_set_data (G_OBJECT (sync), "clipper-generation", GUINT_TO_POINTER (self->generation));
  clipper_sync_run_async (sync, self->cancellable, on_sync_done_cb, g_object_ref (self));
}

static gpointer
count_pending_job (ClipperStore  *store,
                   gpointer       data,
                   GError       **error)
{
  gint64 *count = g_new (gint64, 1);

  *count = clipper_store_sync_count_dirty (store, error);
  if (*count < 0)
    g_clear_pointer (&count, g_free);
  return count;
}

static void
on_pending_counted_cb (GObject      *object,
                       GAsyncResult *result,
                       gpointer      user_data)
{
  g_autoptr(ClipperSyncScheduler) self = user_data;
  g_autofree gint64 *count = clipper_store_run_finish (CLIPPER_STORE (object), result, NULL);
  gint64 now = g_get_monotonic_time ();
  gboolean settled;

  self->checking = FALSE;
  if (count == NULL || self->location == NULL || self->running || self->refused)
    return;

  if (*count == 0)
    {
      self->last_pending = 0;
      self->pending_since = 0;
    }
  else
    {
      /* Go when the changes stopped coming for one look, or have been
       * coming for a while. */
      settled = *count == self->last_pending;
      if (self->pending_since == 0)
        self->pending_since = now;
      self->last_pending = *count;
      if (settled || now - self->pending_since >= LONGEST_WAIT_SECONDS * G_USEC_PER_SEC)
        {
          self->pending_since = 0;
          run_sync (self);
          return;
        }
    }

  if (now >= self->next_periodic)
    run_sync (self);
}

static gboolean
on_tick_cb (gpointer user_data)
{
  ClipperSyncScheduler *self = user_data;

  if (self->location != NULL && !self->running && !self->checking && !self->refused)
    {
      self->checking = TRUE;
      clipper_store_run_async (self->store, count_pending_job, NULL, NULL, g_free, self->cancellable,
                               on_pending_counted_cb, g_object_ref (self));
    }
  return G_SOURCE_CONTINUE;
}

static void
restart_ticks (ClipperSyncScheduler *self)
{
  g_clear_handle_id (&self->tick_id, g_source_remove);
  if (self->location != NULL)
    self->tick_id = g_timeout_add (self->debounce_ms, on_tick_cb, self);
}

static void
on_network_changed_cb (GNetworkMonitor      *monitor,
                       gboolean              available,
                       ClipperSyncScheduler *self)
{
  if (available && self->state == CLIPPER_SYNC_STATE_OFFLINE)
    run_sync (self);
}

/* Takes a configuration and syncs with it at once. */
static void
take_configuration (ClipperSyncScheduler *self,
                    const char           *location,
                    const char           *user,
                    const char           *password)
{
  self->generation++;
  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  self->cancellable = g_cancellable_new ();
  self->again = FALSE;
  self->refused = FALSE;
  self->last_pending = -1;
  self->pending_since = 0;

  if (set_str (&self->location, location))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_LOCATION]);
  if (set_str (&self->user, user))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_USER]);
  set_str (&self->password, password);

  restart_ticks (self);
  if (location == NULL)
    {
      set_state (self, CLIPPER_SYNC_STATE_OFF, NULL);
      return;
    }
  set_state (self, CLIPPER_SYNC_STATE_WAITING, NULL);
  /* A sync under way belongs to the old configuration: it is cancelled,
   * and this one goes when it has stopped. */
  if (self->running)
    self->again = TRUE;
  else
    run_sync (self);
}

typedef struct
{
  char      *location;
  char      *user;
  char      *password;
  GDateTime *last_sync;
  char      *last_error;
} Config;

static void
config_free (gpointer data)
{
  Config *config = data;

  g_free (config->location);
  g_free (config->user);
  g_free (config->password);
  g_clear_pointer (&config->last_sync, g_date_time_unref);
  g_free (config->last_error);
  g_free (config);
}

static gpointer
load_config_job (ClipperStore  *store,
                 gpointer       data,
                 GError       **error)
{
  Config *config = g_new0 (Config, 1);
  g_autofree char *last_sync = NULL;

  config->location = clipper_store_sync_dup_meta (store, "target", NULL);
  config->user = clipper_store_sync_dup_meta (store, "target_user", NULL);
  config->last_error = clipper_store_sync_dup_meta (store, "last_error", NULL);
  last_sync = clipper_store_sync_dup_meta (store, "last_sync", NULL);
  if (last_sync != NULL)
    config->last_sync = g_date_time_new_from_iso8601 (last_sync, NULL);
  return config;
}

static void
on_start_password_cb (GObject      *object,
                      GAsyncResult *result,
                      gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  ClipperSyncScheduler *self = g_task_get_source_object (task);
  Config *config = g_task_get_task_data (task);
  g_autoptr(GError) error = NULL;
  g_autofree char *password = clipper_sync_password_lookup_finish (result, &error);

  if (g_task_return_error_if_cancelled (task))
    return;
  take_configuration (self, config->location, config->user, password);
  if (error != NULL)
    set_state (self, CLIPPER_SYNC_STATE_FAILED, error->message);
  g_task_return_boolean (task, TRUE);
}

static void
on_config_loaded_cb (GObject      *object,
                     GAsyncResult *result,
                     gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  ClipperSyncScheduler *self = g_task_get_source_object (task);
  g_autoptr(GError) error = NULL;
  Config *config = clipper_store_run_finish (CLIPPER_STORE (object), result, &error);

  if (config == NULL)
    {
      set_state (self, CLIPPER_SYNC_STATE_FAILED, error->message);
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  g_task_set_task_data (task, config, config_free);
  if (config->last_sync != NULL)
    {
      g_clear_pointer (&self->last_sync, g_date_time_unref);
      self->last_sync = g_date_time_ref (config->last_sync);
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_LAST_SYNC]);
    }
  if (config->location != NULL && clipper_sync_location_is_webdav (config->location) && config->user != NULL)
    {
      clipper_sync_password_lookup_async (config->location, config->user, g_task_get_cancellable (task),
                                          on_start_password_cb, g_object_ref (task));
      return;
    }
  take_configuration (self, config->location, config->user, NULL);
  g_task_return_boolean (task, TRUE);
}

/**
 * clipper_sync_scheduler_start:
 *
 * Reads the library's target and the keyring's password, then syncs once
 * and keeps syncing while the scheduler lives.
 */
void
clipper_sync_scheduler_start (ClipperSyncScheduler *self)
{
  g_autoptr(GTask) task = NULL;

  g_return_if_fail (CLIPPER_IS_SYNC_SCHEDULER (self));

  task = g_task_new (self, self->cancellable, NULL, NULL);
  g_task_set_source_tag (task, clipper_sync_scheduler_start);
  clipper_store_run_async (self->store, load_config_job, NULL, NULL, config_free, self->cancellable,
                           on_config_loaded_cb, g_object_ref (task));
}

static gpointer
save_config_job (ClipperStore  *store,
                 gpointer       data,
                 GError       **error)
{
  Config *config = data;

  if (!clipper_store_sync_set_meta (store, "target", config->location, error) ||
      !clipper_store_sync_set_meta (store, "target_user", config->user, error) ||
      !clipper_store_sync_set_meta (store, "last_error", NULL, error))
    return NULL;
  return GINT_TO_POINTER (TRUE);
}

static void
on_old_password_cleared_cb (GObject      *object,
                            GAsyncResult *result,
                            gpointer      user_data)
{
  g_autoptr(GError) error = NULL;

  if (!clipper_sync_password_clear_finish (result, &error))
    g_debug ("The old sync password stays in the keyring: %s", error->message);
}

static void
on_config_saved_cb (GObject      *object,
                    GAsyncResult *result,
                    gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  ClipperSyncScheduler *self = g_task_get_source_object (task);
  Config *config = g_task_get_task_data (task);
  g_autoptr(GError) error = NULL;

  if (!clipper_store_run_finish (CLIPPER_STORE (object), result, &error))
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  /* A password nobody uses any more leaves the keyring. */
  if (self->location != NULL && clipper_sync_location_is_webdav (self->location) &&
      (g_strcmp0 (self->location, config->location) != 0 || g_strcmp0 (self->user, config->user) != 0))
    clipper_sync_password_clear_async (self->location, self->user, NULL, on_old_password_cleared_cb, NULL);

  take_configuration (self, config->location, config->user, config->password);
  g_task_return_boolean (task, TRUE);
}

static void
save_config (GTask *task)
{
  ClipperSyncScheduler *self = g_task_get_source_object (task);
  Config *config = g_task_get_task_data (task);
  Config *copy = g_new0 (Config, 1);

  copy->location = g_strdup (config->location);
  copy->user = g_strdup (config->user);
  clipper_store_run_async (self->store, save_config_job, copy, config_free, NULL, g_task_get_cancellable (task),
                           on_config_saved_cb, task);
}

static void
on_password_stored_cb (GObject      *object,
                       GAsyncResult *result,
                       gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  g_autoptr(GError) error = NULL;

  /* Without the keyring the password would only live until the app
   * quits: say so rather than sync for a while and then stop. */
  if (!clipper_sync_password_store_finish (result, &error))
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }
  save_config (g_steal_pointer (&task));
}

/**
 * clipper_sync_scheduler_configure_async:
 * @location: (nullable): a WebDAV address or a folder; %NULL turns sync off
 *
 * Keeps the target in the library and the password in the keyring, then
 * syncs with them.
 */
void
clipper_sync_scheduler_configure_async (ClipperSyncScheduler *self,
                                        const char           *location,
                                        const char           *user,
                                        const char           *password,
                                        GCancellable         *cancellable,
                                        GAsyncReadyCallback   callback,
                                        gpointer              user_data)
{
  g_autoptr(GTask) task = NULL;
  g_autoptr(ClipperSyncTarget) target = NULL;
  g_autoptr(GError) error = NULL;
  Config *config;

  g_return_if_fail (CLIPPER_IS_SYNC_SCHEDULER (self));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, clipper_sync_scheduler_configure_async);

  if (location != NULL && *location == '\0')
    location = NULL;
  if (location != NULL && !(target = clipper_sync_target_new_for_location (location, user, password, &error)))
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  config = g_new0 (Config, 1);
  config->location = g_strdup (location);
  if (location != NULL && clipper_sync_location_is_webdav (location) && user != NULL && *user != '\0')
    {
      config->user = g_strdup (user);
      config->password = g_strdup (password);
    }
  g_task_set_task_data (task, config, config_free);

  /* The same server and user without a new password: the one known. */
  if ((config->password == NULL || *config->password == '\0') && config->user != NULL &&
      g_strcmp0 (config->location, self->location) == 0 && g_strcmp0 (config->user, self->user) == 0)
    {
      g_free (config->password);
      config->password = g_strdup (self->password);
      save_config (g_steal_pointer (&task));
      return;
    }

  if (config->password != NULL && *config->password != '\0')
    clipper_sync_password_store_async (config->location, config->user, config->password, cancellable,
                                       on_password_stored_cb, g_steal_pointer (&task));
  else
    save_config (g_steal_pointer (&task));
}

gboolean
clipper_sync_scheduler_configure_finish (ClipperSyncScheduler  *self,
                                         GAsyncResult          *result,
                                         GError               **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}

/**
 * clipper_sync_scheduler_shutdown:
 *
 * Stops syncing, and waits for a sync under way to stop (cancelled, it
 * stops at its next request) so that the library can be closed.
 */
void
clipper_sync_scheduler_shutdown (ClipperSyncScheduler *self)
{
  g_return_if_fail (CLIPPER_IS_SYNC_SCHEDULER (self));

  self->generation++;
  g_clear_pointer (&self->location, g_free);
  g_clear_handle_id (&self->tick_id, g_source_remove);
  self->again = FALSE;
  g_cancellable_cancel (self->cancellable);
  while (self->running || self->checking)
    g_main_context_iteration (NULL, TRUE);
}

void
clipper_sync_scheduler_sync_now (ClipperSyncScheduler *self)
{
  g_return_if_fail (CLIPPER_IS_SYNC_SCHEDULER (self));

  run_sync (self);
}

ClipperSyncState
clipper_sync_scheduler_get_state (ClipperSyncScheduler *self)
{
  g_return_val_if_fail (CLIPPER_IS_SYNC_SCHEDULER (self), CLIPPER_SYNC_STATE_OFF);

  return self->state;
}

const char *
clipper_sync_scheduler_get_message (ClipperSyncScheduler *self)
{
  g_return_val_if_fail (CLIPPER_IS_SYNC_SCHEDULER (self), NULL);

  return self->message;
}

const char *
clipper_sync_scheduler_get_location (ClipperSyncScheduler *self)
{
  g_return_val_if_fail (CLIPPER_IS_SYNC_SCHEDULER (self), NULL);

  return self->location;
}

const char *
clipper_sync_scheduler_get_user (ClipperSyncScheduler *self)
{
  g_return_val_if_fail (CLIPPER_IS_SYNC_SCHEDULER (self), NULL);

  return self->user;
}

GDateTime *
clipper_sync_scheduler_get_last_sync (ClipperSyncScheduler *self)
{
  g_return_val_if_fail (CLIPPER_IS_SYNC_SCHEDULER (self), NULL);

  return self->last_sync;
}

/* Tests use shorter waits than people do. */
void
clipper_sync_scheduler_set_timing (ClipperSyncScheduler *self,
                                   guint                 debounce_ms,
                                   guint                 interval_seconds)
{
  g_return_if_fail (CLIPPER_IS_SYNC_SCHEDULER (self));
  g_return_if_fail (debounce_ms > 0);

  self->debounce_ms = debounce_ms;
  self->interval_seconds = interval_seconds;
  self->next_periodic = g_get_monotonic_time () + (gint64)interval_seconds * G_USEC_PER_SEC;
  restart_ticks (self);
}

ClipperSyncScheduler *
clipper_sync_scheduler_new (ClipperStore *store)
{
  g_return_val_if_fail (CLIPPER_IS_STORE (store), NULL);

  return g_object_new (CLIPPER_TYPE_SYNC_SCHEDULER, "store", store, NULL);
}

static void
clipper_sync_scheduler_dispose (GObject *object)
{
  ClipperSyncScheduler *self = CLIPPER_SYNC_SCHEDULER (object);

  g_cancellable_cancel (self->cancellable);
  g_clear_handle_id (&self->tick_id, g_source_remove);
  g_clear_signal_handler (&self->network_handler, g_network_monitor_get_default ());
  g_clear_object (&self->store);

  G_OBJECT_CLASS (clipper_sync_scheduler_parent_class)->dispose (object);
}

static void
clipper_sync_scheduler_finalize (GObject *object)
{
  ClipperSyncScheduler *self = CLIPPER_SYNC_SCHEDULER (object);

  g_clear_object (&self->cancellable);
  g_free (self->location);
  g_free (self->user);
  g_free (self->password);
  g_free (self->message);
  g_clear_pointer (&self->last_sync, g_date_time_unref);

  G_OBJECT_CLASS (clipper_sync_scheduler_parent_class)->finalize (object);
}

static void
clipper_sync_scheduler_get_property (GObject    *object,
                                     guint       prop_id,
                                     GValue     *value,
                                     GParamSpec *pspec)
{
  ClipperSyncScheduler *self = CLIPPER_SYNC_SCHEDULER (object);

  switch (prop_id)
    {
    case PROP_STORE:
      g_value_set_object (value, self->store);
      break;
    case PROP_STATE:
      g_value_set_enum (value, self->state);
      break;
    case PROP_MESSAGE:
      g_value_set_string (value, self->message);
      break;
    case PROP_LOCATION:
      g_value_set_string (value, self->location);
      break;
    case PROP_USER:
      g_value_set_string (value, self->user);
      break;
    case PROP_LAST_SYNC:
      g_value_set_boxed (value, self->last_sync);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
clipper_sync_scheduler_set_property (GObject      *object,
                                     guint         prop_id,
                                     const GValue *value,
                                     GParamSpec   *pspec)
{
  ClipperSyncScheduler *self = CLIPPER_SYNC_SCHEDULER (object);

  switch (prop_id)
    {
    case PROP_STORE:
      self->store = g_value_dup_object (value);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
clipper_sync_scheduler_class_init (ClipperSyncSchedulerClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = clipper_sync_scheduler_dispose;
  object_class->finalize = clipper_sync_scheduler_finalize;
  object_class->get_property = clipper_sync_scheduler_get_property;
  object_class->set_property = clipper_sync_scheduler_set_property;

  properties[PROP_STORE] =
    g_param_spec_object ("store", NULL, NULL, CLIPPER_TYPE_STORE,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  properties[PROP_STATE] =
    g_param_spec_enum ("state", NULL, NULL, CLIPPER_TYPE_SYNC_STATE, CLIPPER_SYNC_STATE_OFF,
                       G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_MESSAGE] =
    g_param_spec_string ("message", NULL, NULL, NULL,
                         G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_LOCATION] =
    g_param_spec_string ("location", NULL, NULL, NULL,
                         G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_USER] =
    g_param_spec_string ("user", NULL, NULL, NULL,
                         G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_LAST_SYNC] =
    g_param_spec_boxed ("last-sync", NULL, NULL, G_TYPE_DATE_TIME,
                        G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  /* After each sync that went through, with its ClipperSyncReport. */
  signals[SYNCED] = g_signal_new ("synced", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                                  G_TYPE_NONE, 1, G_TYPE_POINTER);
}

static void
clipper_sync_scheduler_init (ClipperSyncScheduler *self)
{
  self->cancellable = g_cancellable_new ();
  self->debounce_ms = DEFAULT_DEBOUNCE_MS;
  self->interval_seconds = DEFAULT_INTERVAL_SECONDS;
  self->last_pending = -1;
  self->next_periodic = g_get_monotonic_time () + (gint64)DEFAULT_INTERVAL_SECONDS * G_USEC_PER_SEC;
  self->message = g_strdup (_("Sync is off."));
  self->network_handler = g_signal_connect (g_network_monitor_get_default (), "network-changed",
                                            G_CALLBACK (on_network_changed_cb), self);
}
