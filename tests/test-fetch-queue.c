/* test-fetch-queue.c
 *
 * Copyright 2026 The Clipper authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Fetching pages imported as addresses, against a local server: their
 * text and waiting highlights arrive, no more than the limits at once,
 * failures that may pass are tried again and the others are not, and a
 * Cancel leaves the rest waiting.
 */

#include "config.h"

#include <libsoup/soup.h>
#include <string.h>

#include "clipper-error.h"
#include "clipper-fetch-queue.h"
#include "clipper-test-util.h"

#define ARTICLE \
  "<html><head><title>Glaciers in retreat</title></head><body><article>" \
  "<h1>Glaciers in retreat</h1>" \
  "<p>The glacier retreated faster than any model had predicted, and scientists who measured " \
  "it every summer since 1998 said that melting ice shelves expose the coast to the sea.</p>" \
  "<p>Further down the valley, the river carried more silt each year, and the farmers who " \
  "relied on it for water noticed the change long before the instruments did.</p>" \
  "</article></body></html>"

typedef struct
{
  char       *dir;
  ClipperStore *store;
  SoupServer *server;
  guint       port;
  GHashTable *busy;      /* host → requests being answered */
  guint       max_busy;  /* at once, from any one host */
  guint       max_total; /* at once, in all */
  guint       total;
  guint       flaky_requests;
  guint       flaky_failures; /* how many times /flaky fails before it answers */
  guint       gone_requests;
} Fixture;

typedef struct
{
  Fixture           *fixture;
  SoupServerMessage *msg;
  char              *host;
} Pending;

static gboolean
answer_later_cb (gpointer user_data)
{
  Pending *pending = user_data;
  Fixture *fixture = pending->fixture;
  guint busy = GPOINTER_TO_UINT (g_hash_table_lookup (fixture->busy, pending->host));

  g_hash_table_insert (fixture->busy, g_strdup (pending->host), GUINT_TO_POINTER (busy - 1));
  fixture->total--;
  soup_server_message_set_status (pending->msg, 200, NULL);
  soup_server_message_set_response (pending->msg, "text/html; charset=utf-8", SOUP_MEMORY_STATIC, ARTICLE,
                                    strlen (ARTICLE));
  soup_server_message_unpause (pending->msg);
  g_object_unref (pending->msg);
  g_free (pending->host);
  g_free (pending);
  return G_SOURCE_REMOVE;
}

static void
on_request_cb (SoupServer        *server,
               SoupServerMessage *msg,
               const char        *path,
               GHashTable        *query,
               gpointer           user_data)
{
  Fixture *fixture = user_data;

  if (g_str_has_prefix (path, "/page/"))
    {
      /* Answered a moment later, so that requests overlap and the server
       * sees how many come at once. */
      Pending *pending = g_new0 (Pending, 1);
      GUri *uri = soup_server_message_get_uri (msg);
      guint busy;

      pending->fixture = fixture;
      pending->msg = g_object_ref (msg);
      pending->host = g_strdup (g_uri_get_host (uri));
      busy = GPOINTER_TO_UINT (g_hash_table_lookup (fixture->busy, pending->host)) + 1;
      g_hash_table_insert (fixture->busy, g_strdup (pending->host), GUINT_TO_POINTER (busy));
      fixture->max_busy = MAX (fixture->max_busy, busy);
      fixture->total++;
      fixture->max_total = MAX (fixture->max_total, fixture->total);
      soup_server_message_pause (msg);
      g_timeout_add (40, answer_later_cb, pending);
    }
  else if (g_str_equal (path, "/flaky"))
    {
      if (fixture->flaky_requests++ < fixture->flaky_failures)
        soup_server_message_set_status (msg, 503, NULL);
      else
        {
          soup_server_message_set_status (msg, 200, NULL);
          soup_server_message_set_response (msg, "text/html; charset=utf-8", SOUP_MEMORY_STATIC, ARTICLE,
                                            strlen (ARTICLE));
        }
    }
  else if (g_str_equal (path, "/old"))
    soup_server_message_set_redirect (msg, 301, "/page/new");
  else
    {
      fixture->gone_requests++;
      soup_server_message_set_status (msg, 404, NULL);
    }
}

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  g_autofree char *path = NULL;
  g_autoptr(GError) error = NULL;
  g_autoslist(GUri) uris = NULL;

  fixture->dir = g_dir_make_tmp ("clipper-fetch-XXXXXX", NULL);
  path = g_build_filename (fixture->dir, "library.db", NULL);
  fixture->store = clipper_store_open (path, &error);
  g_assert_no_error (error);

  fixture->busy = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  fixture->server = soup_server_new (NULL, NULL);
  soup_server_add_handler (fixture->server, NULL, on_request_cb, fixture, NULL);
  soup_server_listen_local (fixture->server, 0, SOUP_SERVER_LISTEN_IPV4_ONLY, &error);
  g_assert_no_error (error);
  uris = soup_server_get_uris (fixture->server);
  fixture->port = g_uri_get_port (uris->data);
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  g_clear_object (&fixture->store);
  g_clear_object (&fixture->server);
  g_clear_pointer (&fixture->busy, g_hash_table_unref);
  clipper_test_remove_tree (fixture->dir);
  g_clear_pointer (&fixture->dir, g_free);
}

/* A page as an import leaves it: an address, and a highlight waiting. */
static gint64
add_waiting (Fixture    *fixture,
             const char *host,
             const char *path,
             const char *quote)
{
  g_autoptr(ClipperClipping) clipping = clipper_clipping_new ();
  g_autofree char *url = g_strdup_printf ("http://%s:%u%s", host, fixture->port, path);
  g_autoptr(GError) error = NULL;
  gint64 id;

  clipper_clipping_set_url (clipping, url);
  clipper_clipping_set_title (clipping, url);
  id = clipper_store_add_clipping (fixture->store, clipping, &error);
  g_assert_no_error (error);

  if (quote != NULL)
    {
      g_autoptr(ClipperHighlight) highlight = clipper_highlight_new ();

      clipper_highlight_set_clipping_id (highlight, id);
      clipper_highlight_set_exact (highlight, quote);
      clipper_highlight_set_orphaned (highlight, TRUE);
      clipper_store_add_highlight (fixture->store, highlight, &error);
      g_assert_no_error (error);
    }
  return id;
}

typedef struct
{
  ClipperFetchSummary *summary;
  GError              *error;
  GCancellable        *cancel_at_first;
  guint                progress_calls;
  guint                last_done;
  gboolean             done;
} Wait;

static void
on_progress_cb (ClipperFetchQueue *queue,
                guint              done,
                guint              total,
                gpointer           user_data)
{
  Wait *wait = user_data;

  g_assert_cmpuint (done, <=, total);
  g_assert_cmpuint (done, >=, wait->last_done);
  wait->last_done = done;
  wait->progress_calls++;
  if (done == 1 && wait->cancel_at_first != NULL)
    g_cancellable_cancel (wait->cancel_at_first);
}

static void
on_run_cb (GObject      *object,
           GAsyncResult *result,
           gpointer      user_data)
{
  Wait *wait = user_data;

  wait->summary = clipper_fetch_queue_run_finish (CLIPPER_FETCH_QUEUE (object), result, &wait->error);
  g_assert_true (wait->summary != NULL || wait->error != NULL);
  wait->done = TRUE;
}

static ClipperFetchSummary *
run (ClipperFetchQueue *queue,
     const gint64      *ids,
     guint              n_ids,
     GCancellable      *cancellable)
{
  Wait wait = { 0 };
  gulong handler;

  wait.cancel_at_first = cancellable;
  handler = g_signal_connect (queue, "progress", G_CALLBACK (on_progress_cb), &wait);
  clipper_fetch_queue_run_async (queue, ids, n_ids, cancellable, on_run_cb, &wait);
  clipper_test_iterate_until (clipper_test_flag_set, &wait.done, "the pages to be fetched");
  g_signal_handler_disconnect (queue, handler);
  g_assert_no_error (wait.error);
  g_assert_cmpuint (wait.progress_calls, >=, 1);
  return wait.summary;
}

static guint
count_waiting (Fixture *fixture)
{
  g_autoptr(GPtrArray) waiting = clipper_store_list_unfetched (fixture->store, NULL, 0, NULL);

  return waiting->len;
}

static void
test_fetches_text_and_places (Fixture       *fixture,
                              gconstpointer  data)
{
  g_autoptr(ClipperFetchQueue) queue = clipper_fetch_queue_new (fixture->store);
  g_autoptr(ClipperFetchSummary) summary = NULL;
  g_autoptr(ClipperClipping) clipping = NULL;
  g_autoptr(GPtrArray) highlights = NULL;
  g_autoptr(ClipperClipping) untouched = NULL;
  gint64 id, other, ids[2];

  id = add_waiting (fixture, "127.0.0.1", "/page/1", "melting ice shelves expose the coast");
  other = add_waiting (fixture, "127.0.0.1", "/page/2", "a quote the page does not have");
  add_waiting (fixture, "127.0.0.1", "/page/3", NULL);
  g_assert_cmpuint (count_waiting (fixture), ==, 3);

  /* Only the pages asked for, and only those still waiting. */
  ids[0] = id;
  ids[1] = other;
  summary = run (queue, ids, 2, NULL);
  g_assert_cmpuint (summary->total, ==, 2);
  g_assert_cmpuint (summary->fetched, ==, 2);
  g_assert_cmpuint (summary->failed, ==, 0);
  g_assert_cmpuint (summary->highlights_placed, ==, 1);
  g_assert_false (summary->cancelled);
  g_assert_cmpuint (count_waiting (fixture), ==, 1);

  clipping = clipper_store_find_clipping (fixture->store, id, NULL);
  g_assert_true (clipper_clipping_get_fetched (clipping));
  g_assert_cmpstr (clipper_clipping_get_title (clipping), ==, "Glaciers in retreat");
  g_assert_nonnull (strstr (clipper_clipping_get_text (clipping), "river carried more silt"));
  highlights = clipper_store_list_highlights (fixture->store, id, NULL);
  g_assert_cmpuint (highlights->len, ==, 1);
  g_assert_false (clipper_highlight_get_orphaned (g_ptr_array_index (highlights, 0)));
  g_clear_pointer (&highlights, g_ptr_array_unref);
  highlights = clipper_store_list_highlights (fixture->store, other, NULL);
  g_assert_true (clipper_highlight_get_orphaned (g_ptr_array_index (highlights, 0)));

  /* Asked again: nothing left to do for those two. */
  g_clear_pointer (&summary, clipper_fetch_summary_free);
  summary = run (queue, ids, 2, NULL);
  g_assert_cmpuint (summary->total, ==, 0);

  /* With no ids, the rest of the library. */
  g_clear_pointer (&summary, clipper_fetch_summary_free);
  summary = run (queue, NULL, 0, NULL);
  g_assert_cmpuint (summary->total, ==, 1);
  g_assert_cmpuint (summary->fetched, ==, 1);
  g_assert_cmpuint (count_waiting (fixture), ==, 0);
  untouched = clipper_store_find_clipping (fixture->store, other, NULL);
  g_assert_true (clipper_clipping_get_fetched (untouched));
}

static void
check_limits (Fixture *fixture,
              guint    parallel,
              guint    per_host)
{
  g_autoptr(ClipperFetchQueue) queue = clipper_fetch_queue_new (fixture->store);
  g_autoptr(ClipperFetchSummary) summary = NULL;

  for (guint i = 0; i < 6; i++)
    {
      g_autofree char *path = g_strdup_printf ("/page/%u-%u-%u", parallel, per_host, i);

      add_waiting (fixture, "127.0.0.1", path, NULL);
      add_waiting (fixture, "localhost", path, NULL);
    }
  fixture->max_busy = fixture->max_total = 0;
  clipper_fetch_queue_set_limits (queue, parallel, per_host);
  summary = run (queue, NULL, 0, NULL);
  g_assert_cmpuint (summary->fetched, ==, 12);
  g_assert_cmpuint (fixture->max_busy, ==, MIN (parallel, per_host));
  g_assert_cmpuint (fixture->max_total, ==, MIN (parallel, 2 * per_host));
}

static void
test_limits (Fixture       *fixture,
             gconstpointer  data)
{
  check_limits (fixture, 3, 2);
  check_limits (fixture, 4, 1);
  check_limits (fixture, 1, 2);
  check_limits (fixture, 6, 3);
}

static void
test_retries (Fixture       *fixture,
              gconstpointer  data)
{
  g_autoptr(ClipperFetchQueue) queue = clipper_fetch_queue_new (fixture->store);
  g_autoptr(ClipperFetchSummary) summary = NULL;
  g_autofree char *gone = NULL;
  gint64 id;

  /* Two failures, two more tries: fetched on the third. */
  id = add_waiting (fixture, "127.0.0.1", "/flaky", "melting ice shelves");
  fixture->flaky_failures = 2;
  clipper_fetch_queue_set_retries (queue, 2, 10);
  summary = run (queue, &id, 1, NULL);
  g_assert_cmpuint (summary->fetched, ==, 1);
  g_assert_cmpuint (summary->highlights_placed, ==, 1);
  g_assert_cmpuint (fixture->flaky_requests, ==, 3);

  /* Three failures are one too many. */
  g_clear_pointer (&summary, clipper_fetch_summary_free);
  clipper_store_delete_clipping (fixture->store, id, NULL);
  id = add_waiting (fixture, "127.0.0.1", "/flaky", NULL);
  fixture->flaky_requests = 0;
  fixture->flaky_failures = 3;
  summary = run (queue, &id, 1, NULL);
  g_assert_cmpuint (summary->fetched, ==, 0);
  g_assert_cmpuint (summary->failed, ==, 1);
  g_assert_cmpuint (fixture->flaky_requests, ==, 3);
  g_assert_cmpuint (summary->problems->len, ==, 1);
  g_assert_nonnull (strstr (g_ptr_array_index (summary->problems, 0), "/flaky: "));
  g_assert_nonnull (strstr (g_ptr_array_index (summary->problems, 0), "503"));
  g_assert_cmpuint (count_waiting (fixture), ==, 1);

  /* A missing page is not asked for again. */
  g_clear_pointer (&summary, clipper_fetch_summary_free);
  id = add_waiting (fixture, "127.0.0.1", "/gone", NULL);
  summary = run (queue, &id, 1, NULL);
  g_assert_cmpuint (summary->failed, ==, 1);
  g_assert_cmpuint (fixture->gone_requests, ==, 1);
  gone = g_strdup_printf ("http://127.0.0.1:%u/gone: ", fixture->port);
  g_assert_true (g_str_has_prefix (g_ptr_array_index (summary->problems, 0), gone));
}

static void
test_redirect_keeps_address (Fixture       *fixture,
                             gconstpointer  data)
{
  g_autoptr(ClipperFetchQueue) queue = clipper_fetch_queue_new (fixture->store);
  g_autoptr(ClipperFetchSummary) summary = NULL;
  g_autoptr(ClipperClipping) clipping = NULL;
  g_autofree char *url = g_strdup_printf ("http://127.0.0.1:%u/old", fixture->port);
  gint64 id = add_waiting (fixture, "127.0.0.1", "/old", NULL);

  summary = run (queue, NULL, 0, NULL);
  g_assert_cmpuint (summary->fetched, ==, 1);
  clipping = clipper_store_find_clipping (fixture->store, id, NULL);
  g_assert_cmpstr (clipper_clipping_get_url (clipping), ==, url);
  g_assert_true (clipper_clipping_get_fetched (clipping));
  g_assert_cmpint (clipper_store_find_clipping_by_url (fixture->store, url, NULL), ==, id);
  g_assert_cmpuint (clipper_store_count_clippings (fixture->store, NULL), ==, 1);
}

static void
test_cancel_leaves_rest_waiting (Fixture       *fixture,
                                 gconstpointer  data)
{
  g_autoptr(ClipperFetchQueue) queue = clipper_fetch_queue_new (fixture->store);
  g_autoptr(ClipperFetchSummary) summary = NULL;
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();

  for (guint i = 0; i < 8; i++)
    {
      g_autofree char *path = g_strdup_printf ("/page/%u", i);

      add_waiting (fixture, "127.0.0.1", path, NULL);
    }
  clipper_fetch_queue_set_limits (queue, 1, 1);
  summary = run (queue, NULL, 0, cancellable);
  g_assert_true (summary->cancelled);
  g_assert_cmpuint (summary->fetched, ==, 1);
  g_assert_cmpuint (summary->failed, ==, 0);
  g_assert_cmpuint (count_waiting (fixture), ==, 7);
}

static void
test_cancel_during_wait (Fixture       *fixture,
                         gconstpointer  data)
{
  g_autoptr(ClipperFetchQueue) queue = clipper_fetch_queue_new (fixture->store);
  g_autoptr(ClipperFetchSummary) summary = NULL;
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  gint64 ids[2];

  /* The first page is fetched (and cancels) while the second waits an
   * hour for its next try: the Cancel ends the wait. */
  ids[0] = add_waiting (fixture, "127.0.0.1", "/flaky", NULL);
  ids[1] = add_waiting (fixture, "localhost", "/page/slow", NULL);
  fixture->flaky_failures = 1;
  clipper_fetch_queue_set_retries (queue, 1, 3600 * 1000);
  summary = run (queue, ids, 2, cancellable);
  g_assert_true (summary->cancelled);
  g_assert_cmpuint (summary->fetched, ==, 1);
  g_assert_cmpuint (count_waiting (fixture), ==, 1);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

#define ADD(path, func) g_test_add (path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)
  ADD ("/fetch-queue/fetches-text-and-places", test_fetches_text_and_places);
  ADD ("/fetch-queue/limits", test_limits);
  ADD ("/fetch-queue/retries", test_retries);
  ADD ("/fetch-queue/redirect-keeps-address", test_redirect_keeps_address);
  ADD ("/fetch-queue/cancel-leaves-rest-waiting", test_cancel_leaves_rest_waiting);
  ADD ("/fetch-queue/cancel-during-wait", test_cancel_during_wait);
#undef ADD

  return g_test_run ();
}
