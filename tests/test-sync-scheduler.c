/* test-sync-scheduler.c
 *
 * Copyright 2026 The Clipper authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * When the app syncs by itself: once configured, after changes settle,
 * every interval, and what state it tells; with a folder target, a
 * server that cannot be reached and one that refuses the password.
 */

#include <libsoup/soup.h>

#include "clipper-error.h"
#include "clipper-store-sync.h"
#include "clipper-sync-folder.h"
#include "clipper-sync-scheduler.h"
#include "clipper-test-store.h"
#include "clipper-test-util.h"

#define TEXT "The glacier retreated faster than any model had predicted."

typedef struct
{
  ClipperSyncScheduler *scheduler;
  ClipperSyncState      state;
  guint                 syncs; /* "synced" emissions */
  guint                 applied; /* fields taken from other machines, over all syncs */
  gboolean              done;
  GError               *error;
} Watch;

static gint64
add_clipping (ClipperStore *store,
              const char   *url)
{
  g_autoptr(ClipperClipping) clipping = clipper_clipping_new ();
  g_autoptr(GError) error = NULL;
  gint64 id;

  clipper_clipping_set_url (clipping, url);
  clipper_clipping_set_title (clipping, url);
  clipper_clipping_set_content (clipping, "<p>" TEXT "</p>");
  clipper_clipping_set_text (clipping, TEXT);
  id = clipper_store_add_clipping (store, clipping, &error);
  g_assert_no_error (error);
  return id;
}

static void
on_synced_cb (ClipperSyncScheduler    *scheduler,
              const ClipperSyncReport *report,
              Watch                   *watch)
{
  watch->syncs++;
  watch->applied += report->applied;
}

static void
on_configured_cb (GObject      *object,
                  GAsyncResult *result,
                  gpointer      user_data)
{
  Watch *watch = user_data;

  clipper_sync_scheduler_configure_finish (CLIPPER_SYNC_SCHEDULER (object), result, &watch->error);
  watch->done = TRUE;
}

static void
configure (Watch      *watch,
           const char *location,
           const char *user,
           const char *password)
{
  watch->done = FALSE;
  clipper_sync_scheduler_configure_async (watch->scheduler, location, user, password, NULL,
                                          on_configured_cb, watch);
  clipper_test_iterate_until (clipper_test_flag_set, &watch->done, "the configuration");
  g_assert_no_error (watch->error);
}

static gboolean
state_reached (gconstpointer data)
{
  const Watch *watch = data;

  return clipper_sync_scheduler_get_state (watch->scheduler) == watch->state;
}

static void
wait_for_state (Watch           *watch,
                ClipperSyncState state)
{
  watch->state = state;
  clipper_test_iterate_until (state_reached, watch, "a sync state");
}

typedef struct
{
  Watch *watch;
  guint  syncs;
} SyncCount;

static gboolean
syncs_reached (gconstpointer data)
{
  const SyncCount *count = data;

  return count->watch->syncs >= count->syncs &&
         clipper_sync_scheduler_get_state (count->watch->scheduler) == CLIPPER_SYNC_STATE_SYNCED;
}

static void
wait_for_syncs (Watch *watch,
                guint  syncs)
{
  SyncCount count = { watch, syncs };

  clipper_test_iterate_until (syncs_reached, &count, "a sync");
}

/* Runs the main loop for @ms, to see that nothing happens in that time. */
static void
iterate_for (guint ms)
{
  gint64 end = g_get_monotonic_time () + ms * 1000;

  while (g_get_monotonic_time () < end)
    if (!g_main_context_iteration (NULL, FALSE))
      g_usleep (1000);
}

static void
test_folder (void)
{
  g_autofree char *dir = g_dir_make_tmp ("clipper-scheduler-XXXXXX", NULL);
  g_autofree char *path_a = g_build_filename (dir, "a.db", NULL);
  g_autofree char *path_b = g_build_filename (dir, "b.db", NULL);
  g_autofree char *folder = g_build_filename (dir, "Sync", NULL);
  g_autofree char *format = g_build_filename (folder, "clipper-sync.json", NULL);
  g_autoptr(ClipperStore) a = clipper_store_open (path_a, NULL);
  g_autoptr(ClipperStore) b = clipper_store_open (path_b, NULL);
  g_autoptr(GFile) root = g_file_new_for_path (folder);
  g_autoptr(ClipperSyncTarget) target = clipper_sync_folder_new (root);
  g_autoptr(ClipperSync) sync_b = clipper_sync_new (b, target);
  g_autoptr(GError) error = NULL;
  g_autofree char *saved = NULL;
  ClipperSyncReport report;
  Watch watch = { 0 };
  gint64 id;

  id = add_clipping (a, "https://example.org/glaciers");
  watch.scheduler = clipper_sync_scheduler_new (a);
  /* An interval longer than the test: syncs below come from changes. */
  clipper_sync_scheduler_set_timing (watch.scheduler, 100, 3600);
  g_signal_connect (watch.scheduler, "synced", G_CALLBACK (on_synced_cb), &watch);
  g_assert_cmpint (clipper_sync_scheduler_get_state (watch.scheduler), ==, CLIPPER_SYNC_STATE_OFF);

  /* Configured: it syncs at once, and keeps the target in the library. */
  configure (&watch, folder, NULL, NULL);
  wait_for_syncs (&watch, 1);
  g_assert_true (g_file_test (format, G_FILE_TEST_EXISTS));
  g_assert_cmpint (clipper_store_sync_count_dirty (a, NULL), ==, 0);
  g_assert_nonnull (clipper_sync_scheduler_get_last_sync (watch.scheduler));
  g_assert_true (
      g_str_has_prefix (clipper_sync_scheduler_get_message (watch.scheduler), "Synced at "));
  saved = clipper_store_sync_dup_meta (a, "target", NULL);
  g_assert_cmpstr (saved, ==, folder);

  /* A change goes out by itself once changes settle. */
  clipper_test_add_highlight (a, id, "glacier retreated", "yellow", "A note", NULL);
  g_assert_cmpint (clipper_store_sync_count_dirty (a, NULL), >, 0);
  wait_for_syncs (&watch, 2);
  g_assert_cmpint (clipper_store_sync_count_dirty (a, NULL), ==, 0);
  g_assert_true (clipper_sync_run (sync_b, &report, NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpint (clipper_store_count_clippings (b, NULL), ==, 1);
  g_assert_cmpint (report.created, >=, 2);

  /* With nothing changed here, nothing is synced until the interval. */
  add_clipping (b, "https://example.org/rivers");
  g_assert_true (clipper_sync_run (sync_b, &report, NULL, &error));
  iterate_for (500);
  g_assert_cmpuint (watch.syncs, ==, 2);
  g_assert_cmpint (clipper_store_count_clippings (a, NULL), ==, 1);

  /* The interval: B's clipping arrives and the signal says so. */
  clipper_sync_scheduler_set_timing (watch.scheduler, 100, 1);
  wait_for_syncs (&watch, 3);
  g_assert_cmpint (clipper_store_count_clippings (a, NULL), ==, 2);
  g_assert_cmpuint (watch.applied, >, 0);

  /* Asked for: one sync. */
  clipper_sync_scheduler_set_timing (watch.scheduler, 100, 3600);
  clipper_sync_scheduler_sync_now (watch.scheduler);
  g_assert_cmpint (clipper_sync_scheduler_get_state (watch.scheduler), ==,
                   CLIPPER_SYNC_STATE_SYNCING);
  wait_for_syncs (&watch, 4);

  /* A new start reads the target from the library and syncs. */
  clipper_sync_scheduler_shutdown (watch.scheduler);
  g_clear_object (&watch.scheduler);
  watch.scheduler = clipper_sync_scheduler_new (a);
  g_signal_connect (watch.scheduler, "synced", G_CALLBACK (on_synced_cb), &watch);
  clipper_sync_scheduler_start (watch.scheduler);
  wait_for_syncs (&watch, 5);
  g_assert_cmpstr (clipper_sync_scheduler_get_location (watch.scheduler), ==, folder);

  /* Off: the library forgets the target and nothing more is synced. */
  configure (&watch, NULL, NULL, NULL);
  g_assert_cmpint (clipper_sync_scheduler_get_state (watch.scheduler), ==, CLIPPER_SYNC_STATE_OFF);
  g_clear_pointer (&saved, g_free);
  saved = clipper_store_sync_dup_meta (a, "target", NULL);
  g_assert_null (saved);
  clipper_test_add_highlight (a, id, "faster than any model", "green", NULL, NULL);
  iterate_for (500);
  g_assert_cmpuint (watch.syncs, ==, 5);
  g_assert_cmpint (clipper_store_sync_count_dirty (a, NULL), >, 0);

  clipper_sync_scheduler_shutdown (watch.scheduler);
  g_clear_object (&watch.scheduler);
  g_clear_object (&a);
  g_clear_object (&b);
  clipper_test_remove_tree (dir);
}

typedef struct
{
  guint status;
  guint requests;
} Server;

static void
answer_cb (SoupServer        *server,
           SoupServerMessage *msg,
           const char        *path,
           GHashTable        *query,
           gpointer           user_data)
{
  Server *answers = user_data;

  answers->requests++;
  soup_server_message_set_status (msg, answers->status, NULL);
}

static char *
listen (SoupServer *server)
{
  g_autoptr(GSList) uris = NULL;
  char *url;

  g_assert_true (soup_server_listen_local (server, 0, SOUP_SERVER_LISTEN_IPV4_ONLY, NULL));
  uris = soup_server_get_uris (server);
  url = g_strdup_printf ("http://127.0.0.1:%d/dav/", g_uri_get_port (uris->data));
  g_slist_free_full (g_steal_pointer (&uris), (GDestroyNotify) g_uri_unref);
  return url;
}

/* A refused password is not tried again by itself (some servers lock
 * the account), but is when asked; a server that cannot be reached is
 * "offline", with the changes kept. */
static void
test_refused_and_offline (void)
{
  g_autofree char *dir = g_dir_make_tmp ("clipper-scheduler-XXXXXX", NULL);
  g_autofree char *path = g_build_filename (dir, "a.db", NULL);
  g_autoptr(ClipperStore) a = clipper_store_open (path, NULL);
  g_autoptr(SoupServer) server = soup_server_new (NULL, NULL);
  g_autofree char *url = NULL;
  g_autofree char *closed = NULL;
  Server answers = { 401, 0 };
  Watch watch = { 0 };
  guint requests;
  gint64 id;

  id = add_clipping (a, "https://example.org/glaciers");
  soup_server_add_handler (server, NULL, answer_cb, &answers, NULL);
  url = listen (server);
  watch.scheduler = clipper_sync_scheduler_new (a);
  clipper_sync_scheduler_set_timing (watch.scheduler, 50, 1);
  g_signal_connect (watch.scheduler, "synced", G_CALLBACK (on_synced_cb), &watch);

  configure (&watch, url, NULL, NULL);
  wait_for_state (&watch, CLIPPER_SYNC_STATE_FAILED);
  g_assert_nonnull (
      strstr (clipper_sync_scheduler_get_message (watch.scheduler), "user name or password"));
  requests = answers.requests;
  g_assert_cmpuint (requests, >, 0);

  /* Changes and intervals come and go: no request. */
  clipper_test_add_highlight (a, id, "glacier retreated", "yellow", NULL, NULL);
  iterate_for (1500);
  g_assert_cmpuint (answers.requests, ==, requests);
  g_assert_cmpint (clipper_sync_scheduler_get_state (watch.scheduler), ==,
                   CLIPPER_SYNC_STATE_FAILED);

  /* Asked for, it tries again. */
  clipper_sync_scheduler_sync_now (watch.scheduler);
  wait_for_state (&watch, CLIPPER_SYNC_STATE_FAILED);
  g_assert_cmpuint (answers.requests, >, requests);

  /* A server that is not there: offline, the changes kept. */
  soup_server_disconnect (server);
  closed = g_strdup (url);
  configure (&watch, closed, NULL, NULL);
  wait_for_state (&watch, CLIPPER_SYNC_STATE_OFFLINE);
  g_assert_nonnull (strstr (clipper_sync_scheduler_get_message (watch.scheduler), "Offline"));
  g_assert_cmpint (clipper_store_sync_count_dirty (a, NULL), >, 0);
  g_assert_cmpuint (watch.syncs, ==, 0);

  /* An address of neither kind is refused before anything is kept. */
  watch.done = FALSE;
  clipper_sync_scheduler_configure_async (watch.scheduler, "ftp://example.org/", NULL, NULL, NULL,
                                          on_configured_cb, &watch);
  clipper_test_iterate_until (clipper_test_flag_set, &watch.done, "the configuration");
  g_assert_error (watch.error, CLIPPER_ERROR, CLIPPER_ERROR_INVALID_INPUT);
  g_clear_error (&watch.error);
  g_assert_cmpstr (clipper_sync_scheduler_get_location (watch.scheduler), ==, closed);

  clipper_sync_scheduler_shutdown (watch.scheduler);
  g_clear_object (&watch.scheduler);
  g_clear_object (&a);
  clipper_test_remove_tree (dir);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/sync-scheduler/folder", test_folder);
  g_test_add_func ("/sync-scheduler/refused-and-offline", test_refused_and_offline);

  return g_test_run ();
}
