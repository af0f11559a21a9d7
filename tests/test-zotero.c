/* test-zotero.c
 *
 * Copyright 2026 The Clipper authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Send to Zotero, against a SoupServer that answers as Zotero's connector
 * server does (chrome/content/zotero/xpcom/server/server_connector.js and
 * server.js in Zotero's source: /connector/ping, /connector/saveItems with
 * 201, refusals of a browser's User-Agent). A real Zotero cannot run here.
 */

#include "config.h"

#include <json-glib/json-glib.h>
#include <libsoup/soup.h>
#include <string.h>

#include "clipper-capture.h"
#include "clipper-error.h"
#include "clipper-json.h"
#include "clipper-test-util.h"
#include "clipper-zotero.h"

typedef struct
{
  char         *dir;
  ClipperStore *store;
  SoupServer   *server;
  char         *base;
  char         *received;    /* the last saveItems body */
  guint         save_status; /* what saveItems answers */
  gint64        id;
} Fixture;

static void
on_request_cb (SoupServer        *server,
               SoupServerMessage *msg,
               const char        *path,
               GHashTable        *query,
               gpointer           user_data)
{
  Fixture *fixture = user_data;
  SoupMessageHeaders *headers = soup_server_message_get_request_headers (msg);
  const char *agent = soup_message_headers_get_one (headers, "User-Agent");

  /* As Zotero's server: a browser must come through its extension. */
  if (agent != NULL && strstr (agent, "Mozilla/") != NULL)
    {
      soup_server_message_set_status (msg, 403, NULL);
      return;
    }

  if (g_str_equal (path, "/connector/ping"))
    {
      soup_server_message_set_status (msg, 200, NULL);
      soup_server_message_set_response (msg, "text/plain", SOUP_MEMORY_STATIC, "Zotero is running", 17);
    }
  else if (g_str_equal (path, "/connector/saveItems") &&
           g_str_equal (soup_server_message_get_method (msg), "POST"))
    {
      SoupMessageBody *body = soup_server_message_get_request_body (msg);
      g_autoptr(GBytes) bytes = soup_message_body_flatten (body);

      g_assert_cmpstr (soup_message_headers_get_one (headers, "X-Zotero-Connector-API-Version"), ==, "3");
      g_assert_cmpstr (soup_message_headers_get_content_type (headers, NULL), ==, "application/json");
      g_free (fixture->received);
      fixture->received = g_strndup (g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes));
      soup_server_message_set_status (msg, fixture->save_status, NULL);
      if (fixture->save_status == 201)
        soup_server_message_set_response (msg, "application/json", SOUP_MEMORY_STATIC, "", 0);
    }
  else
    soup_server_message_set_status (msg, 404, NULL);
}

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  g_autofree char *path = NULL;
  g_autofree char *page = NULL;
  g_autofree char *file = g_test_build_filename (G_TEST_DIST, "fixtures", "news-jsonld.html", NULL);
  g_autoptr(ClipperClipping) clipping = NULL;
  g_autoptr(ClipperHighlight) highlight = clipper_highlight_new ();
  g_autoptr(ClipperAnchorText) text = NULL;
  g_autoptr(ClipperSelector) selector = NULL;
  g_autoptr(GError) error = NULL;
  g_autoslist(GUri) uris = NULL;
  const char *tags[] = { "budgets", NULL };
  gboolean refreshed;
  gsize length;
  gint64 start, end;

  fixture->dir = g_dir_make_tmp ("clipper-zotero-XXXXXX", NULL);
  path = g_build_filename (fixture->dir, "library.db", NULL);
  fixture->store = clipper_store_open (path, &error);
  g_assert_no_error (error);

  g_assert_true (g_file_get_contents (file, &page, &length, NULL));
  clipping = clipper_capture_page (page, length, "https://news.example/2025/allies", "UTF-8", &error);
  g_assert_no_error (error);
  fixture->id = clipper_capture_save (fixture->store, clipping, FALSE, &refreshed, &error);
  g_assert_no_error (error);
  g_assert_true (clipper_store_set_clipping_note (fixture->store, fixture->id, "Read **twice**.", NULL));

  text = clipper_anchor_text_new_from_html (clipper_clipping_get_content (clipping));
  g_assert_cmpint (clipper_anchor_find_quote (text, "most European countries", NULL, NULL, &start, &end), ==, 1);
  selector = clipper_selector_new (text, start, end);
  clipper_highlight_set_clipping_id (highlight, fixture->id);
  clipper_highlight_set_color (highlight, "blue");
  clipper_highlight_set_selector (highlight, selector);
  clipper_highlight_set_note (highlight, "Compare with *2 percent*.");
  clipper_highlight_set_tags (highlight, tags);
  clipper_store_add_highlight (fixture->store, highlight, &error);
  g_assert_no_error (error);

  fixture->save_status = 201;
  fixture->server = soup_server_new (NULL, NULL);
  soup_server_add_handler (fixture->server, NULL, on_request_cb, fixture, NULL);
  soup_server_listen_local (fixture->server, 0, SOUP_SERVER_LISTEN_IPV4_ONLY, &error);
  g_assert_no_error (error);
  uris = soup_server_get_uris (fixture->server);
  fixture->base = g_strdup_printf ("http://127.0.0.1:%d", g_uri_get_port (uris->data));
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  g_clear_object (&fixture->server);
  g_clear_object (&fixture->store);
  g_clear_pointer (&fixture->base, g_free);
  g_clear_pointer (&fixture->received, g_free);
  clipper_test_remove_tree (fixture->dir);
  g_clear_pointer (&fixture->dir, g_free);
}

typedef struct
{
  Fixture    *fixture;
  const char *base;
  gboolean    done;
  gboolean    sent;
  GError     *error;
} Send;

/* The sending blocks; the server answers on the main loop meanwhile. */
static gpointer
send_thread (gpointer data)
{
  Send *send = data;

  send->sent = clipper_zotero_send (send->fixture->store, send->fixture->id, send->base, &send->error);
  g_atomic_int_set (&send->done, TRUE);
  return NULL;
}

static gboolean
send_and_wait (Fixture     *fixture,
               const char  *base,
               GError     **error)
{
  Send send = { fixture, base };
  GThread *thread = g_thread_new ("send", send_thread, &send);

  clipper_test_iterate_until (clipper_test_flag_set, &send.done, "the item to be sent");
  g_thread_join (thread);
  if (send.error != NULL)
    g_propagate_error (error, send.error);
  return send.sent;
}

/* The item Zotero receives: its type, creators, title, site, dates and
 * address, and the note and highlights as one child note in HTML. */
static void
test_send (Fixture       *fixture,
           gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonNode) root = NULL;
  JsonNode *item;
  JsonNode *creators;
  const char *note;

  g_assert_true (send_and_wait (fixture, fixture->base, &error));
  g_assert_no_error (error);

  root = clipper_json_parse (fixture->received, -1, &error);
  g_assert_no_error (error);
  g_assert_nonnull (clipper_json_get_member_string (root, "sessionID"));
  item = clipper_json_get_element (clipper_json_get_member (root, "items"), 0);
  g_assert_cmpstr (clipper_json_get_member_string (item, "itemType"), ==, "newspaperArticle");
  g_assert_cmpstr (clipper_json_get_member_string (item, "title"), ==, "Allies weigh defence spending targets");
  g_assert_cmpstr (clipper_json_get_member_string (item, "publicationTitle"), ==, "The Example Times");
  g_assert_cmpstr (clipper_json_get_member_string (item, "url"), ==, "https://news.example/2025/allies");
  g_assert_cmpstr (clipper_json_get_member_string (item, "date"), ==, "2025-02-12");
  g_assert_true (g_regex_match_simple ("^\\d{4}-\\d\\d-\\d\\d \\d\\d:\\d\\d:\\d\\d$",
                                       clipper_json_get_member_string (item, "accessDate"), 0, 0));
  creators = clipper_json_get_member (item, "creators");
  g_assert_cmpuint (clipper_json_get_length (creators), ==, 2);
  g_assert_cmpstr (clipper_json_get_member_string (clipper_json_get_element (creators, 0), "lastName"), ==, "Lopez");
  g_assert_cmpstr (clipper_json_get_member_string (clipper_json_get_element (creators, 0), "firstName"), ==, "Maria");
  g_assert_cmpstr (clipper_json_get_member_string (clipper_json_get_element (creators, 0), "creatorType"), ==,
                   "author");

  note = clipper_json_get_member_string (clipper_json_get_element (clipper_json_get_member (item, "notes"), 0),
                                         "note");
  g_assert_nonnull (strstr (note, "<p>Read <strong>twice</strong>.</p>"));
  g_assert_nonnull (strstr (note, "<blockquote><p>most European countries</p></blockquote>"));
  g_assert_nonnull (strstr (note, "Blue · budgets"));
  g_assert_nonnull (strstr (note, "<p>Compare with <em>2 percent</em>.</p>"));
}

/* Zotero not running: one sentence saying so. */
static void
test_not_running (Fixture       *fixture,
                  gconstpointer  data)
{
  g_autoptr(GError) error = NULL;

  g_assert_false (send_and_wait (fixture, "http://127.0.0.1:1", &error));
  g_assert_error (error, CLIPPER_ERROR, CLIPPER_ERROR_NETWORK);
  g_assert_nonnull (strstr (error->message, "Zotero is not running"));
}

/* Zotero answers but does not save: the status is said, not hidden. */
static void
test_refused (Fixture       *fixture,
              gconstpointer  data)
{
  g_autoptr(GError) error = NULL;

  fixture->save_status = 500;
  g_assert_false (send_and_wait (fixture, fixture->base, &error));
  g_assert_error (error, CLIPPER_ERROR, CLIPPER_ERROR_HTTP);
  g_assert_nonnull (strstr (error->message, "500"));
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add ("/clipper/zotero/send", Fixture, NULL, fixture_set_up, test_send, fixture_tear_down);
  g_test_add ("/clipper/zotero/not-running", Fixture, NULL, fixture_set_up, test_not_running, fixture_tear_down);
  g_test_add ("/clipper/zotero/refused", Fixture, NULL, fixture_set_up, test_refused, fixture_tear_down);

  return g_test_run ();
}
