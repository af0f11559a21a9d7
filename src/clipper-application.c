/* clipper-application.c
 *
 * Copyright 2026 The Clipper authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "clipper-application"

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "clipper-application.h"
#include "clipper-preferences-window.h"
#include "clipper-search-provider.h"
#include "clipper-sync-scheduler.h"
#include "clipper-window.h"

struct _ClipperApplication
{
  AdwApplication        parent_instance;

  char                 *library_path;
  ClipperStore         *store;
  GError               *store_error;
  ClipperSyncScheduler *sync_scheduler;
  ClipperSearchProvider *search_provider;
  gboolean              clip_clipboard;  /* asked for on the command line */
  GSettings            *settings;
};

G_DEFINE_FINAL_TYPE (ClipperApplication, clipper_application, ADW_TYPE_APPLICATION)

enum {
  PROP_0,
  PROP_STORE,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static const GOptionEntry option_entries[] = {
  { "library", 0, 0, G_OPTION_ARG_FILENAME, NULL,
    N_("Use the library at PATH instead of the default one"), N_("PATH") },
  { "version", 0, 0, G_OPTION_ARG_NONE, NULL, N_("Print the version and exit"), NULL },
  { "clip-clipboard", 0, 0, G_OPTION_ARG_NONE, NULL, N_("Clip the web address on the clipboard"), NULL },
  { NULL }
};

static void
give_windows_the_store (ClipperApplication *self)
{
  for (GList *l = gtk_application_get_windows (GTK_APPLICATION (self)); l; l = l->next)
    {
      if (!CLIPPER_IS_WINDOW (l->data))
        continue;

      if (self->store != NULL)
        clipper_window_set_store (l->data, self->store);
      else if (self->store_error != NULL)
        clipper_window_set_store_error (l->data, self->store_error);
      clipper_window_set_sync_scheduler (l->data, self->sync_scheduler);
    }
}

static void
on_synced_cb (ClipperApplication      *self,
              const ClipperSyncReport *report,
              ClipperSyncScheduler    *scheduler)
{
  if (report->applied == 0 && report->created == 0 && report->deleted == 0)
    return;

  /* The sync wrote through this program's own connection, which the
   * windows' watch for other programs does not see. */
  for (GList *l = gtk_application_get_windows (GTK_APPLICATION (self)); l; l = l->next)
    if (CLIPPER_IS_WINDOW (l->data))
      clipper_window_reload_library (l->data);
}

static void
open_store_thread (GTask        *task,
                   gpointer      source_object,
                   gpointer      task_data,
                   GCancellable *cancellable)
{
  GError *error = NULL;
  ClipperStore *store;

  store = clipper_store_open (task_data, &error);
  if (store == NULL)
    g_task_return_error (task, error);
  else
    g_task_return_pointer (task, store, g_object_unref);
}

static void
on_store_opened_cb (GObject      *object,
                    GAsyncResult *result,
                    gpointer      user_data)
{
  ClipperApplication *self = CLIPPER_APPLICATION (object);

  self->store = g_task_propagate_pointer (G_TASK (result), &self->store_error);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_STORE]);
  if (self->store != NULL)
    {
      self->sync_scheduler = clipper_sync_scheduler_new (self->store);
      g_signal_connect_object (self->sync_scheduler, "synced", G_CALLBACK (on_synced_cb), self,
                               G_CONNECT_SWAPPED);
      clipper_sync_scheduler_start (self->sync_scheduler);
    }
  give_windows_the_store (self);
  g_application_release (G_APPLICATION (self));
}

static ClipperWindow *
get_window (ClipperApplication *self)
{
  GtkWindow *window = gtk_application_get_active_window (GTK_APPLICATION (self));

  if (CLIPPER_IS_WINDOW (window))
    return CLIPPER_WINDOW (window);

  window = GTK_WINDOW (clipper_window_new (GTK_APPLICATION (self)));
  if (self->store != NULL)
    clipper_window_set_store (CLIPPER_WINDOW (window), self->store);
  else if (self->store_error != NULL)
    clipper_window_set_store_error (CLIPPER_WINDOW (window), self->store_error);
  clipper_window_set_sync_scheduler (CLIPPER_WINDOW (window), self->sync_scheduler);

  return CLIPPER_WINDOW (window);
}

static void
about_action (GSimpleAction *action,
              GVariant      *param,
              gpointer       user_data)
{
  ClipperApplication *self = user_data;
  static const char *developers[] = { "The Clipper authors", NULL };
  GtkWidget *about;

  about = g_object_new (ADW_TYPE_ABOUT_WINDOW,
                        "transient-for", gtk_application_get_active_window (GTK_APPLICATION (self)),
                        "application-name", _("Clipper"),
                        "application-icon", APP_ID,
                        "developer-name", "The Clipper authors",
                        "version", PACKAGE_VERSION,
                        "developers", developers,
                        "copyright", "© 2026 The Clipper authors",
                        "license-type", GTK_LICENSE_GPL_3_0,
                        "comments", _("Clip, highlight and annotate web articles"),
                        NULL);
  gtk_window_present (GTK_WINDOW (about));
}

static void
present_preferences (ClipperApplication *self,
                     const char         *page)
{
  GtkWindow *parent = gtk_application_get_active_window (GTK_APPLICATION (self));
  ClipperPreferencesWindow *preferences;

  /* Preferences are the library's (its sync target): none without one. */
  if (self->sync_scheduler == NULL)
    return;

  preferences = clipper_preferences_window_new (parent, self->sync_scheduler);
  if (page != NULL)
    adw_preferences_window_set_visible_page_name (ADW_PREFERENCES_WINDOW (preferences), page);
  gtk_window_present (GTK_WINDOW (preferences));
}

static void
preferences_action (GSimpleAction *action,
                    GVariant      *param,
                    gpointer       user_data)
{
  present_preferences (user_data, NULL);
}

static void
sync_preferences_action (GSimpleAction *action,
                         GVariant      *param,
                         gpointer       user_data)
{
  present_preferences (user_data, "sync");
}

static void
quit_action (GSimpleAction *action,
             GVariant      *param,
             gpointer       user_data)
{
  ClipperApplication *self = user_data;

  /* Closing each window lets it save its state and pending deletions. */
  for (GList *l = gtk_application_get_windows (GTK_APPLICATION (self)); l; )
    {
      GList *next = l->next;

      gtk_window_close (l->data);
      l = next;
    }
}

static void
open_clipping_action (GSimpleAction *action,
                      GVariant      *param,
                      gpointer       user_data)
{
  ClipperWindow *window = get_window (user_data);

  clipper_window_open_clipping (window, g_variant_get_int64 (param));
  gtk_window_present (GTK_WINDOW (window));
}

static void
search_action (GSimpleAction *action,
               GVariant      *param,
               gpointer       user_data)
{
  ClipperWindow *window = get_window (user_data);

  clipper_window_search (window, g_variant_get_string (param, NULL));
  gtk_window_present (GTK_WINDOW (window));
}

static void
on_clipboard_text_cb (GObject      *object,
                      GAsyncResult *result,
                      gpointer      user_data)
{
  g_autoptr(ClipperWindow) window = user_data;
  g_autoptr(GError) error = NULL;
  g_autofree char *text = gdk_clipboard_read_text_finish (GDK_CLIPBOARD (object), result, &error);

  clipper_window_clip_address (window, text ? g_strstrip (text) : NULL);
}

static void
clip_clipboard_action (GSimpleAction *action,
                       GVariant      *param,
                       gpointer       user_data)
{
  ClipperWindow *window = get_window (user_data);
  GdkClipboard *clipboard = gdk_display_get_clipboard (gtk_widget_get_display (GTK_WIDGET (window)));

  gtk_window_present (GTK_WINDOW (window));
  gdk_clipboard_read_text_async (clipboard, NULL, on_clipboard_text_cb, g_object_ref (window));
}

static const GActionEntry app_actions[] = {
  { "about", about_action },
  { "preferences", preferences_action },
  { "sync-preferences", sync_preferences_action },
  { "quit", quit_action },
  { "open-clipping", open_clipping_action, "x" },
  { "search", search_action, "s" },
  { "clip-clipboard", clip_clipboard_action },
  /* Which library this instance has open, for a second invocation to see. */
  { "library", NULL, NULL, "''", NULL },
};

/* Light, dark, or as the system says. */
static void
apply_color_scheme (ClipperApplication *self)
{
  g_autofree char *scheme = g_settings_get_string (self->settings, "color-scheme");
  AdwColorScheme color_scheme = ADW_COLOR_SCHEME_DEFAULT;

  if (g_str_equal (scheme, "light"))
    color_scheme = ADW_COLOR_SCHEME_FORCE_LIGHT;
  else if (g_str_equal (scheme, "dark"))
    color_scheme = ADW_COLOR_SCHEME_FORCE_DARK;
  adw_style_manager_set_color_scheme (adw_style_manager_get_default (), color_scheme);
}

static int
clipper_application_handle_local_options (GApplication *app,
                                          GVariantDict *options)
{
  ClipperApplication *self = CLIPPER_APPLICATION (app);
  g_autofree char *library = NULL;

  if (g_variant_dict_contains (options, "version"))
    {
      g_print ("clipper %s\n", PACKAGE_VERSION);
      return EXIT_SUCCESS;
    }

  if (g_variant_dict_lookup (options, "library", "^ay", &library))
    {
      g_free (self->library_path);
      self->library_path = g_canonicalize_filename (library, NULL);
    }

  if (self->library_path != NULL || g_variant_dict_contains (options, "clip-clipboard"))
    {
      g_autoptr(GError) error = NULL;

      if (!g_application_register (app, NULL, &error))
        {
          g_printerr ("%s\n", error->message);
          return EXIT_FAILURE;
        }
      if (g_application_get_is_remote (app) && self->library_path != NULL)
        {
          g_autoptr(GVariant) open = g_action_group_get_action_state (G_ACTION_GROUP (app), "library");
          const char *path = open ? g_variant_get_string (open, NULL) : "";

          /* One instance has one library: a second cannot be shown in it. */
          if (g_strcmp0 (path, self->library_path) != 0)
            {
              g_printerr (_("Clipper is already running with the library “%s”: quit it first to open “%s”.\n"),
                          path, self->library_path);
              return EXIT_FAILURE;
            }
        }
      if (g_variant_dict_contains (options, "clip-clipboard"))
        {
          if (g_application_get_is_remote (app))
            {
              g_action_group_activate_action (G_ACTION_GROUP (app), "clip-clipboard", NULL);
              return EXIT_SUCCESS;
            }
          self->clip_clipboard = TRUE;
        }
    }

  return -1;
}

static gboolean
clipper_application_dbus_register (GApplication     *app,
                                   GDBusConnection  *connection,
                                   const char       *object_path,
                                   GError          **error)
{
  ClipperApplication *self = CLIPPER_APPLICATION (app);
  g_autofree char *path = g_strconcat (object_path, "/SearchProvider", NULL);

  if (!G_APPLICATION_CLASS (clipper_application_parent_class)->dbus_register (app, connection, object_path, error))
    return FALSE;

  return clipper_search_provider_export (self->search_provider, connection, path, error);
}

static void
clipper_application_dbus_unregister (GApplication    *app,
                                     GDBusConnection *connection,
                                     const char      *object_path)
{
  ClipperApplication *self = CLIPPER_APPLICATION (app);

  clipper_search_provider_unexport (self->search_provider);
  G_APPLICATION_CLASS (clipper_application_parent_class)->dbus_unregister (app, connection, object_path);
}

static void
clipper_application_startup (GApplication *app)
{
  ClipperApplication *self = CLIPPER_APPLICATION (app);
  g_autoptr(GTask) task = NULL;
  g_autofree char *path = NULL;
  static const char *clip_accels[] = { "<Control>d", NULL };
  static const char *reload_accels[] = { "<Control>r", "F5", NULL };
  static const char *back_accels[] = { "<Alt>Left", NULL };
  static const char *forward_accels[] = { "<Alt>Right", NULL };
  static const char *address_accels[] = { "<Control>l", "F6", NULL };
  static const char *sidebar_accels[] = { "F9", NULL };
  static const char *caret_accels[] = { "F7", NULL };
  static const char *quit_accels[] = { "<Control>q", NULL };
  static const char *preferences_accels[] = { "<Control>comma", NULL };
  static const char *zoom_in_accels[] = { "<Control>plus", "<Control>equal", "<Control>KP_Add", NULL };
  static const char *zoom_out_accels[] = { "<Control>minus", "<Control>KP_Subtract", NULL };
  static const char *zoom_reset_accels[] = { "<Control>0", "<Control>KP_0", NULL };
  static const char *close_accels[] = { "<Control>w", NULL };
  static const char *stop_accels[] = { "Escape", NULL };
  static const char *export_accels[] = { "<Control>e", NULL };
  static const char *search_accels[] = { "<Control>k", NULL };
  static const char *help_accels[] = { "<Control>question", "<Control>slash", NULL };

  G_APPLICATION_CLASS (clipper_application_parent_class)->startup (app);

  g_action_map_add_action_entries (G_ACTION_MAP (self), app_actions,
                                   G_N_ELEMENTS (app_actions), self);

  gtk_application_set_accels_for_action (GTK_APPLICATION (self), "win.clip", clip_accels);
  gtk_application_set_accels_for_action (GTK_APPLICATION (self), "win.reload", reload_accels);
  gtk_application_set_accels_for_action (GTK_APPLICATION (self), "win.stop", stop_accels);
  gtk_application_set_accels_for_action (GTK_APPLICATION (self), "win.back", back_accels);
  gtk_application_set_accels_for_action (GTK_APPLICATION (self), "win.forward", forward_accels);
  gtk_application_set_accels_for_action (GTK_APPLICATION (self), "win.focus-address", address_accels);
  gtk_application_set_accels_for_action (GTK_APPLICATION (self), "win.toggle-sidebar", sidebar_accels);
  gtk_application_set_accels_for_action (GTK_APPLICATION (self), "win.caret-browsing", caret_accels);
  gtk_application_set_accels_for_action (GTK_APPLICATION (self), "app.quit", quit_accels);
  gtk_application_set_accels_for_action (GTK_APPLICATION (self), "app.preferences", preferences_accels);
  gtk_application_set_accels_for_action (GTK_APPLICATION (self), "win.zoom-in", zoom_in_accels);
  gtk_application_set_accels_for_action (GTK_APPLICATION (self), "win.zoom-out", zoom_out_accels);
  gtk_application_set_accels_for_action (GTK_APPLICATION (self), "win.zoom-reset", zoom_reset_accels);
  self->settings = g_settings_new (APP_ID);
  g_signal_connect_object (self->settings, "changed::color-scheme", G_CALLBACK (apply_color_scheme), self,
                           G_CONNECT_SWAPPED);
  apply_color_scheme (self);
  gtk_application_set_accels_for_action (GTK_APPLICATION (self), "win.export", export_accels);
  gtk_application_set_accels_for_action (GTK_APPLICATION (self), "win.search", search_accels);
  gtk_application_set_accels_for_action (GTK_APPLICATION (self), "win.show-help-overlay", help_accels);
  gtk_application_set_accels_for_action (GTK_APPLICATION (self), "window.close", close_accels);

  /* The library opens (and migrates) off the main loop; windows show at
   * once and fill in when it is ready. */
  path = self->library_path ? g_strdup (self->library_path) : clipper_store_dup_default_path ();
  {
    GAction *library = g_action_map_lookup_action (G_ACTION_MAP (self), "library");

    g_simple_action_set_state (G_SIMPLE_ACTION (library), g_variant_new_string (path));
    g_simple_action_set_enabled (G_SIMPLE_ACTION (library), FALSE);
  }
  g_application_hold (app);
  task = g_task_new (self, NULL, on_store_opened_cb, NULL);
  g_task_set_source_tag (task, clipper_application_startup);
  g_task_set_task_data (task, g_steal_pointer (&path), g_free);
  g_task_run_in_thread (task, open_store_thread);
}

static gpointer
clipping_exists_job (ClipperStore  *store,
                     gpointer       data,
                     GError       **error)
{
  ClipperClipping *clipping = clipper_store_find_clipping_meta (store, *(gint64 *)data, error);

  if (clipping == NULL)
    return NULL;
  g_object_unref (clipping);
  return g_memdup2 (data, sizeof (gint64));
}

static void
on_last_clipping_found_cb (GObject      *object,
                           GAsyncResult *result,
                           gpointer      user_data)
{
  g_autoptr(ClipperApplication) self = user_data;
  g_autofree gint64 *id = clipper_store_run_finish (CLIPPER_STORE (object), result, NULL);
  GtkWindow *window = gtk_application_get_active_window (GTK_APPLICATION (self));

  /* Deleted meanwhile, or something else opened already: nothing. */
  if (id != NULL && CLIPPER_IS_WINDOW (window) && clipper_window_get_reader (CLIPPER_WINDOW (window)) == NULL)
    clipper_window_open_clipping (CLIPPER_WINDOW (window), *id);
}

static void
reopen_last_clipping (ClipperApplication *self)
{
  gint64 id = g_settings_get_int64 (self->settings, "last-clipping");

  if (self->store == NULL)
    {
      /* Once the library is open. */
      g_signal_connect_swapped (self, "notify::store", G_CALLBACK (reopen_last_clipping), self);
      return;
    }
  g_signal_handlers_disconnect_by_func (self, reopen_last_clipping, self);
  clipper_store_run_async (self->store, clipping_exists_job, g_memdup2 (&id, sizeof id), g_free, g_free, NULL,
                           on_last_clipping_found_cb, g_object_ref (self));
}

static void
clipper_application_activate (GApplication *app)
{
  ClipperApplication *self = CLIPPER_APPLICATION (app);
  gboolean first = !CLIPPER_IS_WINDOW (gtk_application_get_active_window (GTK_APPLICATION (self)));

  gtk_window_present (GTK_WINDOW (get_window (self)));
  /* A new start goes back to the clipping read last, where it was left. */
  if (first && !self->clip_clipboard && g_settings_get_int64 (self->settings, "last-clipping") > 0)
    reopen_last_clipping (self);
  if (self->clip_clipboard)
    {
      self->clip_clipboard = FALSE;
      g_action_group_activate_action (G_ACTION_GROUP (self), "clip-clipboard", NULL);
    }
}

static void
clipper_application_open (GApplication  *app,
                          GFile        **files,
                          int            n_files,
                          const char    *hint)
{
  ClipperApplication *self = CLIPPER_APPLICATION (app);
  ClipperWindow *window = get_window (self);
  g_autofree char *uri = NULL;

  if (n_files > 0)
    {
      uri = g_file_get_uri (files[0]);
      if (g_file_is_native (files[0]))
        {
          g_autofree char *path = g_file_get_path (files[0]);

          clipper_window_load_address (window, path);
        }
      else
        clipper_window_load_address (window, uri);
    }

  gtk_window_present (GTK_WINDOW (window));
}

static void
clipper_application_shutdown (GApplication *app)
{
  ClipperApplication *self = CLIPPER_APPLICATION (app);

  /* A sync under way stops at its next request; what it had not sent
   * waits for the next start. */
  if (self->sync_scheduler != NULL)
    clipper_sync_scheduler_shutdown (self->sync_scheduler);

  /* The windows' last writes (a note, a deletion) are still queued. */
  if (self->store != NULL)
    clipper_store_drain (self->store);

  G_APPLICATION_CLASS (clipper_application_parent_class)->shutdown (app);
}

static void
clipper_application_finalize (GObject *object)
{
  ClipperApplication *self = (ClipperApplication *)object;

  g_clear_pointer (&self->library_path, g_free);
  g_clear_object (&self->sync_scheduler);
  g_clear_object (&self->search_provider);
  g_clear_object (&self->settings);
  g_clear_object (&self->store);
  g_clear_error (&self->store_error);

  G_OBJECT_CLASS (clipper_application_parent_class)->finalize (object);
}

static void
clipper_application_get_property (GObject    *object,
                                  guint       prop_id,
                                  GValue     *value,
                                  GParamSpec *pspec)
{
  ClipperApplication *self = CLIPPER_APPLICATION (object);

  switch (prop_id)
    {
    case PROP_STORE:
      g_value_set_object (value, self->store);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
clipper_application_class_init (ClipperApplicationClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GApplicationClass *app_class = G_APPLICATION_CLASS (klass);

  object_class->finalize = clipper_application_finalize;
  object_class->get_property = clipper_application_get_property;

  app_class->handle_local_options = clipper_application_handle_local_options;
  app_class->startup = clipper_application_startup;
  app_class->activate = clipper_application_activate;
  app_class->open = clipper_application_open;
  app_class->shutdown = clipper_application_shutdown;
  app_class->dbus_register = clipper_application_dbus_register;
  app_class->dbus_unregister = clipper_application_dbus_unregister;

  properties[PROP_STORE] =
    g_param_spec_object ("store", NULL, NULL,
                         CLIPPER_TYPE_STORE,
                         (G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
clipper_application_init (ClipperApplication *self)
{
  g_application_add_main_option_entries (G_APPLICATION (self), option_entries);
  self->search_provider = clipper_search_provider_new (G_APPLICATION (self));
  /* Started by D-Bus for the Shell's search, it stays a little. */
  g_application_set_inactivity_timeout (G_APPLICATION (self), 10000);
  g_application_set_option_context_parameter_string (G_APPLICATION (self), _("[URL|FILE.html]"));
}

ClipperApplication *
clipper_application_new (GApplicationFlags flags)
{
  return g_object_new (CLIPPER_TYPE_APPLICATION,
                       "application-id", APP_ID,
                       "flags", flags | G_APPLICATION_HANDLES_OPEN,
                       "resource-base-path", "/com/example/Clipper",
                       NULL);
}

ClipperStore *
clipper_application_get_store (ClipperApplication *self)
{
  g_return_val_if_fail (CLIPPER_IS_APPLICATION (self), NULL);

  return self->store;
}

/* The library could not be opened (the window says why). */
gboolean
clipper_application_get_store_failed (ClipperApplication *self)
{
  g_return_val_if_fail (CLIPPER_IS_APPLICATION (self), FALSE);

  return self->store_error != NULL;
}

/* %NULL until the library is open. */
ClipperSyncScheduler *
clipper_application_get_sync_scheduler (ClipperApplication *self)
{
  g_return_val_if_fail (CLIPPER_IS_APPLICATION (self), NULL);

  return self->sync_scheduler;
}

/**
 * clipper_application_get_binary:
 *
 * The program to run for a command-line verb on the window's behalf:
 * this one, or $CLIPPER_BIN when tests run the window from elsewhere.
 *
 * Returns: a path
 */
const char *
clipper_application_get_binary (void)
{
  const char *binary = g_getenv ("CLIPPER_BIN");

  return binary != NULL && binary[0] != '\0' ? binary : "/proc/self/exe";
}

/**
 * clipper_application_dup_verb_failure:
 * @err: (nullable): what a verb run by clipper_application_get_binary()
 *   wrote on standard error
 *
 * Returns: (transfer full): its one-line reason, without "clipper: "
 */
char *
clipper_application_dup_verb_failure (const char *err)
{
  const char *why = err && g_str_has_prefix (err, "clipper: ") ? err + strlen ("clipper: ") : err;

  return why && why[0] ? g_strstrip (g_strdup (why)) : g_strdup (_("the command stopped"));
}
