/* clipper-cli-sync.c
 *
 * Copyright 2026 The Clipper authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The sync verb: one sync with the library's target (a WebDAV folder or a
 * local one), and what it sent and received; or, with --status, where
 * things stand.
 */

#define G_LOG_DOMAIN "clipper-cli"

#include "config.h"

#include <glib/gi18n.h>
#include <stdlib.h>

#include "clipper-cli-private.h"
#include "clipper-error.h"
#include "clipper-json.h"
#include "clipper-store-sync.h"
#include "clipper-sync-scheduler.h"
#include "clipper-sync-secret.h"
#include "clipper-sync.h"

/* The password from the environment, or else from the keyring where the
 * window keeps it. */
static char *
dup_password (const char *where,
              const char *user)
{
  g_autoptr(GError) error = NULL;
  const char *env = g_getenv ("CLIPPER_SYNC_PASSWORD");
  char *password;

  if (env != NULL)
    return g_strdup (env);
  if (!clipper_sync_location_is_webdav (where) || user == NULL)
    return NULL;
  if (!(password = clipper_sync_password_lookup (where, user, NULL, &error)) && error != NULL)
    g_debug ("No password from the keyring: %s", error->message);
  return password;
}

static void
print_report (const ClipperSyncReport *report,
              const char              *where,
              gboolean                 json)
{
  if (json)
    {
      g_autoptr(JsonBuilder) builder = json_builder_new ();
      g_autofree char *text = NULL;
      const struct { const char *name; guint value; } counts[] = {
        { "sent", report->sent },
        { "segments_sent", report->segments_sent },
        { "blobs_sent", report->blobs_sent },
        { "received", report->received },
        { "applied", report->applied },
        { "merged", report->merged },
        { "conflicts", report->conflicts },
        { "created", report->created },
        { "deleted", report->deleted },
        { "blobs_received", report->blobs_received },
        { "devices", report->devices },
        { "requests", report->requests },
      };

      json_builder_begin_object (builder);
      clipper_json_add_string_member (builder, "target", where);
      for (guint i = 0; i < G_N_ELEMENTS (counts); i++)
        {
          json_builder_set_member_name (builder, counts[i].name);
          json_builder_add_int_value (builder, counts[i].value);
        }
      json_builder_set_member_name (builder, "uploaded_all");
      json_builder_add_boolean_value (builder, report->uploaded_all);
      json_builder_end_object (builder);
      text = clipper_json_builder_to_string (builder);
      g_print ("%s\n", text);
      return;
    }

  /* Translators: after a sync; %s is the folder or server */
  g_print (_("Synced with %s\n"), where);
  g_print (_("sent: %u changes in %u segments, %u files (articles and images)\n"), report->sent,
           report->segments_sent, report->blobs_sent);
  g_print (_("received: %u changes from %u other machines, %u taken (%u records new here, %u deleted), "
             "%u files\n"),
           report->received, report->devices, report->applied, report->created, report->deleted,
           report->blobs_received);
  if (report->merged > 0)
    g_print (_("notes edited on both sides: %u merged, %u of them kept both ways\n"), report->merged,
             report->conflicts);
  if (report->uploaded_all)
    g_print (_("The whole library was sent (a first sync here, or the target was emptied).\n"));
}

static int
print_status (ClipperStore *store,
              gboolean      json)
{
  g_autofree char *device = clipper_store_sync_ensure_device (store, NULL);
  g_autofree char *target = clipper_store_sync_dup_meta (store, "target", NULL);
  g_autofree char *last = clipper_store_sync_dup_meta (store, "last_sync", NULL);
  g_autofree char *error_text = clipper_store_sync_dup_meta (store, "last_error", NULL);
  gint64 pending = clipper_store_sync_count_dirty (store, NULL);

  if (json)
    {
      g_autoptr(JsonBuilder) builder = json_builder_new ();
      g_autofree char *text = NULL;

      json_builder_begin_object (builder);
      clipper_json_add_string_member (builder, "device", device);
      clipper_json_add_string_member (builder, "target", target);
      clipper_json_add_string_member (builder, "last_sync", last);
      clipper_json_add_string_member (builder, "last_error", error_text);
      json_builder_set_member_name (builder, "pending");
      json_builder_add_int_value (builder, MAX (pending, 0));
      json_builder_end_object (builder);
      text = clipper_json_builder_to_string (builder);
      g_print ("%s\n", text);
      return EXIT_SUCCESS;
    }

  g_print (_("This library: %s\n"), device);
  g_print (_("Target: %s\n"), target ? target : _("none (give one with --target)"));
  g_print (_("Last sync: %s\n"), last ? last : _("never"));
  if (error_text != NULL)
    g_print (_("Last error: %s\n"), error_text);
  g_print (_("Changes waiting to be sent: %lld\n"), (long long)MAX (pending, 0));
  return EXIT_SUCCESS;
}

int
clipper_cli_run_sync (int    argc,
                      char **argv)
{
  g_autoptr(ClipperStore) store = NULL;
  g_autoptr(ClipperSyncTarget) target = NULL;
  g_autoptr(ClipperSync) sync = NULL;
  g_autofree char *where = NULL;
  g_autofree char *saved = NULL;
  g_autofree char *user = NULL;
  g_autofree char *password = NULL;
  g_autoptr(GDateTime) now = NULL;
  g_autofree char *now_text = NULL;
  gboolean status = FALSE;
  gboolean json = FALSE;
  ClipperSyncReport report;
  GError *error = NULL;
  int parse_status;
  const GOptionEntry entries[] = {
    { "target", 0, 0, G_OPTION_ARG_STRING, &where,
      N_("The WebDAV folder (https://…) or the local folder to sync through (remembered for the next time)"),
      N_("URL|FOLDER") },
    { "user", 0, 0, G_OPTION_ARG_STRING, &user,
      N_("The user name on the WebDAV server (remembered); the password is read from the environment variable "
         "CLIPPER_SYNC_PASSWORD, or else from the keyring where Clipper’s window keeps it"),
      N_("NAME") },
    { "status", 0, 0, G_OPTION_ARG_NONE, &status, N_("Show the sync state instead of syncing"), NULL },
    { "json", 0, 0, G_OPTION_ARG_NONE, &json, N_("Print the result as JSON"), NULL },
    { NULL }
  };

  if (!clipper_cli_parse_options ("sync", entries, &argc, &argv, 0, 0, &parse_status))
    return parse_status;

  if (!(store = clipper_cli_open_store (&error)))
    return clipper_cli_fail (error);
  if (status)
    return print_status (store, json);

  saved = clipper_store_sync_dup_meta (store, "target", NULL);
  if (where == NULL)
    where = g_strdup (saved);
  if (where == NULL)
    return clipper_cli_usage_error (_("No sync target yet: give one with --target FOLDER."));
  if (user == NULL)
    user = clipper_store_sync_dup_meta (store, "target_user", NULL);
  password = dup_password (where, user);
  if (!(target = clipper_sync_target_new_for_location (where, user, password, &error)))
    return clipper_cli_fail (error);
  if ((g_strcmp0 (saved, where) != 0 && !clipper_store_sync_set_meta (store, "target", where, &error)) ||
      (user != NULL && !clipper_store_sync_set_meta (store, "target_user", user, &error)))
    return clipper_cli_fail (error);

  sync = clipper_sync_new (store, target);
  now = g_date_time_new_now_utc ();
  now_text = g_date_time_format_iso8601 (now);
  if (!clipper_sync_run (sync, &report, NULL, &error))
    {
      clipper_store_sync_set_meta (store, "last_error", error->message, NULL);
      return clipper_cli_fail (error);
    }
  clipper_store_sync_set_meta (store, "last_sync", now_text, NULL);
  clipper_store_sync_set_meta (store, "last_error", NULL, NULL);
  print_report (&report, where, json);
  return EXIT_SUCCESS;
}
