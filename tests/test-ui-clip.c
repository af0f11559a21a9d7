/* test-ui-clip.c
 *
 * Copyright 2026 The Clipper authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Drives the real window with the real WebKit view: open a page, clip it,
 * find it in the library, reopen it offline, delete and undo.
 */

#include "config.h"

#include "clipper-test-widgets.h"

#include <gdk/x11/gdkx.h>
#include <glib/gstdio.h>
#include <libsoup/soup.h>
#include <string.h>
#include <webkit/webkit.h>

#include "clipper-anchor.h"
#include "clipper-application.h"
#include "clipper-capture.h"
#include "clipper-export-dialog.h"
#include "clipper-import-dialog.h"
#include "clipper-report-dialog.h"
#include "clipper-highlight-popover.h"
#include "clipper-preferences-window.h"
#include "clipper-site-picker.h"
#include "clipper-store-sync.h"
#include "clipper-sync-indicator.h"
#include "clipper-sync-secret.h"
#include "clipper-test-apache.h"
#include "clipper-uri.h"
#include "clipper-zip.h"
#include "clipper-window.h"

#define TIMEOUT_SECONDS 60

static ClipperApplication *app;
static ClipperWindow *window;
static char *library_dir;
static char *library_path;

typedef gboolean (*Condition) (gpointer data);

static gboolean
on_tick_cb (gpointer data)
{
  return G_SOURCE_CONTINUE;
}

/* Polls @condition while the main loop runs, failing after a timeout. */
static void
wait_until (Condition   condition,
            gpointer    data,
            const char *what)
{
  gint64 deadline = g_get_monotonic_time () + TIMEOUT_SECONDS * G_USEC_PER_SEC;
  guint tick = g_timeout_add (50, on_tick_cb, NULL);

  while (!condition (data))
    {
      if (g_get_monotonic_time () > deadline)
        g_error ("Timed out waiting for %s", what);
      g_main_context_iteration (NULL, TRUE);
    }

  g_source_remove (tick);
}

static gboolean
store_ready (gpointer data)
{
  return clipper_application_get_store (app) != NULL &&
         !clipper_library_view_is_loading (clipper_window_get_library_view (window));
}

static void screenshot (const char *name);

static GtkWidget *find_widget (GtkWidget *root,
                               GType      type);

static gboolean
progress_hidden (gpointer data)
{
  return !gtk_widget_get_visible (find_widget (GTK_WIDGET (window), GTK_TYPE_PROGRESS_BAR));
}

/* The reader's web view: the reader is created with the first page. */
static WebKitWebView *
get_web_view (void)
{
  ClipperReader *reader = clipper_window_get_reader (window);

  if (reader == NULL)
    return NULL;

  g_assert_true (WEBKIT_IS_WEB_VIEW (gtk_widget_get_first_child (GTK_WIDGET (reader))));
  return WEBKIT_WEB_VIEW (gtk_widget_get_first_child (GTK_WIDGET (reader)));
}

static gboolean
page_loaded (gpointer data)
{
  WebKitWebView *view = get_web_view ();
  const char *uri = view ? webkit_web_view_get_uri (view) : NULL;

  if (view == NULL)
    return FALSE;

  return !webkit_web_view_is_loading (view) && g_strcmp0 (uri, data) == 0;
}

static gboolean
library_has_n (gpointer data)
{
  GListModel *model = clipper_library_view_get_model (clipper_window_get_library_view (window));

  return g_list_model_get_n_items (model) == GPOINTER_TO_UINT (data) &&
         !clipper_window_is_clipping (window);
}

static gboolean
library_loaded (gpointer data)
{
  return !clipper_library_view_is_loading (clipper_window_get_library_view (window));
}

/* Some tests add clippings to the store directly; the list reads them anew. */
static guint
synced_count (void)
{
  ClipperLibraryView *library = clipper_window_get_library_view (window);

  clipper_library_view_reload (library);
  wait_until (library_loaded, NULL, "the library list");
  return g_list_model_get_n_items (clipper_library_view_get_model (library));
}

typedef struct
{
  JSCValue *value;
  GError   *error;
  gboolean  done;
} JsResult;

static void
on_js_done_cb (GObject      *object,
               GAsyncResult *result,
               gpointer      user_data)
{
  JsResult *js = user_data;

  js->value = webkit_web_view_evaluate_javascript_finish (WEBKIT_WEB_VIEW (object), result,
                                                          &js->error);
  js->done = TRUE;
}

static gboolean
js_done (gpointer data)
{
  return ((JsResult *)data)->done;
}

static char *
eval_in_world (const char *world,
               const char *script)
{
  JsResult js = { 0 };
  char *text;

  webkit_web_view_evaluate_javascript (get_web_view (), script, -1,
                                       world, NULL, NULL, on_js_done_cb, &js);
  wait_until (js_done, &js, script);
  g_assert_no_error (js.error);
  text = jsc_value_to_string (js.value);
  g_object_unref (js.value);

  return text;
}

static char *
eval_string (const char *script)
{
  return eval_in_world (NULL, script);
}

/* In the reader script's own world, where window.clipper lives. */
static char *
eval_reader (const char *script)
{
  return eval_in_world ("clipper", script);
}

static GtkWidget *
find_widget (GtkWidget *root,
             GType      type)
{
  if (G_TYPE_CHECK_INSTANCE_TYPE (root, type))
    return root;

  for (GtkWidget *child = gtk_widget_get_first_child (root); child;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_widget (child, type);

      if (found)
        return found;
    }

  return NULL;
}

/* The @index-th widget of @type below @root, in tree order. */
static GtkWidget *
find_all_first (GtkWidget *root,
                GType      type,
                guint      index)
{
  g_autoptr(GPtrArray) all = g_ptr_array_new ();

  clipper_test_find_all (root, type, all);
  g_assert_cmpuint (all->len, >, index);
  return g_ptr_array_index (all, index);
}

static GPtrArray *remote_loads;

static void
on_resource_load_started_cb (WebKitWebView     *view,
                             WebKitWebResource *resource,
                             WebKitURIRequest  *request,
                             gpointer           user_data)
{
  const char *uri = webkit_uri_request_get_uri (request);

  if (g_str_has_prefix (uri, "http:") || g_str_has_prefix (uri, "https:"))
    g_ptr_array_add (remote_loads, g_strdup (uri));
}

static void
test_clip_and_reopen (void)
{
  g_autofree char *fixture = g_build_filename (g_getenv ("G_TEST_SRCDIR"),
                                               "fixtures", "article.html", NULL);
  g_autofree char *fixture_uri = g_filename_to_uri (fixture, NULL, NULL);
  g_autofree char *live_marker = NULL;
  g_autofree char *body = NULL;
  g_autofree char *scripts = NULL;
  g_autofree char *title = NULL;
  g_autofree char *clipping_uri = NULL;
  g_autoptr(ClipperClipping) stored = NULL;
  g_autoptr(ClipperClipping) listed = NULL;
  g_autoptr(GError) error = NULL;
  WebKitWebView *view;
  ClipperLibraryView *library = clipper_window_get_library_view (window);
  GListModel *model = clipper_library_view_get_model (library);
  GtkWidget *list_view;
  AdwStatusPage *empty;

  wait_until (store_ready, NULL, "the library to open");
  g_assert_cmpuint (g_list_model_get_n_items (model), ==, 0);
  g_assert_false (g_action_group_get_action_enabled (G_ACTION_GROUP (window), "clip"));

  /* Nothing open yet: no web view, and a page that says what to do. */
  g_assert_null (clipper_window_get_reader (window));
  {
    g_autoptr(GPtrArray) pages = g_ptr_array_new ();

    clipper_test_find_all (GTK_WIDGET (window), ADW_TYPE_STATUS_PAGE, pages);
    empty = NULL;
    for (guint i = 0; i < pages->len; i++)
      if (g_strcmp0 (adw_status_page_get_title (pages->pdata[i]), "No Page Open") == 0)
        empty = pages->pdata[i];
    g_assert_nonnull (empty);
    g_assert_true (gtk_widget_is_drawable (GTK_WIDGET (empty)));
  }
  screenshot ("start.png");

  /* Typed as a path, the way a user would: progress shows at once, while
   * WebKit starts. */
  clipper_window_load_address (window, fixture);
  g_assert_true (gtk_widget_get_visible (find_widget (GTK_WIDGET (window), GTK_TYPE_PROGRESS_BAR)));
  wait_until (page_loaded, fixture_uri, "the fixture page to load");
  wait_until (progress_hidden, NULL, "the progress bar to go");
  view = get_web_view ();
  g_assert_true (gtk_widget_is_drawable (GTK_WIDGET (view)));
  g_assert_false (gtk_widget_get_child_visible (GTK_WIDGET (empty)));

  /* The page's script ran on the live page. */
  live_marker = eval_string ("document.getElementById('added-by-script') ? 'yes' : 'no'");
  g_assert_cmpstr (live_marker, ==, "yes");

  g_assert_true (g_action_group_get_action_enabled (G_ACTION_GROUP (window), "clip"));
  g_action_group_activate_action (G_ACTION_GROUP (window), "clip", NULL);
  wait_until (library_has_n, GUINT_TO_POINTER (1), "the clipping to reach the library");

  listed = g_list_model_get_item (model, 0);
  g_assert_cmpstr (clipper_clipping_get_title (listed), ==,
                   "US defence chief signals major shift in Ukraine support in first NATO meet");

  stored = clipper_store_find_clipping (clipper_application_get_store (app),
                                        clipper_clipping_get_id (listed), &error);
  g_assert_no_error (error);
  g_assert_cmpstr (clipper_clipping_get_url (stored), ==, fixture_uri);
  g_assert_nonnull (strstr (clipper_clipping_get_text (stored), "illusionary goal"));
  /* What the page's script built is part of the clipping… */
  g_assert_nonnull (strstr (clipper_clipping_get_text (stored), "added by the page script"));
  /* …but no script, handler, frame or javascript: link is. */
  g_assert_null (strstr (clipper_clipping_get_content (stored), "<script"));
  g_assert_null (strstr (clipper_clipping_get_content (stored), "onerror"));
  g_assert_null (strstr (clipper_clipping_get_content (stored), "onclick"));
  g_assert_null (strstr (clipper_clipping_get_content (stored), "javascript:"));
  g_assert_null (strstr (clipper_clipping_get_content (stored), "<iframe"));

  /* Reopen from the Library, as a click on the row does. */
  remote_loads = g_ptr_array_new_with_free_func (g_free);
  g_signal_connect (view, "resource-load-started", G_CALLBACK (on_resource_load_started_cb), NULL);

  list_view = find_widget (GTK_WIDGET (library), GTK_TYPE_LIST_VIEW);
  g_assert_nonnull (list_view);
  g_assert_true (gtk_widget_activate_action (list_view, "list.activate-item", "u", 0));

  clipping_uri = g_strdup_printf ("clipper://clipping/%" G_GINT64_FORMAT,
                                  clipper_clipping_get_id (listed));
  wait_until (page_loaded, clipping_uri, "the clipping to open");

  body = eval_string ("document.body.innerText");
  g_assert_nonnull (strstr (body, "illusionary goal"));
  g_assert_nonnull (strstr (body, "Europeans must provide"));
  scripts = eval_string ("String(document.scripts.length)");
  g_assert_cmpstr (scripts, ==, "0");
  title = eval_string ("document.title");
  g_assert_cmpstr (title, ==, clipper_clipping_get_title (listed));

  /* Offline: the stored copy asked nothing of the network. */
  g_signal_handlers_disconnect_by_func (view, on_resource_load_started_cb, NULL);
  for (guint i = 0; i < remote_loads->len; i++)
    g_test_message ("remote load: %s", (char *)g_ptr_array_index (remote_loads, i));
  g_assert_cmpuint (remote_loads->len, ==, 0);
  g_clear_pointer (&remote_loads, g_ptr_array_unref);

  /* The Clip action only applies to web pages. */
  g_assert_false (g_action_group_get_action_enabled (G_ACTION_GROUP (window), "clip"));
}

static gboolean
images_ready (gpointer data)
{
  g_autofree char *state = eval_string ("Array.from(document.images).every(i => i.complete) ? 'done' : 'loading'");

  return g_str_equal (state, "done");
}

/* The seed article in a blog page: the reader shows just the article,
 * with its image served from the library. */
static void
test_reader_offline_images (void)
{
  g_autofree char *fixture = g_build_filename (g_getenv ("G_TEST_SRCDIR"),
                                               "fixtures", "blogger-post.html", NULL);
  g_autofree char *fixture_uri = g_filename_to_uri (fixture, NULL, NULL);
  g_autofree char *clipping_uri = NULL;
  g_autofree char *images = NULL;
  g_autofree char *text = NULL;
  g_autofree char *heading = NULL;
  g_autoptr(ClipperClipping) listed = NULL;
  ClipperLibraryView *library = clipper_window_get_library_view (window);
  GListModel *model = clipper_library_view_get_model (library);
  guint before = synced_count ();

  clipper_window_load_address (window, fixture);
  wait_until (page_loaded, fixture_uri, "the blog page to load");
  g_action_group_activate_action (G_ACTION_GROUP (window), "clip", NULL);
  wait_until (library_has_n, GUINT_TO_POINTER (before + 1), "the blog post to reach the library");

  listed = g_list_model_get_item (model, 0);
  g_assert_cmpstr (clipper_clipping_get_title (listed), ==,
                   "US defence chief signals major shift in Ukraine support in first NATO meet");

  clipper_window_open_clipping (window, clipper_clipping_get_id (listed));
  clipping_uri = g_strdup_printf ("clipper://clipping/%" G_GINT64_FORMAT, clipper_clipping_get_id (listed));
  wait_until (page_loaded, clipping_uri, "the clipping to open");
  wait_until (images_ready, NULL, "the images to load");

  images = eval_string ("Array.from(document.images).map(i => (i.src.startsWith('clipper://resource/') && i.naturalWidth == 64) ? 'ok' : i.src).join(' ')");
  g_assert_cmpstr (images, ==, "ok");

  heading = eval_string ("document.querySelector('h1').textContent");
  g_assert_cmpstr (heading, ==, clipper_clipping_get_title (listed));

  text = eval_string ("document.getElementById('clipper-content').innerText");
  g_assert_nonnull (strstr (text, "Europeans must provide"));
  g_assert_nonnull (strstr (text, "Zelenskyy also said on Wednesday"));
  g_assert_null (strstr (text, "Popular Posts"));
  g_assert_null (strstr (text, "Post a Comment"));
}

static GtkWidget *
find_status_page (const char *title)
{
  g_autoptr(GPtrArray) pages = g_ptr_array_new ();

  clipper_test_find_all (GTK_WIDGET (window), ADW_TYPE_STATUS_PAGE, pages);
  for (guint i = 0; i < pages->len; i++)
    if (g_strcmp0 (adw_status_page_get_title (pages->pdata[i]), title) == 0)
      return pages->pdata[i];

  return NULL;
}

static gboolean
widget_mapped (gpointer data)
{
  return gtk_widget_get_mapped (data);
}

static gboolean
widget_unmapped (gpointer data)
{
  return !gtk_widget_get_mapped (data);
}

/* A page whose web process dies is replaced by a page saying so, and
 * Reload brings it back. */
static void
test_page_crash (void)
{
  WebKitWebView *view = get_web_view ();
  g_autofree char *uri = NULL;
  GtkWidget *page = find_status_page ("This Page Stopped Working");

  g_assert_nonnull (view);
  g_assert_nonnull (page);
  uri = g_strdup (webkit_web_view_get_uri (view));
  g_assert_false (gtk_widget_get_mapped (page));

  webkit_web_view_terminate_web_process (view);
  wait_until (widget_mapped, page, "the page saying the page stopped");
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (find_widget (GTK_WIDGET (window), GTK_TYPE_ENTRY))), ==, uri);
  g_assert_nonnull (strstr (adw_status_page_get_description (ADW_STATUS_PAGE (page)), "stopped"));
  g_assert_true (g_action_group_get_action_enabled (G_ACTION_GROUP (window), "reload"));
  screenshot ("page-crash.png");

  g_action_group_activate_action (G_ACTION_GROUP (window), "reload", NULL);
  wait_until (page_loaded, uri, "the page again");
  wait_until (widget_unmapped, page, "the page back in its place");
  g_assert_true (gtk_widget_get_mapped (GTK_WIDGET (view)));
}

static void
serve_cb (SoupServer        *server,
          SoupServerMessage *message,
          const char        *path,
          GHashTable        *query,
          gpointer           data)
{
  const char *body;

  if (g_str_equal (path, "/missing"))
    {
      body = "<html><head><title>Error response</title></head><body><h1>Error response</h1>"
             "<p>Error code: 404</p><p>Message: File not found.</p></body></html>";
      soup_server_message_set_status (message, 404, NULL);
    }
  else
    {
      body = "<html><head><title>A served page</title></head><body><article><p>A page served "
             "over HTTP, with enough words to be an article, and a comma or two.</p></article></body></html>";
      soup_server_message_set_status (message, 200, NULL);
    }
  soup_server_message_set_response (message, "text/html; charset=utf-8", SOUP_MEMORY_STATIC,
                                    body, strlen (body));
}

static gboolean
status_page_shown (gpointer data)
{
  GtkWidget *page = find_status_page (data);

  return page != NULL && gtk_widget_get_mapped (page);
}

static gboolean
description_has (gpointer data)
{
  GtkWidget *page = find_status_page ("Could Not Load This Page");

  return page != NULL && strstr (adw_status_page_get_description (ADW_STATUS_PAGE (page)), data) != NULL;
}

static gboolean
action_enabled (gpointer data)
{
  return g_action_group_get_action_enabled (G_ACTION_GROUP (window), data);
}

/* A page that cannot load shows why, in Clipper's style, keeps its address
 * and offers Try Again; nothing of it can be clipped, nor can a server's
 * error page. */
static void
test_load_failures (void)
{
  g_autoptr(SoupServer) server = soup_server_new (NULL, NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(GSList) uris = NULL;
  g_autofree char *missing = NULL;
  g_autofree char *served = NULL;
  g_autofree char *refused = NULL;
  const char *reserved = "http://127.0.0.1:9/";
  GtkWidget *page;
  GtkWidget *entry;

  /* A port nothing listens on: one just freed. */
  {
    g_autoptr(GSocket) socket = g_socket_new (G_SOCKET_FAMILY_IPV4, G_SOCKET_TYPE_STREAM, G_SOCKET_PROTOCOL_TCP, NULL);
    g_autoptr(GInetAddress) loopback = g_inet_address_new_loopback (G_SOCKET_FAMILY_IPV4);
    g_autoptr(GSocketAddress) any_port = g_inet_socket_address_new (loopback, 0);
    g_autoptr(GSocketAddress) bound = NULL;

    g_assert_true (g_socket_bind (socket, any_port, FALSE, NULL));
    bound = g_socket_get_local_address (socket, NULL);
    refused = g_strdup_printf ("http://127.0.0.1:%u/", g_inet_socket_address_get_port (G_INET_SOCKET_ADDRESS (bound)));
    g_socket_close (socket, NULL);
  }

  soup_server_add_handler (server, NULL, serve_cb, NULL, NULL);
  g_assert_true (soup_server_listen_local (server, 0, SOUP_SERVER_LISTEN_IPV4_ONLY, &error));
  g_assert_no_error (error);
  uris = soup_server_get_uris (server);
  missing = g_strdup_printf ("http://127.0.0.1:%d/missing", g_uri_get_port (uris->data));
  served = g_strdup_printf ("http://127.0.0.1:%d/article", g_uri_get_port (uris->data));
  g_slist_free_full (g_steal_pointer (&uris), (GDestroyNotify)g_uri_unref);

  clipper_window_load_address (window, refused);
  wait_until (status_page_shown, (gpointer)"Could Not Load This Page", "the failure to show");
  page = find_status_page ("Could Not Load This Page");
  g_assert_nonnull (strstr (adw_status_page_get_description (ADW_STATUS_PAGE (page)), refused));
  g_assert_nonnull (strstr (adw_status_page_get_description (ADW_STATUS_PAGE (page)), "refused"));
  entry = find_widget (GTK_WIDGET (window), GTK_TYPE_ENTRY);
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (entry)), ==, refused);
  g_assert_false (action_enabled ((gpointer)"clip"));
  g_assert_true (action_enabled ((gpointer)"try-again"));
  screenshot ("load-failed.png");
  adw_style_manager_set_color_scheme (adw_style_manager_get_default (), ADW_COLOR_SCHEME_FORCE_DARK);
  screenshot ("load-failed-dark.png");
  adw_style_manager_set_color_scheme (adw_style_manager_get_default (), ADW_COLOR_SCHEME_DEFAULT);

  /* A port browsers never connect to fails the same way, not blank. */
  clipper_window_load_address (window, reserved);
  wait_until (status_page_shown, (gpointer)"Could Not Load This Page", "the reserved port's failure");
  page = find_status_page ("Could Not Load This Page");
  wait_until (description_has, (gpointer)reserved, "the reserved port's address");
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (entry)), ==, reserved);
  g_assert_false (action_enabled ((gpointer)"clip"));

  /* Try Again fails the same way, and says so again. */
  g_action_group_activate_action (G_ACTION_GROUP (window), "try-again", NULL);
  wait_until (action_enabled, (gpointer)"try-again", "the second failure");
  g_assert_true (status_page_shown ((gpointer)"Could Not Load This Page"));

  /* A server's error page shows, but is not for clipping. */
  clipper_window_load_address (window, missing);
  wait_until (page_loaded, missing, "the error page");
  g_assert_false (status_page_shown ((gpointer)"Could Not Load This Page"));
  g_assert_false (action_enabled ((gpointer)"clip"));

  clipper_window_load_address (window, served);
  wait_until (page_loaded, served, "the served page");
  wait_until (action_enabled, (gpointer)"clip", "Clip to be offered");
}

static void
test_address_errors (void)
{
  WebKitWebView *view = get_web_view ();
  g_autofree char *before = g_strdup (webkit_web_view_get_uri (view));
  const char *inputs[] = { "not an address", "javascript:alert(1)", "/no/such/file.html", "" };

  for (guint i = 0; i < G_N_ELEMENTS (inputs); i++)
    {
      GtkRevealer *revealer;
      GtkWidget *entry;

      clipper_window_load_address (window, inputs[i]);

      revealer = GTK_REVEALER (find_widget (GTK_WIDGET (window), GTK_TYPE_REVEALER));
      g_assert_true (gtk_revealer_get_reveal_child (revealer));
      entry = find_widget (GTK_WIDGET (window), GTK_TYPE_ENTRY);
      g_assert_true (gtk_widget_has_css_class (entry, "error"));
      g_assert_cmpstr (webkit_web_view_get_uri (view), ==, before);
    }
}

static gboolean
reader_ready (gpointer data)
{
  g_autofree char *state = eval_reader ("typeof window.clipper === 'object' ? 'yes' : 'no'");

  return g_str_equal (state, "yes");
}

static void
open_clipping_and_wait (gint64 id)
{
  g_autofree char *uri = g_strdup_printf ("clipper://clipping/%" G_GINT64_FORMAT, id);

  clipper_window_open_clipping (window, id);
  wait_until (page_loaded, uri, "the clipping to open");
  wait_until (reader_ready, NULL, "the reader script");
}

static gint64
utf16_offset (const char *text,
              const char *needle)
{
  const char *found = strstr (text, needle);
  glong length = 0;
  g_autofree gunichar2 *units = NULL;

  g_assert_nonnull (found);
  units = g_utf8_to_utf16 (text, found - text, NULL, &length, NULL);
  return length;
}

static gint64
utf16_length (const char *text)
{
  glong length = 0;
  g_autofree gunichar2 *units = g_utf8_to_utf16 (text, -1, NULL, &length, NULL);

  return length;
}

/* The page's script and the C side must read the same text, or offsets
 * would point at different words: checked on every fixture. */
static void
test_canonical_text_agrees (void)
{
  const char *fixtures[] = {
    "article.html", "blogger-post.html", "news-jsonld.html", "lazy-images.html",
    "not-article.html", "legacy-charset.html", "charset-mismatch.html", "rtl.html", "unicode.html",
  };
  ClipperStore *store = clipper_application_get_store (app);

  for (guint i = 0; i < G_N_ELEMENTS (fixtures); i++)
    {
      g_autofree char *path = g_build_filename (g_getenv ("G_TEST_SRCDIR"), "fixtures", fixtures[i], NULL);
      g_autofree char *uri = g_filename_to_uri (path, NULL, NULL);
      g_autofree char *contents = NULL;
      g_autofree char *page_text = NULL;
      g_autoptr(ClipperClipping) clipping = NULL;
      g_autoptr(ClipperAnchorText) text = NULL;
      g_autoptr(GError) error = NULL;
      gsize length;
      gint64 id;

      g_assert_true (g_file_get_contents (path, &contents, &length, NULL));
      clipping = clipper_capture_page (contents, length, uri, NULL, &error);
      g_assert_no_error (error);
      id = clipper_store_add_clipping (store, clipping, &error);
      g_assert_no_error (error);

      open_clipping_and_wait (id);
      page_text = eval_reader ("window.clipper.text()");
      text = clipper_anchor_text_new_from_html (clipper_clipping_get_content (clipping));
      g_test_message ("%s: %" G_GINT64_FORMAT " units", fixtures[i], clipper_anchor_text_get_length (text));
      g_assert_cmpstr (page_text, ==, clipper_anchor_text_get_utf8 (text));

      g_assert_true (clipper_store_delete_clipping (store, id, &error));
    }
}

/* With CLIPPER_TEST_SCREENSHOTS=DIR, the test saves what the screen shows
 * at its main steps, for people to look at. */
static gboolean
frame_drawn (gpointer data)
{
  return GPOINTER_TO_INT (g_object_get_data (G_OBJECT (window), "frames")) > GPOINTER_TO_INT (data);
}

static gboolean
count_frame_cb (GtkWidget     *widget,
                GdkFrameClock *clock,
                gpointer       data)
{
  int frames = GPOINTER_TO_INT (g_object_get_data (G_OBJECT (widget), "frames"));

  g_object_set_data (G_OBJECT (widget), "frames", GINT_TO_POINTER (frames + 1));
  return G_SOURCE_CONTINUE;
}

static void
wait_frames (int n)
{
  guint tick = gtk_widget_add_tick_callback (GTK_WIDGET (window), count_frame_cb, NULL, NULL);
  int frames = GPOINTER_TO_INT (g_object_get_data (G_OBJECT (window), "frames"));

  gtk_widget_queue_draw (GTK_WIDGET (window));
  wait_until (frame_drawn, GINT_TO_POINTER (frames + n), "frames to be drawn");
  gtk_widget_remove_tick_callback (GTK_WIDGET (window), tick);
}

static void
screenshot (const char *name)
{
  const char *dir = g_getenv ("CLIPPER_TEST_SCREENSHOTS");
  g_autofree char *path = NULL;
  g_autofree char *command = NULL;

  if (dir == NULL)
    return;

  /* A few frames, so the page and the widgets have painted. */
  wait_frames (10);

  path = g_build_filename (dir, name, NULL);
  command = g_strdup_printf ("import -window root %s", path);
  g_spawn_command_line_sync (command, NULL, NULL, NULL, NULL);
}

static gboolean
popover_shown (gpointer data)
{
  GtkWidget *popover = find_widget (GTK_WIDGET (window), CLIPPER_TYPE_HIGHLIGHT_POPOVER);

  return popover != NULL && gtk_widget_get_mapped (popover);
}

static gboolean
pane_has_n (gpointer data)
{
  GListModel *model = clipper_highlights_pane_get_model (clipper_window_get_highlights_pane (window));

  return g_list_model_get_n_items (model) == GPOINTER_TO_UINT (data);
}

static gboolean
note_saved (gpointer data)
{
  g_autoptr(GPtrArray) list = clipper_store_list_highlights (clipper_application_get_store (app),
                                                             *(gint64 *)data, NULL);

  for (guint i = 0; list && i < list->len; i++)
    if (g_strcmp0 (clipper_highlight_get_note (g_ptr_array_index (list, i)), "Worth quoting in the report.") == 0)
      return TRUE;
  return FALSE;
}

/* How many highlights the page draws (one may take several marks). */
static gboolean
marks_drawn (gpointer data)
{
  g_autofree char *count = eval_string ("String(new Set(Array.from(document.querySelectorAll('mark.clipper-highlight')).map(m => m.dataset.highlight)).size)");

  return g_str_equal (count, data);
}

/* Real key presses and pointer moves, through the X server as a person's
 * would come (xdotool, XTEST), to the window given the focus first. */
static gboolean
can_drive_x11 (void)
{
  g_autofree char *xdotool = g_find_program_in_path ("xdotool");

  if (!GDK_IS_X11_DISPLAY (gtk_widget_get_display (GTK_WIDGET (window))) || xdotool == NULL)
    {
      g_test_skip ("Needs an X11 display and xdotool");
      return FALSE;
    }
  return TRUE;
}

static void
xdotool (const char *format,
         ...) G_GNUC_PRINTF (1, 2);

static gulong
window_xid (void)
{
  return (gulong)gdk_x11_surface_get_xid (gtk_native_get_surface (GTK_NATIVE (window)));
}

static void
xdotool (const char *format,
         ...)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *arguments = NULL;
  g_autofree char *command = NULL;
  va_list args;
  int status = 0;

  va_start (args, format);
  arguments = g_strdup_vprintf (format, args);
  va_end (args);

  command = g_strdup_printf ("xdotool windowfocus --sync %lu %s", window_xid (), arguments);
  g_assert_true (g_spawn_command_line_sync (command, NULL, NULL, &status, &error));
  g_assert_no_error (error);
  g_assert_cmpint (status, ==, 0);
}

/* Whether the keyboard focus is inside a widget of type @data. */
static gboolean
focus_inside (gpointer data)
{
  GtkWidget *focus = gtk_root_get_focus (GTK_ROOT (window));

  return focus != NULL && (G_TYPE_CHECK_INSTANCE_TYPE (focus, GPOINTER_TO_SIZE (data)) ||
                           gtk_widget_get_ancestor (focus, GPOINTER_TO_SIZE (data)) != NULL);
}

/* Selects [@start, @end) by script, then presses @key on the keyboard,
 * through the X server: the reader acts on keys people press, not on
 * events a page dispatches. */
static void
press_key_on_selection (const char *text,
                        gint64      start,
                        gint64      end,
                        const char *key)
{
  g_autofree char *script = g_strdup_printf ("window.clipper.select(%" G_GINT64_FORMAT ", %" G_GINT64_FORMAT ") ? "
                                             "'selected' : 'failed'", start, end);
  g_autofree char *result = eval_reader (script);

  g_assert_cmpstr (result, ==, "selected");
  gtk_widget_grab_focus (GTK_WIDGET (get_web_view ()));
  xdotool ("key %s", key);
}

/* Select by script, highlight with the keyboard, see it in the sidebar,
 * write a note, recolour, reopen and find it all again. */
static void
test_highlight_with_keyboard (void)
{
  g_autofree char *fixture = g_build_filename (g_getenv ("G_TEST_SRCDIR"), "fixtures", "blogger-post.html", NULL);
  g_autofree char *uri = g_filename_to_uri (fixture, NULL, NULL);
  g_autofree char *contents = NULL;
  g_autofree char *marked = NULL;
  g_autoptr(ClipperClipping) clipping = NULL;
  g_autoptr(ClipperAnchorText) text = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) stored = NULL;
  ClipperStore *store = clipper_application_get_store (app);
  ClipperHighlightsPane *pane = clipper_window_get_highlights_pane (window);
  GListModel *model = clipper_highlights_pane_get_model (pane);
  ClipperHighlight *first;
  GtkTextView *note_view;
  const char *canonical;
  gint64 id, start, end;
  gsize length;

  g_assert_true (g_file_get_contents (fixture, &contents, &length, NULL));
  clipping = clipper_capture_page (contents, length, uri, NULL, &error);
  id = clipper_store_add_clipping (store, clipping, &error);
  g_assert_no_error (error);
  text = clipper_anchor_text_new_from_html (clipper_clipping_get_content (clipping));
  canonical = clipper_anchor_text_get_utf8 (text);

  open_clipping_and_wait (id);
  wait_until (pane_has_n, GUINT_TO_POINTER (0), "the empty highlights pane");

  /* H: the default colour. */
  start = utf16_offset (canonical, "illusionary goal");
  end = start + utf16_length ("illusionary goal");

  /* A key event the page makes up is not a key press: nothing happens. */
  {
    g_autofree char *script = g_strdup_printf (
      "window.clipper.select(%" G_GINT64_FORMAT ", %" G_GINT64_FORMAT ") && "
      "document.dispatchEvent(new KeyboardEvent('keydown', {key: 'h', bubbles: true})) ? 'sent' : 'failed'",
      start, end);
    g_autofree char *sent = eval_reader (script);
    g_autofree char *selection = NULL;

    g_assert_cmpstr (sent, ==, "sent");
    /* The selection is still there: the handler did not take it. */
    selection = eval_reader ("window.getSelection().toString()");
    g_assert_cmpstr (selection, ==, "illusionary goal");
    g_assert_cmpuint (g_list_model_get_n_items (model), ==, 0);
  }

  press_key_on_selection (canonical, start, end, "h");
  wait_until (pane_has_n, GUINT_TO_POINTER (1), "the highlight in the sidebar");

  first = g_list_model_get_item (model, 0);
  g_assert_cmpstr (clipper_highlight_get_exact (first), ==, "illusionary goal");
  g_assert_cmpstr (clipper_highlight_get_color (first), ==, "yellow");
  g_assert_cmpint (clipper_highlight_get_start (first), ==, start);
  g_object_unref (first);
  wait_until (marks_drawn, (gpointer)"1", "the mark in the page");

  /* 3: blue, across two paragraphs. */
  start = utf16_offset (canonical, "and this war must end");
  end = utf16_offset (canonical, "realistic assessment") + utf16_length ("realistic assessment");
  press_key_on_selection (canonical, start, end, "3");
  wait_until (pane_has_n, GUINT_TO_POINTER (2), "the second highlight");
  first = g_list_model_get_item (model, 0);
  g_assert_cmpstr (clipper_highlight_get_color (first), ==, "blue");
  g_assert_true (g_str_has_prefix (clipper_highlight_get_exact (first), "and this war must end"));
  g_object_unref (first);

  wait_until (marks_drawn, (gpointer)"2", "both highlights drawn");
  marked = eval_string ("Array.from(document.querySelectorAll('mark.clipper-blue')).map(m => m.textContent).join('')");
  g_assert_true (g_str_has_prefix (marked, "and this war must end"));
  g_assert_true (g_str_has_suffix (marked, "realistic assessment"));
  g_assert_null (strstr (marked, "illusionary"));

  /* A note, typed into the sidebar's editor, saves itself. */
  first = g_list_model_get_item (model, 1);
  clipper_highlights_pane_edit_note (pane, clipper_highlight_get_id (first));
  note_view = GTK_TEXT_VIEW (find_widget (GTK_WIDGET (pane), GTK_TYPE_TEXT_VIEW));
  gtk_text_buffer_set_text (gtk_text_view_get_buffer (note_view), "Worth quoting in the report.", -1);
  wait_until (note_saved, &id, "the note to be saved");

  /* Tags on the highlight, and a note and tags on the clipping. */
  {
    g_autoptr(GPtrArray) entries = g_ptr_array_new ();
    g_autoptr(GPtrArray) views = g_ptr_array_new ();
    g_autoptr(ClipperClipping) reloaded = NULL;
    g_autofree char *clipping_note = NULL;
    g_autoptr(GPtrArray) tagged = NULL;
    GtkDropDown *tag_filter;
    g_autoptr(GPtrArray) dropdowns = g_ptr_array_new ();

    gtk_expander_set_expanded (GTK_EXPANDER (find_widget (GTK_WIDGET (pane), GTK_TYPE_EXPANDER)), TRUE);
    clipper_test_find_all (GTK_WIDGET (pane), GTK_TYPE_ENTRY, entries);
    clipper_test_find_all (GTK_WIDGET (pane), GTK_TYPE_TEXT_VIEW, views);
    g_assert_cmpuint (entries->len, ==, 2);
    g_assert_cmpuint (views->len, ==, 2);

    gtk_editable_set_text (GTK_EDITABLE (g_ptr_array_index (entries, 1)), "nato, quote,  NATO ,");
    g_signal_emit_by_name (g_ptr_array_index (entries, 1), "activate");
    clipper_store_drain (store);
    tagged = clipper_store_list_highlights (store, id, &error);
    g_assert_cmpstrv (clipper_highlight_get_tags (g_ptr_array_index (tagged, 1)),
                      ((const char *[]) { "nato", "quote", NULL }));

    /* The tag filter shows only tagged highlights. */
    clipper_test_find_all (GTK_WIDGET (pane), GTK_TYPE_DROP_DOWN, dropdowns);
    tag_filter = g_ptr_array_index (dropdowns, 0);
    g_assert_true (gtk_widget_get_visible (GTK_WIDGET (tag_filter)));
    gtk_drop_down_set_selected (tag_filter, 1);
    g_assert_cmpuint (g_list_model_get_n_items (clipper_highlights_pane_get_shown (pane)), ==, 1);
    gtk_drop_down_set_selected (tag_filter, 0);

    gtk_text_buffer_set_text (gtk_text_view_get_buffer (g_ptr_array_index (views, 0)), "Read before the meeting.", -1);
    gtk_editable_set_text (GTK_EDITABLE (g_ptr_array_index (entries, 0)), "defence, week 7");
    g_signal_emit_by_name (g_ptr_array_index (entries, 0), "activate");
    /* Saved on the store's thread: wait for what is queued there. */
    clipper_store_drain (store);
    clipping_note = clipper_store_dup_clipping_note (store, id, &error);
    g_assert_cmpstr (clipping_note, ==, "Read before the meeting.");
    reloaded = clipper_store_find_clipping (store, id, &error);
    g_assert_cmpstrv (clipper_clipping_get_tags (reloaded), ((const char *[]) { "defence", "week 7", NULL }));
  }

  /* Recolour from the sidebar. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (pane), "pane.recolor", "(xs)",
                                             clipper_highlight_get_id (first), "green"));
  g_object_unref (first);
  g_clear_pointer (&marked, g_free);
  marked = eval_string ("Array.from(document.querySelectorAll('mark.clipper-green')).map(m => m.textContent).join('')");
  g_assert_cmpstr (marked, ==, "illusionary goal");

  /* A selection made with the mouse gets the popover. */
  {
    g_autofree char *script = g_strdup_printf (
      "window.clipper.select(%" G_GINT64_FORMAT ", %" G_GINT64_FORMAT ") && "
      "document.dispatchEvent(new MouseEvent('mouseup', {bubbles: true})) ? 'sent' : 'failed'",
      utf16_offset (canonical, "European countries"), utf16_offset (canonical, "European countries") + 18);
    g_autofree char *result = eval_reader (script);

    g_assert_cmpstr (result, ==, "sent");
    wait_until (popover_shown, NULL, "the selection popover");
    screenshot ("highlights.png");
  }

  /* Everything is in the library… */
  clipper_store_drain (store);
  stored = clipper_store_list_highlights (store, id, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (stored->len, ==, 2);
  g_assert_cmpstr (clipper_highlight_get_color (g_ptr_array_index (stored, 1)), ==, "green");
  g_assert_cmpstr (clipper_highlight_get_note (g_ptr_array_index (stored, 1)), ==, "Worth quoting in the report.");

  /* …as another process (the command line) reads it from disk… */
  {
    g_autofree char *number = g_strdup_printf ("%" G_GINT64_FORMAT, id);
    const char *argv[] = { g_getenv ("CLIPPER_BIN"), "highlights", number, "--json", NULL };
    g_autofree char *out = NULL;
    int status;

    g_assert_true (g_spawn_sync (NULL, (char **)argv, NULL, G_SPAWN_DEFAULT, NULL, NULL,
                                 &out, NULL, &status, &error));
    g_assert_no_error (error);
    g_assert_true (g_spawn_check_wait_status (status, NULL));
    g_assert_nonnull (strstr (out, "\"exact\":\"illusionary goal\""));
    g_assert_nonnull (strstr (out, "\"note\":\"Worth quoting in the report.\""));
    g_assert_nonnull (strstr (out, "\"color\":\"blue\""));
  }

  /* …and comes back when the clipping is opened again. */
  clipper_window_load_address (window, fixture);
  wait_until (page_loaded, uri, "another page");
  g_assert_cmpuint (g_list_model_get_n_items (model), ==, 0);
  open_clipping_and_wait (id);
  wait_until (pane_has_n, GUINT_TO_POINTER (2), "the highlights to come back");
  wait_until (marks_drawn, (gpointer)"2", "the marks to come back");
}

static int ignored_messages;
static int call_failures;

/* Counts failed page calls; each must be the slow one, timed out. */
static void
on_call_failed_cb (const char     *log_domain,
                   GLogLevelFlags  log_level,
                   const char     *message,
                   gpointer        user_data)
{
  if (!strstr (message, "Reader call failed"))
    return;
  g_assert_nonnull (strstr (message, "did not answer within 1 s"));
  call_failures++;
}

static gboolean
failed_at_least (gpointer data)
{
  return call_failures >= GPOINTER_TO_INT (data);
}

static void
on_bridge_log_cb (const char     *log_domain,
                  GLogLevelFlags  log_level,
                  const char     *message,
                  gpointer        user_data)
{
  /* The bridge warns about each malformed message it drops. */
  g_assert_nonnull (strstr (message, "Ignoring"));
  ignored_messages++;
}

static gboolean
all_ignored (gpointer data)
{
  return ignored_messages >= GPOINTER_TO_INT (data);
}

/* Highlighted on the live page, kept in the clipping by its quote. */
static int
compare_heights (gconstpointer a,
                 gconstpointer b)
{
  GtkWidget *root = GTK_WIDGET (window);
  double ya = 0, yb = 0, x;

  gtk_widget_translate_coordinates (*(GtkWidget **)a, root, 0, 0, &x, &ya);
  gtk_widget_translate_coordinates (*(GtkWidget **)b, root, 0, 0, &x, &yb);
  return ya < yb ? -1 : ya > yb;
}

/* Clicks with the pointer, through the X server, at the middle of @widget. */
static void
click (GtkWidget *widget)
{
  GtkNative *native = gtk_widget_get_native (widget);
  GdkSurface *surface = gtk_native_get_surface (native);
  double x, y, surface_x, surface_y;

  g_assert_true (gtk_widget_translate_coordinates (widget, GTK_WIDGET (native),
                                                   gtk_widget_get_width (widget) / 2.0,
                                                   gtk_widget_get_height (widget) / 2.0, &x, &y));
  gtk_native_get_surface_transform (native, &surface_x, &surface_y);
  x += surface_x;
  y += surface_y;
  /* A popover is a surface of its own, placed relative to the window's. */
  if (GDK_IS_POPUP (surface))
    {
      x += gdk_popup_get_position_x (GDK_POPUP (surface));
      y += gdk_popup_get_position_y (GDK_POPUP (surface));
    }
  xdotool ("mousemove --window %lu %d %d click 1", window_xid (), (int)x, (int)y);
}

/* Rows of the widgets with @css_class below @root that are on screen, top
 * to bottom. */
static GPtrArray *
find_rows (GtkWidget  *root,
           const char *css_class)
{
  g_autoptr(GPtrArray) boxes = g_ptr_array_new ();
  GPtrArray *rows = g_ptr_array_new ();

  clipper_test_find_all (root, GTK_TYPE_BOX, boxes);
  for (guint i = 0; i < boxes->len; i++)
    {
      GtkWidget *box = g_ptr_array_index (boxes, i);

      if (gtk_widget_has_css_class (box, css_class) && gtk_widget_get_mapped (box))
        g_ptr_array_add (rows, box);
    }
  g_ptr_array_sort (rows, compare_heights);
  return rows;
}

static GtkWidget *
find_label_text (GtkWidget  *root,
                 const char *text)
{
  g_autoptr(GPtrArray) labels = g_ptr_array_new ();

  clipper_test_find_all (root, GTK_TYPE_LABEL, labels);
  for (guint i = 0; i < labels->len; i++)
    if (g_strcmp0 (gtk_label_get_text (g_ptr_array_index (labels, i)), text) == 0 &&
        gtk_widget_get_mapped (g_ptr_array_index (labels, i)) &&
        gtk_widget_get_width (g_ptr_array_index (labels, i)) > 0)
      return g_ptr_array_index (labels, i);
  return NULL;
}

static gboolean
label_shown (gpointer data)
{
  return find_label_text (GTK_WIDGET (window), data) != NULL;
}

static gboolean
selected_is (gpointer data)
{
  ClipperHighlightsPane *pane = clipper_window_get_highlights_pane (window);
  GtkSingleSelection *selection = GTK_SINGLE_SELECTION (clipper_highlights_pane_get_shown (pane));
  ClipperHighlight *selected = gtk_single_selection_get_selected_item (selection);

  return selected != NULL && clipper_highlight_get_id (selected) == *(gint64 *)data;
}

typedef struct
{
  gint64      id;
  const char *color;
} ColorCheck;

static gboolean
pane_color_is (gpointer data)
{
  ColorCheck *check = data;
  GListModel *model = clipper_highlights_pane_get_model (clipper_window_get_highlights_pane (window));

  for (guint i = 0; i < g_list_model_get_n_items (model); i++)
    {
      g_autoptr(ClipperHighlight) highlight = g_list_model_get_item (model, i);

      if (clipper_highlight_get_id (highlight) == check->id)
        return g_str_equal (clipper_highlight_get_color (highlight), check->color);
    }
  return FALSE;
}

/* With the pointer, on a row that is not selected: ⋮ opens the menu at
 * once, recolouring keeps the selection where it was, and Delete
 * Highlight deletes that highlight. */
static void
test_highlight_row_menu (void)
{
  ClipperHighlightsPane *pane = clipper_window_get_highlights_pane (window);
  GListModel *shown = clipper_highlights_pane_get_shown (pane);
  g_autoptr(ClipperHighlight) first = NULL;
  g_autoptr(ClipperHighlight) second = NULL;
  g_autoptr(GPtrArray) rows = NULL;
  ColorCheck recolored;
  gint64 first_id;
  GtkWidget *menu;

  if (!can_drive_x11 ())
    return;

  gtk_stack_set_visible_child_name (GTK_STACK (gtk_widget_get_ancestor (GTK_WIDGET (pane), GTK_TYPE_STACK)),
                                    "highlights");
  wait_until (pane_has_n, GUINT_TO_POINTER (2), "the clipping's two highlights");
  first = g_list_model_get_item (shown, 0);
  second = g_list_model_get_item (shown, 1);
  first_id = clipper_highlight_get_id (first);
  clipper_highlights_pane_select (pane, first_id);

  rows = find_rows (GTK_WIDGET (pane), "highlight-row");
  g_assert_cmpuint (rows->len, ==, 2);
  menu = gtk_widget_get_last_child (g_ptr_array_index (rows, 1));
  g_assert_true (gtk_widget_has_css_class (menu, "row-menu"));

  click (menu);
  wait_until (label_shown, (gpointer)"Green", "the row's menu");
  recolored.id = clipper_highlight_get_id (second);
  recolored.color = g_str_equal (clipper_highlight_get_color (second), "green") ? "pink" : "green";
  click (find_label_text (GTK_WIDGET (window), g_str_equal (recolored.color, "green") ? "Green" : "Pink"));
  wait_until (pane_color_is, &recolored, "the highlight to take the colour");
  g_assert_true (selected_is (&first_id));

  rows = (g_ptr_array_unref (rows), find_rows (GTK_WIDGET (pane), "highlight-row"));
  menu = gtk_widget_get_last_child (g_ptr_array_index (rows, 1));
  click (menu);
  wait_until (label_shown, (gpointer)"Delete Highlight", "the row's menu");
  click (find_label_text (GTK_WIDGET (window), "Delete Highlight"));
  wait_until (pane_has_n, GUINT_TO_POINTER (1), "the highlight to go");
  g_assert_true (selected_is (&first_id));
}

typedef struct
{
  gint64      id;
  const char *color;
} MarkColor;

static gboolean
mark_has_color (gpointer data)
{
  MarkColor *mark = data;
  g_autofree char *script = g_strdup_printf (
    "String(Array.from(document.querySelectorAll('mark[data-highlight=\"%" G_GINT64_FORMAT "\"]'))"
    ".every(m => m.classList.contains('clipper-%s')) && "
    "document.querySelectorAll('mark[data-highlight=\"%" G_GINT64_FORMAT "\"]').length > 0)",
    mark->id, mark->color, mark->id);
  g_autofree char *result = eval_string (script);

  return g_str_equal (result, "true");
}

/* A call to the page that outlives its deadline is given up alone: the
 * next recolour still reaches the page. */
static void
test_slow_bridge_call (void)
{
  ClipperHighlightsPane *pane = clipper_window_get_highlights_pane (window);
  GListModel *model = clipper_highlights_pane_get_model (pane);
  g_autoptr(ClipperHighlight) highlight = NULL;
  g_autofree char *blocked = NULL;
  g_autofree char *awake = NULL;
  guint handler;
  MarkColor mark;

  wait_until (pane_has_n, GUINT_TO_POINTER (1), "the clipping's highlight");
  highlight = g_list_model_get_item (model, 0);
  mark.id = clipper_highlight_get_id (highlight);

  call_failures = 0;
  handler = g_log_set_handler ("clipper-reader-bridge", G_LOG_LEVEL_DEBUG, on_call_failed_cb, NULL);
  g_setenv ("CLIPPER_BRIDGE_CALL_TIMEOUT", "1", TRUE);
  /* The page's thread is busy for three seconds: the recolour's call
   * passes its one-second deadline. */
  blocked = eval_string ("setTimeout(() => { const t = Date.now(); while (Date.now() - t < 3000); }, 0); 'ok'");
  g_assert_cmpstr (blocked, ==, "ok");
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (pane), "pane.recolor", "(xs)", mark.id, "purple"));
  awake = eval_string ("'awake'");
  g_assert_cmpstr (awake, ==, "awake");
  g_unsetenv ("CLIPPER_BRIDGE_CALL_TIMEOUT");
  /* That call, and only it, failed, and said it was too slow. */
  wait_until (failed_at_least, GINT_TO_POINTER (1), "the slow call to fail");
  g_assert_cmpint (call_failures, ==, 1);

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (pane), "pane.recolor", "(xs)", mark.id, "blue"));
  mark.color = "blue";
  wait_until (mark_has_color, &mark, "the next recolour to reach the page");
  /* The next calls end well: nothing was left cancelled. */
  wait_frames (10);
  g_assert_cmpint (call_failures, ==, 1);
  g_log_remove_handler ("clipper-reader-bridge", handler);
}

static gboolean
caret_browsing_on (gpointer data)
{
  WebKitSettings *settings = webkit_web_view_get_settings (get_web_view ());

  return webkit_settings_get_enable_caret_browsing (settings) == GPOINTER_TO_INT (data);
}

/* With the keyboard alone: F7, a caret placed in the text, Shift+Right
 * over a word, H. */
static void
test_caret_highlight (void)
{
  ClipperHighlightsPane *pane = clipper_window_get_highlights_pane (window);
  GListModel *model = clipper_highlights_pane_get_model (pane);
  ClipperStore *store = clipper_application_get_store (app);
  g_autoptr(ClipperClipping) clipping = NULL;
  g_autoptr(ClipperAnchorText) text = NULL;
  g_autoptr(ClipperHighlight) added = NULL;
  g_autofree char *place = NULL;
  g_autofree char *placed = NULL;
  const char *canonical;
  guint before = g_list_model_get_n_items (model);
  gint64 id = clipper_uri_parse_clipping_id (webkit_web_view_get_uri (get_web_view ()));
  gint64 start;

  if (!can_drive_x11 ())
    return;

  g_assert_cmpint (id, >, 0);
  clipping = clipper_store_find_clipping (store, id, NULL);
  text = clipper_anchor_text_new_from_html (clipper_clipping_get_content (clipping));
  canonical = clipper_anchor_text_get_utf8 (text);
  start = utf16_offset (canonical, "European countries");

  gtk_widget_grab_focus (GTK_WIDGET (get_web_view ()));
  xdotool ("key F7");
  wait_until (caret_browsing_on, GINT_TO_POINTER (TRUE), "caret browsing");

  place = g_strdup_printf ("window.clipper.select(%" G_GINT64_FORMAT ", %" G_GINT64_FORMAT ") ? 'placed' : 'no'",
                           start, start);
  placed = eval_reader (place);
  g_assert_cmpstr (placed, ==, "placed");
  xdotool ("key --delay 40 shift+Right shift+Right shift+Right shift+Right shift+Right shift+Right "
           "shift+Right shift+Right h");
  wait_until (pane_has_n, GUINT_TO_POINTER (before + 1), "the highlight made with the keyboard");

  for (guint i = 0; i < g_list_model_get_n_items (model); i++)
    {
      g_autoptr(ClipperHighlight) highlight = g_list_model_get_item (model, i);

      if (g_str_equal (clipper_highlight_get_exact (highlight), "European"))
        added = g_object_ref (highlight);
    }
  g_assert_nonnull (added);
  screenshot ("caret-highlight.png");

  xdotool ("key F7");
  wait_until (caret_browsing_on, GINT_TO_POINTER (FALSE), "caret browsing off");
}

static gboolean
pane_has_exact (gpointer data)
{
  GListModel *model = clipper_highlights_pane_get_model (clipper_window_get_highlights_pane (window));

  for (guint i = 0; i < g_list_model_get_n_items (model); i++)
    {
      g_autoptr(ClipperHighlight) highlight = g_list_model_get_item (model, i);

      if (g_str_equal (clipper_highlight_get_exact (highlight), data))
        return TRUE;
    }
  return FALSE;
}

/* A selection that starts and ends mid-word takes the whole words; one
 * inside a single word keeps what was chosen. */
static void
test_selection_snaps (void)
{
  ClipperStore *store = clipper_application_get_store (app);
  g_autoptr(ClipperClipping) clipping = NULL;
  g_autoptr(ClipperAnchorText) text = NULL;
  gint64 id = clipper_uri_parse_clipping_id (webkit_web_view_get_uri (get_web_view ()));
  const char *canonical;
  gint64 phrase, word;

  if (!can_drive_x11 ())
    return;

  clipping = clipper_store_find_clipping (store, id, NULL);
  text = clipper_anchor_text_new_from_html (clipper_clipping_get_content (clipping));
  canonical = clipper_anchor_text_get_utf8 (text);

  /* "[over]whelming sha[re]" */
  phrase = utf16_offset (canonical, "overwhelming share");
  press_key_on_selection (canonical, phrase + 4, phrase + 16, "h");
  wait_until (pane_has_exact, (gpointer)"overwhelming share", "the highlight grown to whole words");
  g_assert_false (pane_has_exact ((gpointer)"whelming sha"));

  /* "non[lethal]": inside one word, on purpose. */
  word = utf16_offset (canonical, "nonlethal");
  press_key_on_selection (canonical, word + 3, word + 9, "h");
  wait_until (pane_has_exact, (gpointer)"lethal", "the highlight inside one word");
}

/* A click on a word highlighted inside a longer highlight chooses the
 * word's, whichever was drawn first. */
static void
test_nested_highlight_click (void)
{
  ClipperHighlightsPane *pane = clipper_window_get_highlights_pane (window);
  GListModel *model = clipper_highlights_pane_get_model (pane);
  ClipperStore *store = clipper_application_get_store (app);
  g_autoptr(ClipperClipping) clipping = NULL;
  g_autoptr(ClipperAnchorText) text = NULL;
  g_autofree char *script = NULL;
  g_autofree char *clicked = NULL;
  g_autofree char *count = NULL;
  gint64 id = clipper_uri_parse_clipping_id (webkit_web_view_get_uri (get_web_view ()));
  gint64 word_id = 0, start;
  const char *canonical;
  guint before = g_list_model_get_n_items (model);

  if (!can_drive_x11 ())
    return;

  for (guint i = 0; i < before; i++)
    {
      g_autoptr(ClipperHighlight) highlight = g_list_model_get_item (model, i);

      if (g_str_equal (clipper_highlight_get_exact (highlight), "European"))
        word_id = clipper_highlight_get_id (highlight);
    }
  g_assert_cmpint (word_id, >, 0);

  /* A longer highlight around the word, drawn after it: its marks go
   * inside the word's. */
  clipping = clipper_store_find_clipping (store, id, NULL);
  text = clipper_anchor_text_new_from_html (clipper_clipping_get_content (clipping));
  canonical = clipper_anchor_text_get_utf8 (text);
  start = utf16_offset (canonical, "Hegseth said European countries");
  press_key_on_selection (canonical, start, start + utf16_length ("Hegseth said European countries"), "2");
  wait_until (pane_has_n, GUINT_TO_POINTER (before + 1), "the longer highlight");
  count = g_strdup_printf ("%u", before + 1);
  wait_until (marks_drawn, count, "its marks");

  /* The click lands on the deepest mark inside the word. */
  script = g_strdup_printf ("(() => { let m = document.querySelector('mark[data-highlight=\"%" G_GINT64_FORMAT "\"]');"
                            " while (m.querySelector('mark')) m = m.querySelector('mark');"
                            " m.dispatchEvent(new MouseEvent('click', {bubbles: true})); return 'clicked'; })()",
                            word_id);
  clicked = eval_string (script);
  g_assert_cmpstr (clicked, ==, "clicked");
  wait_until (selected_is, &word_id, "the word's highlight to be chosen");
}

/* Where @x, @y of @widget is on its window's surface. */
static void
to_surface (GtkWidget *widget,
            double     x,
            double     y,
            double    *surface_x,
            double    *surface_y)
{
  GtkNative *native = gtk_widget_get_native (widget);
  double dx, dy;

  g_assert_true (gtk_widget_translate_coordinates (widget, GTK_WIDGET (native), x, y, surface_x, surface_y));
  gtk_native_get_surface_transform (native, &dx, &dy);
  *surface_x += dx;
  *surface_y += dy;
}

/* The popover's box, without its shadow, on its parent window's surface. */
static graphene_rect_t
popover_box (GtkWidget *popover)
{
  GdkSurface *surface = gtk_native_get_surface (GTK_NATIVE (popover));
  graphene_rect_t bounds;
  double dx, dy;

  g_assert_true (gtk_widget_compute_bounds (gtk_popover_get_child (GTK_POPOVER (popover)), popover, &bounds));
  gtk_native_get_surface_transform (GTK_NATIVE (popover), &dx, &dy);
  bounds.origin.x += dx + gdk_popup_get_position_x (GDK_POPUP (surface));
  bounds.origin.y += dy + gdk_popup_get_position_y (GDK_POPUP (surface));
  return bounds;
}

/* Toasts wait for a focused window, which a bare X server never gives:
 * their close buttons put them away. */
static GtkWidget *shown_toast_button (void);

static void
dismiss_toasts (void)
{
  GtkWidget *button = shown_toast_button ();

  if (button != NULL)
    gtk_widget_activate (button);
}

/* "left top right bottom" */
static void
parse_rect (const char *text,
            double      rect[4])
{
  g_auto(GStrv) numbers = g_strsplit (text, " ", -1);

  g_assert_cmpuint (g_strv_length (numbers), ==, 4);
  for (guint i = 0; i < 4; i++)
    rect[i] = g_ascii_strtod (numbers[i], NULL);
}

/* A passage selected with the pointer over several lines: the popover
 * shows beside it, not over it, and goes when the sidebar is used. */
static void
test_selection_popover (void)
{
  GtkWidget *view = GTK_WIDGET (get_web_view ());
  GtkWidget *popover = find_widget (GTK_WIDGET (window), CLIPPER_TYPE_HIGHLIGHT_POPOVER);
  g_autofree char *lines = NULL;
  g_auto(GStrv) rects = NULL;
  double rect[4];
  graphene_rect_t box;
  double x0, y0, x1, y1;

  if (!can_drive_x11 ())
    return;

  /* A few lines of a paragraph in the middle of the page. */
  lines = eval_reader ("(() => {"
                       "  const p = Array.from(document.querySelectorAll('p')).find(p => p.textContent.length > 250);"
                       "  p.scrollIntoView({block: 'center'});"
                       "  const range = document.createRange();"
                       "  range.selectNodeContents(p);"
                       "  return Array.from(range.getClientRects()).filter(r => r.width > 0)"
                       "    .map(r => [r.left, r.top, r.right, r.bottom].join(' ')).join(';');"
                       "})()");
  rects = g_strsplit (lines, ";", -1);
  g_assert_cmpuint (g_strv_length (rects), >=, 3);
  parse_rect (rects[0], rect);
  to_surface (view, rect[0] + 2, (rect[1] + rect[3]) / 2, &x0, &y0);
  parse_rect (rects[g_strv_length (rects) - 1], rect);
  to_surface (view, rect[2] - 2, (rect[1] + rect[3]) / 2, &x1, &y1);
  dismiss_toasts ();
  wait_frames (3);
  /* Moves paced as a hand's, so the page follows the drag. */
  xdotool ("mousemove --window %lu %d %d mousedown 1 sleep 0.2 mousemove --window %lu %d %d sleep 0.2 "
           "mousemove --window %lu %d %d sleep 0.2 mouseup 1",
           window_xid (), (int)x0, (int)y0, window_xid (), (int)((x0 + x1) / 2), (int)((y0 + y1) / 2),
           window_xid (), (int)x1, (int)y1);
  wait_until (popover_shown, NULL, "the selection popover");
  wait_frames (3);

  /* What the drag selected, line by line. */
  g_clear_pointer (&rects, g_strfreev);
  g_free (lines);
  lines = eval_reader ("Array.from(window.getSelection().getRangeAt(0).getClientRects())"
                       "  .filter(r => r.width > 0 && r.height < 40)"
                       "  .map(r => [r.left, r.top, r.right, r.bottom].join(' ')).join(';')");
  rects = g_strsplit (lines, ";", -1);
  g_assert_cmpuint (g_strv_length (rects), >=, 3);
  box = popover_box (popover);
  for (guint i = 0; rects[i]; i++)
    {
      graphene_rect_t selected;
      double left, top, right, bottom;

      parse_rect (rects[i], rect);
      to_surface (view, rect[0], rect[1], &left, &top);
      to_surface (view, rect[2], rect[3], &right, &bottom);
      graphene_rect_init (&selected, left + 1, top + 1, right - left - 2, bottom - top - 2);
      g_assert_false (graphene_rect_intersection (&box, &selected, NULL));
    }
  screenshot ("selection-popover.png");

  /* Working in the sidebar puts it away. */
  click (GTK_WIDGET (clipper_window_get_library_view (window)));
  wait_until (widget_unmapped, popover, "the popover to go");
}

static gboolean
completion_offers (gpointer data)
{
  GListModel *tags = clipper_highlights_pane_get_known_tags (clipper_window_get_highlights_pane (window));

  for (guint i = 0; i < g_list_model_get_n_items (tags); i++)
    if (g_strcmp0 (gtk_string_list_get_string (GTK_STRING_LIST (tags), i), data) == 0)
      return TRUE;
  return FALSE;
}

static GtkWidget *
find_completion_popover (void)
{
  g_autoptr(GPtrArray) popovers = g_ptr_array_new ();

  clipper_test_find_all (GTK_WIDGET (clipper_window_get_highlights_pane (window)), GTK_TYPE_POPOVER, popovers);
  for (guint i = 0; i < popovers->len; i++)
    if (gtk_widget_has_css_class (g_ptr_array_index (popovers, i), "tag-completion") &&
        gtk_widget_get_mapped (g_ptr_array_index (popovers, i)))
      return g_ptr_array_index (popovers, i);
  return NULL;
}

static gboolean
completion_shown (gpointer data)
{
  return find_completion_popover () != NULL;
}

static gboolean
entry_says (gpointer data)
{
  return g_str_equal (gtk_editable_get_text (GTK_EDITABLE (data)), g_object_get_data (data, "expected"));
}

/* A tag typed on one highlight is offered on the next at once, and still
 * after the clipping is opened again. */
static void
test_tag_completion (void)
{
  ClipperHighlightsPane *pane = clipper_window_get_highlights_pane (window);
  GListModel *shown = clipper_highlights_pane_get_shown (pane);
  g_autoptr(ClipperHighlight) first = g_list_model_get_item (shown, 0);
  g_autoptr(GPtrArray) entries = g_ptr_array_new ();
  gint64 id = clipper_uri_parse_clipping_id (webkit_web_view_get_uri (get_web_view ()));
  GtkWidget *tags_entry = NULL;

  g_assert_false (completion_offers ((gpointer)"fresh-tag"));
  clipper_highlights_pane_select (pane, clipper_highlight_get_id (first));
  clipper_test_find_all (GTK_WIDGET (pane), GTK_TYPE_ENTRY, entries);
  for (guint i = 0; i < entries->len; i++)
    if (gtk_widget_get_mapped (g_ptr_array_index (entries, i)) &&
        !gtk_widget_get_ancestor (g_ptr_array_index (entries, i), GTK_TYPE_EXPANDER))
      tags_entry = g_ptr_array_index (entries, i);
  g_assert_nonnull (tags_entry);

  gtk_editable_set_text (GTK_EDITABLE (tags_entry), "fresh-tag");
  clipper_highlights_pane_flush (pane);
  g_assert_true (completion_offers ((gpointer)"fresh-tag"));

  open_clipping_and_wait (id);
  wait_until (completion_offers, (gpointer)"fresh-tag", "the tag still offered after reopening");

  /* Typed, it is offered under the entry, not over it, and Down and
   * Enter take it. */
  if (can_drive_x11 ())
    {
      GtkWidget *popover;
      graphene_rect_t box, entry_box;
      double x, y;

      clipper_highlights_pane_select (pane, clipper_highlight_get_id (first));
      gtk_editable_set_text (GTK_EDITABLE (tags_entry), "");
      gtk_widget_grab_focus (tags_entry);
      xdotool ("type --delay 50 'week, fre'");
      wait_until (completion_shown, NULL, "the completion");
      wait_frames (3);
      popover = find_completion_popover ();
      box = popover_box (popover);
      to_surface (tags_entry, 0, 0, &x, &y);
      graphene_rect_init (&entry_box, x, y, gtk_widget_get_width (tags_entry), gtk_widget_get_height (tags_entry));
      g_assert_false (graphene_rect_intersection (&box, &entry_box, NULL));
      screenshot ("completion.png");

      g_object_set_data (G_OBJECT (tags_entry), "expected", (gpointer)"week, fresh-tag, ");
      xdotool ("key Down Return");
      wait_until (entry_says, tags_entry, "the tag to be completed");
      wait_until (widget_unmapped, popover, "the completion to close");
      gtk_editable_set_text (GTK_EDITABLE (tags_entry), "fresh-tag");
      clipper_highlights_pane_flush (pane);
    }
}

static void
test_live_highlight (void)
{
  g_autofree char *fixture = g_build_filename (g_getenv ("G_TEST_SRCDIR"), "fixtures", "news-jsonld.html", NULL);
  g_autofree char *uri = g_filename_to_uri (fixture, NULL, NULL);
  g_autofree char *page_text = NULL;
  g_autofree char *marked = NULL;
  g_autoptr(ClipperClipping) listed = NULL;
  g_autoptr(GPtrArray) highlights = NULL;
  g_autoptr(GError) error = NULL;
  GListModel *model = clipper_library_view_get_model (clipper_window_get_library_view (window));
  guint before = synced_count ();
  const char *quote = "far beyond the current target of 2 percent";
  gint64 start;

  clipper_window_load_address (window, fixture);
  wait_until (page_loaded, uri, "the live page");
  wait_until (reader_ready, NULL, "the page script on the live page");

  /* The page's own scripts can neither see our script nor post to us. */
  {
    g_autofree char *handler = eval_string ("typeof (window.webkit && window.webkit.messageHandlers && "
                                            "window.webkit.messageHandlers.clipper)");
    g_autofree char *api = eval_string ("typeof window.clipper");

    g_assert_cmpstr (handler, ==, "undefined");
    g_assert_cmpstr (api, ==, "undefined");
  }

  /* Malformed messages are ignored (logged), nothing is highlighted. */
  {
    GLogLevelFlags fatal = g_log_set_always_fatal (G_LOG_FATAL_MASK | G_LOG_LEVEL_CRITICAL);
    guint handler = g_log_set_handler ("clipper-reader-bridge", G_LOG_LEVEL_WARNING, on_bridge_log_cb, NULL);
    g_autofree char *sent = eval_reader (
      "const h = window.webkit.messageHandlers.clipper;"
      "h.postMessage('not an object');"
      "h.postMessage({type: 42});"
      "h.postMessage({type: 'live-highlight', start: -1, end: 5, exact: 'x', prefix: '', suffix: '', color: 'yellow'});"
      "h.postMessage({type: 'live-highlight', start: 0, end: 5, exact: 'x', prefix: '', suffix: '', color: 'red'});"
      "h.postMessage({type: 'live-highlight', start: 0.5, end: 5, exact: 'x', prefix: '', suffix: '', color: 'yellow'});"
      "h.postMessage({type: 'live-highlight', start: 0, end: 5, exact: 'x'.repeat(100000), prefix: '', suffix: '', color: 'yellow'});"
      "h.postMessage({type: 'highlight', start: 0, end: 5, color: 'yellow'});"
      "'sent'");

    g_assert_cmpstr (sent, ==, "sent");
    wait_until (all_ignored, GINT_TO_POINTER (6), "the malformed messages to be dropped");
    g_assert_cmpuint (g_list_model_get_n_items (model), ==, before);
    g_log_remove_handler ("clipper-reader-bridge", handler);
    g_log_set_always_fatal (fatal);
  }

  page_text = eval_reader ("window.clipper.text()");
  start = utf16_offset (page_text, quote);
  press_key_on_selection (page_text, start, start + utf16_length (quote), "2");
  wait_until (marks_drawn, (gpointer)"1", "the mark on the live page");
  marked = eval_string ("document.querySelector('mark.clipper-green').textContent");
  g_assert_cmpstr (marked, ==, quote);

  g_action_group_activate_action (G_ACTION_GROUP (window), "clip", NULL);
  wait_until (library_has_n, GUINT_TO_POINTER (before + 1), "the clipping");

  listed = g_list_model_get_item (model, 0);
  highlights = clipper_store_list_highlights (clipper_application_get_store (app),
                                              clipper_clipping_get_id (listed), &error);
  g_assert_no_error (error);
  g_assert_cmpuint (highlights->len, ==, 1);
  g_assert_cmpstr (clipper_highlight_get_exact (g_ptr_array_index (highlights, 0)), ==, quote);
  g_assert_cmpstr (clipper_highlight_get_color (g_ptr_array_index (highlights, 0)), ==, "green");
  g_assert_false (clipper_highlight_get_orphaned (g_ptr_array_index (highlights, 0)));

  /* The live page's marks are not part of the clipping. */
  {
    g_autoptr(ClipperClipping) stored = clipper_store_find_clipping (clipper_application_get_store (app),
                                                                     clipper_clipping_get_id (listed), &error);

    g_assert_null (strstr (clipper_clipping_get_content (stored), "<mark"));
  }
}

static ClipperExportDialog *
find_export_dialog (void)
{
  GListModel *toplevels = gtk_window_get_toplevels ();

  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr(GObject) item = g_list_model_get_item (toplevels, i);

      if (CLIPPER_IS_EXPORT_DIALOG (item))
        return CLIPPER_EXPORT_DIALOG (item);
    }

  return NULL;
}

static gboolean
export_dialog_gone (gpointer data)
{
  return find_export_dialog () == NULL && g_file_test (data, G_FILE_TEST_EXISTS);
}

/* Ctrl+E: the dialog exports the open clipping, and remembers choices. */
typedef struct
{
  char     *text;
  gboolean  pending;
} ClipboardRead;

static void
on_clipboard_read_cb (GObject      *object,
                      GAsyncResult *result,
                      gpointer      user_data)
{
  ClipboardRead *read = user_data;

  g_free (read->text);
  read->text = gdk_clipboard_read_text_finish (GDK_CLIPBOARD (object), result, NULL);
  read->pending = FALSE;
}

/* The clipboard holds @data's text (a ClipboardRead's wanted part). */
static gboolean
clipboard_has (gpointer data)
{
  static ClipboardRead read;
  const char *wanted = data;

  if (!read.pending)
    {
      if (read.text != NULL && strstr (read.text, wanted) != NULL)
        return TRUE;
      read.pending = TRUE;
      gdk_clipboard_read_text_async (gtk_widget_get_clipboard (GTK_WIDGET (window)), NULL,
                                     on_clipboard_read_cb, &read);
    }
  return FALSE;
}

/* Copy Citation from a row's menu: the clipping's reference, formatted in
 * APA by citeproc-js, on the clipboard, with a toast. */
static void
test_copy_citation (void)
{
  ClipperLibraryView *library = clipper_window_get_library_view (window);
  GListModel *model = clipper_library_view_get_model (library);
  g_autoptr(ClipperClipping) clipping = g_list_model_get_item (model, 0);
  g_autoptr(ClipperCitation) citation = clipper_store_find_citation (clipper_application_get_store (app),
                                                                     clipper_clipping_get_id (clipping), NULL);

  g_assert_nonnull (citation);
  gdk_clipboard_set_text (gtk_widget_get_clipboard (GTK_WIDGET (window)), "nothing yet");
  gtk_widget_activate_action (GTK_WIDGET (library), "library.copy-citation", "x",
                              clipper_clipping_get_id (clipping));
  /* APA writes the URL at the end of a web reference. */
  wait_until (clipboard_has, citation->url, "the citation on the clipboard");
}

static void
on_zotero_request_cb (SoupServer        *server,
                      SoupServerMessage *msg,
                      const char        *path,
                      GHashTable        *query,
                      gpointer           user_data)
{
  char **received = user_data;

  if (g_str_equal (path, "/connector/ping"))
    soup_server_message_set_status (msg, 200, NULL);
  else if (g_str_equal (path, "/connector/saveItems"))
    {
      g_autoptr(GBytes) body = soup_message_body_flatten (soup_server_message_get_request_body (msg));

      g_free (*received);
      *received = g_strndup (g_bytes_get_data (body, NULL), g_bytes_get_size (body));
      soup_server_message_set_status (msg, 201, NULL);
    }
  else
    soup_server_message_set_status (msg, 404, NULL);
}

static gboolean
string_received (gpointer data)
{
  return *(char **)data != NULL;
}

/* Send to Zotero from a row's menu: the item reaches a server that
 * answers as Zotero's connector server does. */
static void
test_send_to_zotero (void)
{
  ClipperLibraryView *library = clipper_window_get_library_view (window);
  g_autoptr(ClipperClipping) clipping = g_list_model_get_item (clipper_library_view_get_model (library), 0);
  g_autoptr(SoupServer) server = soup_server_new (NULL, NULL);
  g_autoptr(GError) error = NULL;
  g_autoslist(GUri) uris = NULL;
  g_autofree char *received = NULL;
  g_autofree char *base = NULL;

  soup_server_add_handler (server, NULL, on_zotero_request_cb, &received, NULL);
  soup_server_listen_local (server, 0, SOUP_SERVER_LISTEN_IPV4_ONLY, &error);
  g_assert_no_error (error);
  uris = soup_server_get_uris (server);
  base = g_strdup_printf ("http://127.0.0.1:%d", g_uri_get_port (uris->data));
  g_setenv ("CLIPPER_ZOTERO_URL", base, TRUE);

  gtk_widget_activate_action (GTK_WIDGET (library), "library.send-to-zotero", "x",
                              clipper_clipping_get_id (clipping));
  wait_until (string_received, &received, "the item at Zotero");
  g_assert_nonnull (strstr (received, clipper_clipping_get_url (clipping)));
  g_unsetenv ("CLIPPER_ZOTERO_URL");
}

static void
test_export_dialog (void)
{
  g_autofree char *dir = g_dir_make_tmp ("clipper-ui-export-XXXXXX", NULL);
  g_autofree char *pdf = g_build_filename (dir, "clipping.pdf", NULL);
  g_autofree char *bib = g_build_filename (dir, "references.bib", NULL);
  g_autofree char *w3c = g_build_filename (dir, "annotations.jsonld", NULL);
  g_autofree char *epub = g_build_filename (dir, "clippings.epub", NULL);
  g_autofree char *contents = NULL;
  GListModel *model = clipper_library_view_get_model (clipper_window_get_library_view (window));
  g_autoptr(ClipperClipping) clipping = g_list_model_get_item (model, 0);
  ClipperExportDialog *dialog;
  AdwComboRow *format;
  gsize length;

  open_clipping_and_wait (clipper_clipping_get_id (clipping));

  g_action_group_activate_action (G_ACTION_GROUP (window), "export", NULL);
  dialog = find_export_dialog ();
  g_assert_nonnull (dialog);
  screenshot ("export-dialog.png");

  format = ADW_COMBO_ROW (find_all_first (GTK_WIDGET (dialog), ADW_TYPE_COMBO_ROW, 1));
  adw_combo_row_set_selected (format, 1);
  clipper_export_dialog_export_to (dialog, pdf);
  wait_until (export_dialog_gone, pdf, "the PDF to be written");

  g_assert_true (g_file_get_contents (pdf, &contents, &length, NULL));
  g_assert_true (g_str_has_prefix (contents, "%PDF-"));

  /* The next export starts from the same choices. */
  g_action_group_activate_action (G_ACTION_GROUP (window), "export", NULL);
  dialog = find_export_dialog ();
  format = ADW_COMBO_ROW (find_all_first (GTK_WIDGET (dialog), ADW_TYPE_COMBO_ROW, 1));
  g_assert_cmpuint (adw_combo_row_get_selected (format), ==, 1);

  /* BibTeX of the whole library: one file, an entry a clipping. */
  adw_combo_row_set_selected (ADW_COMBO_ROW (find_all_first (GTK_WIDGET (dialog), ADW_TYPE_COMBO_ROW, 0)), 1);
  adw_combo_row_set_selected (format, 3);
  g_assert_false (gtk_widget_get_visible (find_all_first (GTK_WIDGET (dialog), ADW_TYPE_COMBO_ROW, 2)));
  clipper_export_dialog_export_to (dialog, bib);
  wait_until (export_dialog_gone, bib, "the BibTeX to be written");
  g_clear_pointer (&contents, g_free);
  g_assert_true (g_file_get_contents (bib, &contents, NULL, NULL));
  for (guint i = 0; i < g_list_model_get_n_items (model); i++)
    {
      g_autoptr(ClipperClipping) each = g_list_model_get_item (model, i);
      g_autoptr(ClipperCitation) citation = clipper_store_find_citation (clipper_application_get_store (app),
                                                                         clipper_clipping_get_id (each), NULL);
      g_autofree char *entry = g_strdup_printf ("{%s,\n", citation->key);

      g_assert_nonnull (strstr (contents, entry));
    }

  g_action_group_activate_action (G_ACTION_GROUP (window), "export", NULL);
  dialog = find_export_dialog ();
  format = ADW_COMBO_ROW (find_all_first (GTK_WIDGET (dialog), ADW_TYPE_COMBO_ROW, 1));
  g_assert_cmpuint (adw_combo_row_get_selected (format), ==, 3);

  /* The library's annotations as W3C Web Annotations, one collection. */
  adw_combo_row_set_selected (format, 5);
  clipper_export_dialog_export_to (dialog, w3c);
  wait_until (export_dialog_gone, w3c, "the annotations to be written");
  g_clear_pointer (&contents, g_free);
  g_assert_true (g_file_get_contents (w3c, &contents, NULL, NULL));
  g_assert_nonnull (strstr (contents, "\"type\":\"AnnotationCollection\""));
  g_assert_nonnull (strstr (contents, "http://www.w3.org/ns/anno.jsonld"));

  /* The whole library as one book for e-readers, a chapter a clipping;
   * its first chapter opened as a reading system would show it. */
  g_action_group_activate_action (G_ACTION_GROUP (window), "export", NULL);
  dialog = find_export_dialog ();
  format = ADW_COMBO_ROW (find_all_first (GTK_WIDGET (dialog), ADW_TYPE_COMBO_ROW, 1));
  adw_combo_row_set_selected (ADW_COMBO_ROW (find_all_first (GTK_WIDGET (dialog), ADW_TYPE_COMBO_ROW, 0)), 1);
  adw_combo_row_set_selected (format, 8);
  clipper_export_dialog_export_to (dialog, epub);
  wait_until (export_dialog_gone, epub, "the book to be written");
  g_clear_pointer (&contents, g_free);
  g_assert_true (g_file_get_contents (epub, &contents, &length, NULL));
  {
    g_autoptr(GPtrArray) entries = clipper_zip_read (contents, length, NULL, NULL);
    g_autofree char *chapter = g_build_filename (dir, "chapter-1.xhtml", NULL);
    g_autofree char *css = g_build_filename (dir, "book.css", NULL);
    g_autofree char *last = g_strdup_printf ("OEBPS/chapter-%u.xhtml", g_list_model_get_n_items (model));
    g_autofree char *chapter_uri = g_filename_to_uri (chapter, NULL, NULL);
    g_autofree char *marks = NULL;
    GBytes *bytes;

    g_assert_nonnull (entries);
    g_assert_nonnull (clipper_zip_lookup (entries, last));
    bytes = clipper_zip_lookup (entries, "OEBPS/chapter-1.xhtml");
    g_assert_true (g_file_set_contents (chapter, g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes), NULL));
    bytes = clipper_zip_lookup (entries, "OEBPS/book.css");
    g_assert_true (g_file_set_contents (css, g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes), NULL));
    clipper_window_load_address (window, chapter);
    wait_until (page_loaded, chapter_uri, "the book's chapter");
    marks = eval_string ("document.querySelectorAll('mark').length + ' ' + document.querySelectorAll('h1').length");
    g_assert_cmpstr (marks, !=, "0 0");
    screenshot ("epub-chapter.png");
    g_unlink (chapter);
    g_unlink (css);
  }

  g_action_group_activate_action (G_ACTION_GROUP (window), "export", NULL);
  dialog = find_export_dialog ();
  format = ADW_COMBO_ROW (find_all_first (GTK_WIDGET (dialog), ADW_TYPE_COMBO_ROW, 1));
  adw_combo_row_set_selected (format, 0);
  gtk_window_destroy (GTK_WINDOW (dialog));

  g_unlink (pdf);
  g_unlink (bib);
  g_unlink (w3c);
  g_unlink (epub);
  g_rmdir (dir);
}

static ClipperReportDialog *
find_report_dialog (void)
{
  GListModel *toplevels = gtk_window_get_toplevels ();

  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr(GObject) item = g_list_model_get_item (toplevels, i);

      if (CLIPPER_IS_REPORT_DIALOG (item))
        return CLIPPER_REPORT_DIALOG (item);
    }

  return NULL;
}

static void
on_report_failed_cb (ClipperReportDialog *dialog,
                     const char          *message)
{
  g_error ("The report failed: %s", message);
}

static gboolean
report_dialog_gone (gpointer data)
{
  return find_report_dialog () == NULL && g_file_test (data, G_FILE_TEST_EXISTS);
}

/* The dialog's rows: group, style, format, citations, paper. */
static AdwComboRow *
report_row (ClipperReportDialog *dialog,
            guint                index)
{
  return ADW_COMBO_ROW (find_all_first (GTK_WIDGET (dialog), ADW_TYPE_COMBO_ROW, index));
}

/* Report… from the Library: the listed clippings as a PDF with APA
 * references; then the chosen rows as pandoc-ready Markdown, the dialog
 * remembering the style. */
static void
test_report_dialog (void)
{
  ClipperLibraryView *library = clipper_window_get_library_view (window);
  GListModel *model = clipper_library_view_get_model (library);
  ClipperStore *store = clipper_application_get_store (app);
  g_autofree char *dir = g_dir_make_tmp ("clipper-ui-report-XXXXXX", NULL);
  g_autofree char *pdf = g_build_filename (dir, "report.pdf", NULL);
  g_autofree char *md = g_build_filename (dir, "chosen.md", NULL);
  g_autofree char *references = g_build_filename (dir, "references.json", NULL);
  g_autofree char *contents = NULL;
  g_autoptr(ClipperClipping) first = g_list_model_get_item (model, 0);
  g_autoptr(ClipperCitation) citation = NULL;
  ClipperReportDialog *dialog;
  gsize length;

  wait_until (store_ready, NULL, "the library to open");
  citation = clipper_store_find_citation (store, clipper_clipping_get_id (first), NULL);
  g_assert_nonnull (citation);

  gtk_widget_activate_action (GTK_WIDGET (library), "library.report", NULL);
  dialog = find_report_dialog ();
  g_assert_nonnull (dialog);
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (find_all_first (GTK_WIDGET (dialog), ADW_TYPE_ENTRY_ROW, 0))),
                   ==, "Report");
  /* APA first, then Chicago; every installed style after them. */
  g_assert_cmpuint (adw_combo_row_get_selected (report_row (dialog, 1)), ==, 0);
  g_assert_cmpuint (g_list_model_get_n_items (adw_combo_row_get_model (report_row (dialog, 1))), >, 100);
  adw_combo_row_set_selected (report_row (dialog, 2), 1);
  g_assert_false (gtk_widget_get_visible (GTK_WIDGET (report_row (dialog, 3))));
  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (report_row (dialog, 4))));
  screenshot ("report-dialog.png");
  g_signal_connect (dialog, "failed", G_CALLBACK (on_report_failed_cb), NULL);
  clipper_report_dialog_create (dialog, pdf);
  wait_until (report_dialog_gone, pdf, "the PDF report");
  g_assert_true (g_file_get_contents (pdf, &contents, &length, NULL));
  g_assert_true (g_str_has_prefix (contents, "%PDF-"));
  g_clear_pointer (&contents, g_free);

  /* Two rows chosen, Chicago, Markdown for pandoc. */
  clipper_library_view_select (library, clipper_clipping_get_id (first));
  gtk_selection_model_select_item (GTK_SELECTION_MODEL (model), 1, FALSE);
  gtk_widget_activate_action (GTK_WIDGET (library), "library.report-selection", NULL);
  dialog = find_report_dialog ();
  g_assert_nonnull (dialog);
  g_assert_cmpuint (adw_combo_row_get_selected (report_row (dialog, 2)), ==, 1);
  adw_combo_row_set_selected (report_row (dialog, 1), 1);
  adw_combo_row_set_selected (report_row (dialog, 2), 0);
  adw_combo_row_set_selected (report_row (dialog, 3), 1);
  gtk_editable_set_text (GTK_EDITABLE (find_all_first (GTK_WIDGET (dialog), ADW_TYPE_ENTRY_ROW, 0)), "Two sources");
  g_signal_connect (dialog, "failed", G_CALLBACK (on_report_failed_cb), NULL);
  clipper_report_dialog_create (dialog, md);
  wait_until (report_dialog_gone, md, "the Markdown report");
  g_assert_true (g_file_get_contents (md, &contents, NULL, NULL));
  g_assert_true (g_str_has_prefix (contents, "---\ntitle: \"Two sources\"\n"));
  g_assert_nonnull (strstr (contents, clipper_clipping_get_title (first)));
  if (g_list_model_get_n_items (model) > 1)
    {
      g_autoptr(ClipperClipping) second = g_list_model_get_item (model, 1);

      g_assert_nonnull (strstr (contents, clipper_clipping_get_title (second)));
    }
  g_assert_true (g_file_test (references, G_FILE_TEST_EXISTS));
  g_clear_pointer (&contents, g_free);
  g_assert_true (g_file_get_contents (references, &contents, NULL, NULL));
  g_assert_nonnull (strstr (contents, citation->key));

  /* The style chosen is offered next time. */
  gtk_widget_activate_action (GTK_WIDGET (library), "library.report", NULL);
  dialog = find_report_dialog ();
  g_assert_cmpuint (adw_combo_row_get_selected (report_row (dialog, 1)), ==, 1);
  gtk_window_destroy (GTK_WINDOW (dialog));
  gtk_selection_model_unselect_all (GTK_SELECTION_MODEL (model));

  g_unlink (pdf);
  g_unlink (md);
  g_unlink (references);
  g_rmdir (dir);
}

typedef struct
{
  gint64       id;
  const char  *authors; /* as the editor shows them */
  int          type;    /* or -1 */
  const char  *issued;  /* or NULL for any */
} CitationWanted;

static gboolean
citation_stored (gpointer data)
{
  CitationWanted *wanted = data;
  g_autoptr(ClipperCitation) citation = clipper_store_find_citation (clipper_application_get_store (app),
                                                                     wanted->id, NULL);
  g_autofree char *authors = citation ? clipper_citation_format_authors (citation) : NULL;

  return citation != NULL && (wanted->authors == NULL || g_strcmp0 (authors, wanted->authors) == 0) &&
         (wanted->type < 0 || (int)citation->type == wanted->type) &&
         (wanted->issued == NULL || g_strcmp0 (citation->issued, wanted->issued) == 0);
}

static gboolean
row_has_error (gpointer data)
{
  return gtk_widget_has_css_class (data, "error");
}

static gboolean
row_shows (gpointer data)
{
  const char *text = g_object_get_data (data, "wanted");

  return g_strcmp0 (gtk_editable_get_text (GTK_EDITABLE (data)), text) == 0;
}

/* The citation in the sidebar: fields applied one at a time reach the
 * library; a date that is not one is refused and marked, and the rest
 * stands. */
static void
test_citation_editor (void)
{
  ClipperLibraryView *library = clipper_window_get_library_view (window);
  g_autoptr(ClipperClipping) clipping = g_list_model_get_item (clipper_library_view_get_model (library), 0);
  gint64 id = clipper_clipping_get_id (clipping);
  ClipperHighlightsPane *pane;
  ClipperCitationEditor *editor;
  g_autoptr(ClipperCitation) before = NULL;
  g_autoptr(ClipperCitation) after = NULL;
  CitationWanted wanted = { id, "Hegseth, Pete; {Desk Editors}", -1, NULL };
  GtkWidget *row;

  open_clipping_and_wait (id);
  gtk_widget_activate_action (GTK_WIDGET (window), "win.sidebar-page", "s", "highlights");
  pane = clipper_window_get_highlights_pane (window);
  editor = clipper_highlights_pane_get_citation_editor (pane);
  before = clipper_store_find_citation (clipper_application_get_store (app), id, NULL);
  g_assert_nonnull (before);

  row = clipper_citation_editor_get_row (editor, "key");
  g_object_set_data (G_OBJECT (row), "wanted", before->key);
  wait_until (row_shows, row, "the citation key in the sidebar");
  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (editor)));
  gtk_expander_set_expanded (GTK_EXPANDER (find_all_first (GTK_WIDGET (editor), GTK_TYPE_EXPANDER, 0)), TRUE);

  row = clipper_citation_editor_get_row (editor, "authors");
  gtk_editable_set_text (GTK_EDITABLE (row), "  Hegseth, Pete; {Desk Editors} ");
  g_signal_emit_by_name (row, "apply");
  wait_until (citation_stored, &wanted, "the authors in the library");
  g_object_set_data (G_OBJECT (row), "wanted", (gpointer)wanted.authors);
  wait_until (row_shows, row, "the authors as the library keeps them");

  adw_combo_row_set_selected (ADW_COMBO_ROW (clipper_citation_editor_get_row (editor, "type")),
                              CLIPPER_ITEM_NEWSPAPER_ARTICLE);
  wanted.type = CLIPPER_ITEM_NEWSPAPER_ARTICLE;
  wait_until (citation_stored, &wanted, "the item type in the library");

  row = clipper_citation_editor_get_row (editor, "issued");
  gtk_editable_set_text (GTK_EDITABLE (row), "2025-13-01");
  g_signal_emit_by_name (row, "apply");
  wait_until (row_has_error, row, "the date refused");
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (row)), ==, "2025-13-01");
  screenshot ("citation-editor.png");
  after = clipper_store_find_citation (clipper_application_get_store (app), id, NULL);
  g_assert_cmpstr (after->issued, ==, before->issued);
  g_assert_true (after->edited & CLIPPER_CITATION_FIELD_AUTHORS);
  g_assert_false (after->edited & CLIPPER_CITATION_FIELD_ISSUED);

  /* Mended, the mark goes. */
  gtk_editable_set_text (GTK_EDITABLE (row), "2025-02-13");
  g_signal_emit_by_name (row, "apply");
  wanted.issued = "2025-02-13";
  wait_until (citation_stored, &wanted, "the mended date in the library");
  g_assert_false (gtk_widget_has_css_class (row, "error"));
}

static gboolean
import_finished (gpointer data)
{
  return clipper_import_dialog_get_finished (data);
}

/* A label under @root, shown, whose text holds @text. */
static GtkWidget *
find_label_containing (GtkWidget  *root,
                       const char *text)
{
  g_autoptr(GPtrArray) labels = g_ptr_array_new ();

  clipper_test_find_all (root, GTK_TYPE_LABEL, labels);
  for (guint i = 0; i < labels->len; i++)
    if (strstr (gtk_label_get_text (g_ptr_array_index (labels, i)), text) != NULL &&
        gtk_widget_get_mapped (g_ptr_array_index (labels, i)))
      return g_ptr_array_index (labels, i);
  return NULL;
}

static gboolean
problem_shown (gpointer data)
{
  return find_label_containing (data, "part_000001.csv, line 2:") != NULL;
}

static gboolean
library_lists (gpointer data)
{
  GListModel *model = clipper_library_view_get_model (clipper_window_get_library_view (window));

  for (guint i = 0; i < g_list_model_get_n_items (model); i++)
    {
      g_autoptr(ClipperClipping) clipping = g_list_model_get_item (model, i);

      if (g_strcmp0 (clipper_clipping_get_title (clipping), data) == 0)
        return TRUE;
    }
  return FALSE;
}

/* Import… : Pocket's ZIP, its progress, then what came in and what was
 * left out; the Library lists the new pages. */
static void
test_import_dialog (void)
{
  g_autofree char *path = g_test_build_filename (G_TEST_DIST, "fixtures", "import", "pocket.zip", NULL);
  ClipperImportDialog *dialog = clipper_import_dialog_new (GTK_WINDOW (window), clipper_application_get_store (app));
  GtkWidget *summary;

  g_assert_true (g_action_group_has_action (G_ACTION_GROUP (window), "import"));
  g_signal_connect_object (dialog, "imported", G_CALLBACK (clipper_library_view_reload),
                           clipper_window_get_library_view (window), G_CONNECT_SWAPPED);
  gtk_window_present (GTK_WINDOW (dialog));
  clipper_import_dialog_start (dialog, path);
  wait_until (import_finished, dialog, "the import to end");
  wait_until (problem_shown, dialog, "the records left out");
  summary = find_label_containing (GTK_WIDGET (dialog), "2 pages read:");
  g_assert_nonnull (summary);
  g_assert_nonnull (strstr (gtk_label_get_text (GTK_LABEL (summary)), "already in the library"));
  screenshot ("import-dialog.png");
  wait_until (library_lists, (gpointer)"A saved page, never read", "the imported page in the Library");
  gtk_window_destroy (GTK_WINDOW (dialog));
}

static gboolean
imported_page_clipped (gpointer data)
{
  gint64 id = *(gint64 *)data;
  g_autoptr(ClipperClipping) clipping = clipper_store_find_clipping (clipper_application_get_store (app), id, NULL);
  g_autoptr(GPtrArray) highlights = clipper_store_list_highlights (clipper_application_get_store (app), id, NULL);

  return clipping != NULL && clipper_clipping_get_content (clipping) != NULL &&
         strstr (clipper_clipping_get_content (clipping), "A page served") != NULL && highlights != NULL &&
         highlights->len == 1 && !clipper_highlight_get_orphaned (g_ptr_array_index (highlights, 0));
}

/* A page imported without its text opens from the web; Clip keeps it
 * and places the highlight the import kept waiting. */
static void
test_imported_page_fetched (void)
{
  g_autoptr(SoupServer) server = soup_server_new (NULL, NULL);
  g_autoptr(GSList) uris = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *served = NULL;
  g_autofree char *dir = g_dir_make_tmp ("clipper-ui-import-XXXXXX", NULL);
  g_autofree char *csv = g_build_filename (dir, "instapaper.csv", NULL);
  g_autofree char *text = NULL;
  ClipperStore *store = clipper_application_get_store (app);
  ClipperImportSummary summary;
  gint64 id;

  soup_server_add_handler (server, NULL, serve_cb, NULL, NULL);
  g_assert_true (soup_server_listen_local (server, 0, SOUP_SERVER_LISTEN_IPV4_ONLY, &error));
  uris = soup_server_get_uris (server);
  served = g_strdup_printf ("http://127.0.0.1:%d/article", g_uri_get_port (uris->data));
  g_slist_free_full (g_steal_pointer (&uris), (GDestroyNotify)g_uri_unref);

  text = g_strdup_printf ("URL,Title,Selection,Folder\n%s,Served later,with enough words to be an article,Unread\n",
                          served);
  g_assert_true (g_file_set_contents (csv, text, -1, NULL));
  clipper_import_summary_init (&summary);
  g_assert_true (clipper_import_file (store, csv, NULL, &summary, NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (summary.not_fetched, ==, 1);
  g_assert_cmpuint (summary.highlights_orphaned, ==, 1);
  clipper_import_summary_clear (&summary);
  id = clipper_store_find_clipping_by_url (store, served, NULL);
  g_assert_cmpint (id, >, 0);

  clipper_library_view_reload (clipper_window_get_library_view (window));
  clipper_window_open_clipping (window, id);
  wait_until (page_loaded, served, "the imported page to open from the web");
  wait_until (action_enabled, (gpointer)"clip", "Clip to be offered");
  g_action_group_activate_action (G_ACTION_GROUP (window), "clip", NULL);
  wait_until (imported_page_clipped, &id, "the page clipped and its highlight placed");
  g_assert_cmpint (clipper_store_find_clipping_by_url (store, served, NULL), ==, id);

  g_unlink (csv);
  g_rmdir (dir);
}


/* A button under @root whose label is @label (with its underline). */
static GtkWidget *
find_button (GtkWidget  *root,
             const char *label)
{
  g_autoptr(GPtrArray) buttons = g_ptr_array_new ();

  clipper_test_find_all (root, GTK_TYPE_BUTTON, buttons);
  for (guint i = 0; i < buttons->len; i++)
    if (g_strcmp0 (gtk_button_get_label (g_ptr_array_index (buttons, i)), label) == 0)
      return g_ptr_array_index (buttons, i);
  return NULL;
}

/* A served page that never answers, for a Cancel to end. */
static void
serve_paused_cb (SoupServer        *server,
                 SoupServerMessage *message,
                 const char        *path,
                 GHashTable        *query,
                 gpointer           data)
{
  if (g_str_equal (path, "/never"))
    soup_server_message_pause (message);
  else
    serve_cb (server, message, path, query, data);
}

static gboolean
toast_shown (gpointer data)
{
  return find_label_containing (GTK_WIDGET (window), data) != NULL;
}

/* The close button of the toast on show, or NULL. */
static GtkWidget *
shown_toast_button (void)
{
  g_autoptr(GPtrArray) buttons = g_ptr_array_new ();

  clipper_test_find_all (GTK_WIDGET (window), GTK_TYPE_BUTTON, buttons);
  for (guint i = 0; i < buttons->len; i++)
    {
      GtkWidget *button = g_ptr_array_index (buttons, i);
      GtkWidget *parent = gtk_widget_get_parent (button);

      if (gtk_widget_get_mapped (button) && parent != NULL && g_str_equal (gtk_widget_get_css_name (parent), "toast") &&
          gtk_widget_has_css_class (button, "circular"))
        return button;
    }
  return NULL;
}

static gboolean
widget_gone (gpointer data)
{
  return !gtk_widget_get_mapped (data);
}

/* Toasts queue behind one another, and none times out on a bare X
 * server: each is put away, once (a toast closed twice while it hides
 * is unreferenced twice), until none is left. */
static void
clear_toasts (void)
{
  for (guint i = 0; i < 20; i++)
    {
      g_autoptr(GtkWidget) button = NULL;

      wait_frames (5);
      if (!(button = shown_toast_button ()))
        return;
      g_object_ref (button);
      gtk_widget_activate (button);
      wait_until (widget_gone, button, "a toast to go");
    }
}

static gboolean
library_lacks (gpointer data)
{
  return !library_lists (data);
}

static gboolean
clipping_fetched (gpointer data)
{
  g_autoptr(ClipperClipping) clipping =
    clipper_store_find_clipping (clipper_application_get_store (app), *(gint64 *)data, NULL);

  return clipping != NULL && clipper_clipping_get_fetched (clipping);
}

/* Import… of a file without the pages' text: the dialog offers to fetch
 * them, and shows what was fetched and what failed; the Library marks
 * the page still waiting, and its menu fetches it alone; the dialog's
 * Cancel ends a fetch that hangs, leaving the page waiting. */
static void
test_import_fetch_pages (void)
{
  g_autoptr(SoupServer) server = soup_server_new (NULL, NULL);
  g_autoptr(GSList) uris = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *base = NULL;
  g_autofree char *dir = g_dir_make_tmp ("clipper-ui-fetch-XXXXXX", NULL);
  g_autofree char *csv = g_build_filename (dir, "instapaper.csv", NULL);
  g_autofree char *text = NULL;
  g_autofree char *ok_url = NULL;
  g_autofree char *missing_url = NULL;
  g_autofree char *never_url = NULL;
  ClipperStore *store = clipper_application_get_store (app);
  ClipperLibraryView *library = clipper_window_get_library_view (window);
  ClipperImportDialog *dialog;
  GtkWidget *fetch_button;
  GtkWidget *summary;
  gint64 ok_id, missing_id, never_id;

  soup_server_add_handler (server, NULL, serve_paused_cb, NULL, NULL);
  g_assert_true (soup_server_listen_local (server, 0, SOUP_SERVER_LISTEN_IPV4_ONLY, &error));
  uris = soup_server_get_uris (server);
  base = g_strdup_printf ("http://127.0.0.1:%d", g_uri_get_port (uris->data));
  ok_url = g_strconcat (base, "/fetched-later", NULL);
  missing_url = g_strconcat (base, "/missing", NULL);
  never_url = g_strconcat (base, "/never", NULL);
  text = g_strdup_printf ("URL,Title,Selection,Folder\n"
                          "%s,Fetched later,enough words to be an article,Unread\n"
                          "%s,Gone for good,,Unread\n",
                          ok_url, missing_url);
  g_assert_true (g_file_set_contents (csv, text, -1, NULL));

  dialog = clipper_import_dialog_new (GTK_WINDOW (window), store);
  g_signal_connect_object (dialog, "imported", G_CALLBACK (clipper_library_view_reload), library, G_CONNECT_SWAPPED);
  gtk_window_present (GTK_WINDOW (dialog));
  clipper_import_dialog_start (dialog, csv);
  wait_until (import_finished, dialog, "the import to end");
  summary = find_label_containing (GTK_WIDGET (dialog), "2 new (2 of them to be fetched)");
  g_assert_nonnull (summary);
  fetch_button = find_button (GTK_WIDGET (dialog), "_Fetch Pages");
  g_assert_nonnull (fetch_button);
  g_assert_true (gtk_widget_get_mapped (fetch_button));
  ok_id = clipper_store_find_clipping_by_url (store, ok_url, NULL);
  missing_id = clipper_store_find_clipping_by_url (store, missing_url, NULL);
  g_assert_false (clipping_fetched (&ok_id));

  /* The Library marks both as waiting. */
  gtk_widget_activate_action (GTK_WIDGET (window), "win.sidebar-page", "s", "library");
  clipper_library_view_search (library, "is:unfetched");
  wait_until (library_lists, (gpointer)"Gone for good", "the pages waiting in the Library");
  wait_until (toast_shown, (gpointer)"· not fetched", "the rows' mark");
  screenshot ("import-fetch-offered.png");

  g_signal_emit_by_name (fetch_button, "clicked");
  wait_until (import_finished, dialog, "the pages to be fetched");
  g_assert_nonnull (find_label_containing (GTK_WIDGET (dialog), "Some pages could not be fetched"));
  summary = find_label_containing (GTK_WIDGET (dialog), "Pages fetched: 1 of 2, 1 failed; 1 waiting highlights placed.");
  g_assert_nonnull (summary);
  g_assert_nonnull (find_label_containing (GTK_WIDGET (dialog), "/missing: The server answered “404"));
  g_assert_false (gtk_widget_get_visible (fetch_button));
  screenshot ("import-fetched.png");
  g_assert_true (clipping_fetched (&ok_id));
  g_assert_false (clipping_fetched (&missing_id));
  /* The search for pages waiting lists it no more. */
  wait_until (library_lacks, (gpointer)"Fetched later", "the fetched page gone from the pages waiting");
  g_assert_true (library_lists ((gpointer)"Gone for good"));
  gtk_window_destroy (GTK_WINDOW (dialog));

  /* A row's menu fetches its page alone, with a toast. */
  clear_toasts ();
  gtk_widget_activate_action (GTK_WIDGET (library), "library.fetch-clipping", "x", missing_id);
  wait_until (toast_shown, (gpointer)"The page could not be fetched", "the failure's toast");
  dismiss_toasts ();

  /* Cancel, while a page hangs: it keeps waiting. */
  never_id = clipper_store_find_clipping_by_url (store, never_url, NULL);
  g_assert_cmpint (never_id, ==, 0);
  {
    g_autoptr(ClipperClipping) clipping = clipper_clipping_new ();

    clipper_clipping_set_url (clipping, never_url);
    clipper_clipping_set_title (clipping, "Never answers");
    never_id = clipper_store_add_clipping (store, clipping, &error);
    g_assert_no_error (error);
  }
  dialog = clipper_import_dialog_new (GTK_WINDOW (window), store);
  gtk_window_present (GTK_WINDOW (dialog));
  clipper_import_dialog_fetch (dialog, &never_id, 1);
  g_assert_false (clipper_import_dialog_get_finished (dialog));
  g_signal_emit_by_name (find_button (GTK_WIDGET (dialog), "_Cancel"), "clicked");
  wait_until (import_finished, dialog, "the fetch to be cancelled");
  screenshot ("fetch-cancelled.png");
  g_assert_nonnull (find_label_containing (GTK_WIDGET (dialog), "Fetching cancelled"));
  g_assert_false (clipping_fetched (&never_id));
  gtk_window_destroy (GTK_WINDOW (dialog));

  clipper_library_view_search (library, "");
  g_unlink (csv);
  g_rmdir (dir);
}


static gboolean
highlight_placed_at (gpointer data)
{
  ClipperHighlight *wanted = data;
  g_autoptr(GPtrArray) highlights =
    clipper_store_list_highlights (clipper_application_get_store (app), clipper_highlight_get_clipping_id (wanted), NULL);

  for (guint i = 0; highlights != NULL && i < highlights->len; i++)
    {
      ClipperHighlight *highlight = g_ptr_array_index (highlights, i);

      if (clipper_highlight_get_id (highlight) == clipper_highlight_get_id (wanted))
        return !clipper_highlight_get_orphaned (highlight) &&
               g_strcmp0 (clipper_highlight_get_exact (highlight), clipper_highlight_get_exact (wanted)) == 0;
    }
  return FALSE;
}

static gboolean
marks_read (gpointer data)
{
  g_autofree char *marks = eval_reader ("Array.from(document.querySelectorAll('[data-highlight]'))"
                                        "  .map(m => m.textContent).join('')");

  return g_strcmp0 (marks, data) == 0;
}

static gboolean
orphan_row_gone (gpointer data)
{
  return find_label_containing (GTK_WIDGET (clipper_window_get_highlights_pane (window)), data) == NULL;
}

/* An orphan, placed by hand: with no passage selected, a toast says to
 * select one; with one, the highlight takes it, leaves the orphans and
 * is marked in the page. */
static void
test_place_orphan (void)
{
  ClipperStore *store = clipper_application_get_store (app);
  ClipperHighlightsPane *pane = clipper_window_get_highlights_pane (window);
  g_autoptr(ClipperClipping) clipping = clipper_clipping_new ();
  g_autoptr(ClipperHighlight) orphan = clipper_highlight_new ();
  g_autoptr(ClipperHighlight) wanted = NULL;
  g_autoptr(GError) error = NULL;
  gint64 id;

  clipper_clipping_set_url (clipping, "https://example.org/placing");
  clipper_clipping_set_title (clipping, "Placing by hand");
  clipper_clipping_set_content (clipping, "<p>The first paragraph says where the quote went.</p>"
                                          "<p>The second paragraph has the words the reader chooses.</p>");
  clipper_clipping_set_text (clipping, "The first paragraph says where the quote went.\n\n"
                                       "The second paragraph has the words the reader chooses.");
  id = clipper_store_add_clipping (store, clipping, &error);
  g_assert_no_error (error);
  clipper_highlight_set_clipping_id (orphan, id);
  clipper_highlight_set_exact (orphan, "a quote the page has lost");
  clipper_highlight_set_orphaned (orphan, TRUE);
  clipper_store_add_highlight (store, orphan, &error);
  g_assert_no_error (error);

  open_clipping_and_wait (id);
  gtk_widget_activate_action (GTK_WIDGET (window), "win.sidebar-page", "s", "highlights");
  wait_until (pane_has_n, GUINT_TO_POINTER (1), "the orphan in the sidebar");
  wait_until (toast_shown, (gpointer)"Orphaned: “a quote the page has lost”", "the orphan's row");

  /* Nothing selected yet. */
  clear_toasts ();
  gtk_widget_activate_action (GTK_WIDGET (pane), "pane.place", "x", clipper_highlight_get_id (orphan));
  wait_until (toast_shown, (gpointer)"Select the passage in the page first", "the toast asking for a selection");
  dismiss_toasts ();
  g_assert_true (clipper_highlight_get_orphaned (orphan));

  /* "the words the reader chooses", selected as a hand would. */
  g_free (eval_reader ("(() => {"
                       "  const node = Array.from(document.querySelectorAll('p'))"
                       "    .find(p => p.textContent.includes('the words')).firstChild;"
                       "  const start = node.data.indexOf('the words');"
                       "  const range = document.createRange();"
                       "  range.setStart(node, start);"
                       "  range.setEnd(node, start + 'the words the reader chooses'.length);"
                       "  window.getSelection().removeAllRanges();"
                       "  window.getSelection().addRange(range);"
                       "  document.dispatchEvent(new MouseEvent('mouseup'));"
                       "  return 'ok';"
                       "})()"));
  wait_until (popover_shown, NULL, "the selection popover");
  gtk_widget_activate_action (GTK_WIDGET (pane), "pane.place", "x", clipper_highlight_get_id (orphan));
  wanted = clipper_highlight_copy (orphan);
  clipper_highlight_set_exact (wanted, "the words the reader chooses");
  wait_until (highlight_placed_at, wanted, "the orphan placed at the selection");
  wait_until (orphan_row_gone, (gpointer)"Orphaned:", "the row to leave the orphans");
  wait_until (marks_read, (gpointer)"the words the reader chooses", "the placed highlight's mark in the page");
}

/* How many clippings the Library lists: all but the archived (imports
 * archive the pages other services had archived). */
static gint64
listed_in_store (ClipperStore *store)
{
  g_autoptr(ClipperQuery) archived = clipper_query_parse ("is:archived");
  g_autoptr(GArray) ids = clipper_store_search_ids (store, archived, CLIPPER_SORT_CLIPPED, NULL);

  return clipper_store_count_clippings (store, NULL) - (ids ? ids->len : 0);
}

static gboolean
count_in_store (gpointer data)
{
  return clipper_store_count_clippings (clipper_application_get_store (app), NULL) ==
         GPOINTER_TO_INT (data);
}

static void
test_delete_undo (void)
{
  ClipperLibraryView *library = clipper_window_get_library_view (window);
  GListModel *model = clipper_library_view_get_model (library);
  guint n = synced_count ();
  g_autoptr(ClipperClipping) clipping = g_list_model_get_item (model, 0);
  gint64 id = clipper_clipping_get_id (clipping);

  gint64 stored = clipper_store_count_clippings (clipper_application_get_store (app), NULL);

  g_signal_emit_by_name (library, "delete-requested", clipping);
  g_assert_cmpuint (g_list_model_get_n_items (model), ==, n - 1);
  /* Nothing is lost until the undo toast is gone. */
  g_assert_cmpint (clipper_store_count_clippings (clipper_application_get_store (app), NULL), ==, stored);

  g_action_group_activate_action (G_ACTION_GROUP (window), "undo-delete",
                                  g_variant_new_int64 (id));
  wait_until (library_has_n, GUINT_TO_POINTER (n), "the undone row to come back");

  /* Deleted for good once the window closes. */
  g_signal_emit_by_name (library, "delete-requested", clipping);
  g_assert_cmpuint (g_list_model_get_n_items (model), ==, n - 1);
  g_object_ref (app);
  gtk_window_close (GTK_WINDOW (window));
  wait_until (count_in_store, GINT_TO_POINTER (stored - 1), "the deletion");
  g_object_unref (app);
}

static gboolean
run_tests_cb (gpointer data)
{
  int *status = data;

  *status = g_test_run ();
  g_application_quit (G_APPLICATION (app));

  return G_SOURCE_REMOVE;
}

static void
on_activate_cb (GApplication *application,
                int          *status)
{
  window = CLIPPER_WINDOW (gtk_application_get_active_window (GTK_APPLICATION (application)));
  g_assert_nonnull (window);
  g_idle_add (run_tests_cb, status);
}

/* Whether the library shows some clippings, all of them titled @data. */
static gboolean
library_only_titled (gpointer data)
{
  GListModel *model = clipper_library_view_get_model (clipper_window_get_library_view (window));
  guint n_items = g_list_model_get_n_items (model);

  for (guint i = 0; i < n_items; i++)
    {
      g_autoptr(ClipperClipping) clipping = g_list_model_get_item (model, i);

      if (g_strcmp0 (clipper_clipping_get_title (clipping), data) != 0)
        return FALSE;
    }

  return n_items > 0;
}

static gboolean
reader_shows (gpointer data)
{
  g_autofree char *uri = g_strdup_printf ("clipper://clipping/%" G_GINT64_FORMAT, *(gint64 *)data);

  return page_loaded (uri);
}

/* Ctrl+K, a word, Down, Enter: the clipping opens, nothing is deleted, and
 * a row's next focus stop is not its trash button. */
static void
test_keyboard_search (void)
{
  ClipperLibraryView *library = clipper_window_get_library_view (window);
  GListModel *model = clipper_library_view_get_model (library);
  ClipperStore *store = clipper_application_get_store (app);
  gint64 stored;
  gint64 id;
  GtkWidget *focus;

  if (!can_drive_x11 ())
    return;

  wait_until (store_ready, NULL, "the library to open");
  stored = clipper_store_count_clippings (store, NULL);

  xdotool ("key ctrl+k");
  wait_until (focus_inside, GSIZE_TO_POINTER (GTK_TYPE_SEARCH_ENTRY), "the search entry to take the focus");
  xdotool ("type --delay 30 illusionary");
  wait_until (library_only_titled,
              (gpointer)"US defence chief signals major shift in Ukraine support in first NATO meet",
              "the search to find the article");

  xdotool ("key Down");
  wait_until (focus_inside, GSIZE_TO_POINTER (GTK_TYPE_LIST_VIEW), "the results to take the focus");
  focus = gtk_root_get_focus (GTK_ROOT (window));
  g_assert_null (gtk_widget_get_ancestor (focus, GTK_TYPE_BUTTON));

  /* Tab from a row never lands on a destructive button. */
  {
    g_autoptr(GPtrArray) buttons = g_ptr_array_new ();

    clipper_test_find_all (GTK_WIDGET (library), GTK_TYPE_BUTTON, buttons);
    for (guint i = 0; i < buttons->len; i++)
      if (gtk_widget_has_css_class (g_ptr_array_index (buttons, i), "row-delete"))
        g_assert_false (gtk_widget_get_focusable (g_ptr_array_index (buttons, i)));
  }

  {
    g_autoptr(ClipperClipping) first = g_list_model_get_item (model, 0);

    id = clipper_clipping_get_id (first);
  }
  xdotool ("key Return");
  wait_until (reader_shows, &id, "Enter to open the clipping");
  /* Nothing deleted, nor waiting to be. */
  g_assert_cmpint (clipper_store_count_clippings (store, NULL), ==, stored);
  clipper_library_view_search (library, "");
  wait_until (library_has_n, GUINT_TO_POINTER ((guint)listed_in_store (store)), "the whole library to come back");
}

/* The row showing the library's @position-th clipping (the list is short
 * enough to be all on screen). */
static GtkWidget *
find_library_row (guint position)
{
  g_autoptr(GPtrArray) boxes = g_ptr_array_new ();
  g_autoptr(GPtrArray) rows = g_ptr_array_new ();

  clipper_test_find_all (GTK_WIDGET (clipper_window_get_library_view (window)), GTK_TYPE_BOX, boxes);
  for (guint i = 0; i < boxes->len; i++)
    {
      GtkWidget *box = g_ptr_array_index (boxes, i);

      if (gtk_widget_has_css_class (box, "library-row") && gtk_widget_get_mapped (box))
        g_ptr_array_add (rows, box);
    }
  g_ptr_array_sort (rows, compare_heights);
  g_assert_cmpuint (rows->len, >, position);
  return g_ptr_array_index (rows, position);
}

static gboolean
toast_waits_for_dismissal (gpointer data)
{
  AdwToast *toast = clipper_window_get_delete_toast (window, GPOINTER_TO_INT (data));

  return toast != NULL && adw_toast_get_timeout (toast) == 0;
}

static gboolean
shown (gpointer data)
{
  return gtk_widget_get_opacity (data) == 1 && gtk_widget_get_can_target (data);
}

/* The trash button shows while the pointer is over its row; after a
 * deletion the next row slides under the still pointer without one. A
 * clipping with highlights keeps its Undo until dismissed; one without
 * gets the usual timeout. */
static void
test_pointer_delete (void)
{
  ClipperLibraryView *library = clipper_window_get_library_view (window);
  GListModel *model = clipper_library_view_get_model (library);
  g_autoptr(ClipperClipping) annotated = NULL;
  g_autoptr(ClipperClipping) plain = NULL;
  g_autoptr(GPtrArray) buttons = g_ptr_array_new ();
  GtkWidget *row;
  GtkWidget *button;
  AdwToast *toast;
  guint annotated_position = 0;
  guint n;

  if (!can_drive_x11 ())
    return;

  n = synced_count ();
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(ClipperClipping) clipping = g_list_model_get_item (model, i);

      if (clipper_clipping_get_highlight_count (clipping) > 0 && annotated == NULL)
        {
          annotated = g_object_ref (clipping);
          annotated_position = i;
        }
      else if (clipper_clipping_get_highlight_count (clipping) == 0 && plain == NULL)
        plain = g_object_ref (clipping);
    }
  g_assert_nonnull (annotated);
  g_assert_nonnull (plain);

  row = find_library_row (annotated_position);
  button = gtk_widget_get_last_child (row);
  g_assert_true (gtk_widget_has_css_class (button, "row-delete"));
  g_assert_false (shown (button));

  /* The pointer arrives over the row (XTEST motion under Xvfb reaches
   * GTK too unreliably to wait on; the row's own controller is told). */
  {
    g_autoptr(GListModel) controllers = gtk_widget_observe_controllers (row);

    for (guint i = 0; i < g_list_model_get_n_items (controllers); i++)
      {
        g_autoptr(GObject) controller = g_list_model_get_item (controllers, i);

        if (GTK_IS_EVENT_CONTROLLER_MOTION (controller))
          g_signal_emit_by_name (controller, "enter", 20.0, 10.0);
      }
  }
  wait_until (shown, button, "the trash button to show under the pointer");
  gtk_widget_activate (button);
  wait_until (library_has_n, GUINT_TO_POINTER (n - 1), "the row to go");

  toast = clipper_window_get_delete_toast (window, clipper_clipping_get_id (annotated));
  g_assert_nonnull (toast);
  g_assert_cmpuint (adw_toast_get_timeout (toast), ==, 0);

  /* The pointer has not moved: no trash button is there to click twice. */
  clipper_test_find_all (GTK_WIDGET (library), GTK_TYPE_BUTTON, buttons);
  for (guint i = 0; i < buttons->len; i++)
    if (gtk_widget_has_css_class (g_ptr_array_index (buttons, i), "row-delete"))
      g_assert_false (shown (g_ptr_array_index (buttons, i)));

  g_action_group_activate_action (G_ACTION_GROUP (window), "undo-delete",
                                  g_variant_new_int64 (clipper_clipping_get_id (annotated)));
  wait_until (library_has_n, GUINT_TO_POINTER (n), "the undone row to come back");

  /* From the row's context menu, a clipping without highlights. */
  gtk_widget_activate_action (GTK_WIDGET (library), "library.delete-clipping", "x",
                              clipper_clipping_get_id (plain));
  wait_until (library_has_n, GUINT_TO_POINTER (n - 1), "the row to go");
  toast = clipper_window_get_delete_toast (window, clipper_clipping_get_id (plain));
  g_assert_nonnull (toast);
  g_assert_cmpuint (adw_toast_get_timeout (toast), >, 0);
  g_action_group_activate_action (G_ACTION_GROUP (window), "undo-delete",
                                  g_variant_new_int64 (clipper_clipping_get_id (plain)));
  wait_until (library_has_n, GUINT_TO_POINTER (n), "the undone row to come back");

  /* A note alone is work too: looked up off the main loop, it keeps the
   * Undo until dismissed. */
  g_assert_true (clipper_store_set_clipping_note (clipper_application_get_store (app),
                                                  clipper_clipping_get_id (plain), "Keep this", NULL));
  gtk_widget_activate_action (GTK_WIDGET (library), "library.delete-clipping", "x",
                              clipper_clipping_get_id (plain));
  wait_until (library_has_n, GUINT_TO_POINTER (n - 1), "the row to go");
  wait_until (toast_waits_for_dismissal, GINT_TO_POINTER (clipper_clipping_get_id (plain)),
              "the Undo to stay");
  g_action_group_activate_action (G_ACTION_GROUP (window), "undo-delete",
                                  g_variant_new_int64 (clipper_clipping_get_id (plain)));
  wait_until (library_has_n, GUINT_TO_POINTER (n), "the undone row to come back");
  g_assert_true (clipper_store_set_clipping_note (clipper_application_get_store (app),
                                                  clipper_clipping_get_id (plain), "", NULL));
}

static gboolean
model_count_is (gpointer data)
{
  GListModel *model = clipper_library_view_get_model (clipper_window_get_library_view (window));

  return g_list_model_get_n_items (model) == GPOINTER_TO_UINT (data) &&
         !clipper_library_view_is_loading (clipper_window_get_library_view (window));
}

/* Runs clipper with the arguments, on @library (or the window's). */
static void
run_cli_valist (const char *library,
                const char *first,
                va_list     args)
{
  g_autoptr(GPtrArray) argv = g_ptr_array_new ();
  g_autoptr(GError) error = NULL;
  int status = 0;

  g_ptr_array_add (argv, (gpointer)g_getenv ("CLIPPER_BIN"));
  if (library != NULL)
    {
      g_ptr_array_add (argv, (gpointer)"--library");
      g_ptr_array_add (argv, (gpointer)library);
    }
  for (const char *arg = first; arg; arg = va_arg (args, const char *))
    g_ptr_array_add (argv, (gpointer)arg);
  g_ptr_array_add (argv, NULL);

  g_assert_true (g_spawn_sync (NULL, (char **)argv->pdata, NULL, G_SPAWN_STDOUT_TO_DEV_NULL, NULL, NULL,
                               NULL, NULL, &status, &error));
  g_assert_no_error (error);
  g_assert_true (g_spawn_check_wait_status (status, NULL));
}

static void
run_cli (const char *first,
         ...)
{
  va_list args;

  va_start (args, first);
  run_cli_valist (NULL, first, args);
  va_end (args);
}

static void
run_cli_in (const char *library,
            const char *first,
            ...)
{
  va_list args;

  va_start (args, first);
  run_cli_valist (library, first, args);
  va_end (args);
}

/* What the command line adds or deletes shows in the open window, without
 * a new search or a page switch. */
static void
test_cli_changes_shown (void)
{
  g_autofree char *fixture = g_build_filename (g_getenv ("G_TEST_SRCDIR"), "fixtures", "news-jsonld.html", NULL);
  guint n = synced_count ();

  run_cli ("clip", fixture, "--url", "https://news.example.org/from-the-command-line", NULL);
  wait_until (model_count_is, GUINT_TO_POINTER (n + 1), "the clipping the command line added");

  {
    g_autoptr(ClipperClipping) newest = g_list_model_get_item (
      clipper_library_view_get_model (clipper_window_get_library_view (window)), 0);
    g_autofree char *id = g_strdup_printf ("%" G_GINT64_FORMAT, clipper_clipping_get_id (newest));

    run_cli ("delete", id, NULL);
  }
  wait_until (model_count_is, GUINT_TO_POINTER (n), "the clipping the command line deleted to go");
}

static gboolean
pane_selected_is (gpointer data)
{
  GListModel *shown = clipper_highlights_pane_get_shown (clipper_window_get_highlights_pane (window));
  ClipperHighlight *selected = gtk_single_selection_get_selected_item (GTK_SINGLE_SELECTION (shown));

  return selected != NULL && clipper_highlight_get_id (selected) == *(gint64 *)data;
}

static gboolean
clipping_note_shows (gpointer data)
{
  g_autoptr(GPtrArray) views = g_ptr_array_new ();

  clipper_test_find_all (GTK_WIDGET (clipper_window_get_highlights_pane (window)), GTK_TYPE_TEXT_VIEW, views);
  for (guint i = 0; i < views->len; i++)
    {
      GtkTextBuffer *buffer = gtk_text_view_get_buffer (g_ptr_array_index (views, i));
      GtkTextIter start, end;
      g_autofree char *text = NULL;

      gtk_text_buffer_get_bounds (buffer, &start, &end);
      text = gtk_text_buffer_get_text (buffer, &start, &end, FALSE);
      if (g_str_equal (text, data))
        return TRUE;
    }
  return FALSE;
}

/* Highlights and notes the command line adds show in the open clipping's
 * sidebar and page, in place: the selected row stays selected, and a note
 * being typed is not touched. */
static void
test_cli_highlights_shown (void)
{
  ClipperStore *store = clipper_application_get_store (app);
  GListModel *library = clipper_library_view_get_model (clipper_window_get_library_view (window));
  ClipperHighlightsPane *pane = clipper_window_get_highlights_pane (window);
  g_autoptr(ClipperClipping) clipping = NULL;
  g_autoptr(ClipperAnchorText) text = NULL;
  g_autoptr(GPtrArray) highlights = NULL;
  g_autofree char *id_text = NULL;
  g_autofree char *quote = NULL;
  g_autofree char *count = NULL;
  ClipperHighlight *chosen;
  gint64 chosen_id;
  gint64 id = 0;
  guint n;

  for (guint i = 0; id == 0 && i < g_list_model_get_n_items (library); i++)
    {
      g_autoptr(ClipperClipping) item = g_list_model_get_item (library, i);

      if (clipper_clipping_get_highlight_count (item) >= 2)
        id = clipper_clipping_get_id (item);
    }
  g_assert_cmpint (id, >, 0);
  open_clipping_and_wait (id);
  gtk_widget_activate_action (GTK_WIDGET (window), "win.sidebar-page", "s", "highlights");
  highlights = clipper_store_list_highlights (store, id, NULL);
  n = highlights->len;
  wait_until (pane_has_n, GUINT_TO_POINTER (n), "the highlights to be listed");

  /* The second row is selected, so keeping the selection means something. */
  chosen = g_ptr_array_index (highlights, 1);
  chosen_id = clipper_highlight_get_id (chosen);
  clipper_highlights_pane_select (pane, chosen_id);
  wait_until (pane_selected_is, &chosen_id, "the row to be selected");

  clipping = clipper_store_find_clipping (store, id, NULL);
  text = clipper_anchor_text_new_from_html (clipper_clipping_get_content (clipping));
  quote = clipper_anchor_text_slice (text, clipper_anchor_text_get_length (text) - 90,
                                     clipper_anchor_text_get_length (text) - 30);
  id_text = g_strdup_printf ("%" G_GINT64_FORMAT, id);
  run_cli ("highlight", id_text, "--quote", quote, "--note", "Added from the command line", NULL);
  wait_until (pane_has_n, GUINT_TO_POINTER (n + 1), "the new highlight to be listed");
  g_assert_true (pane_selected_is (&chosen_id));
  count = g_strdup_printf ("%u", n + 1);
  wait_until (marks_drawn, count, "the new highlight to be drawn");

  run_cli ("note", id_text, "Noted from the command line", NULL);
  wait_until (clipping_note_shows, (gpointer)"Noted from the command line", "the clipping's note to show");
  g_assert_true (pane_selected_is (&chosen_id));
  run_cli ("note", id_text, "", NULL);
  wait_until (clipping_note_shows, (gpointer)"", "the clipping's note to go");

  /* A note being typed when another program writes stays as typed. */
  if (can_drive_x11 ())
    {
      g_autofree char *other = clipper_anchor_text_slice (text, clipper_anchor_text_get_length (text) - 160,
                                                          clipper_anchor_text_get_length (text) - 100);
      GtkWidget *focus;

      clipper_highlights_pane_edit_note (pane, chosen_id);
      focus = gtk_window_get_focus (GTK_WINDOW (window));
      g_assert_true (GTK_IS_TEXT_VIEW (focus));
      xdotool ("key ctrl+a type --delay 20 'Typed while another program writes'");
      wait_until (clipping_note_shows, (gpointer)"Typed while another program writes", "the typing");
      run_cli ("highlight", id_text, "--quote", other, NULL);
      wait_until (pane_has_n, GUINT_TO_POINTER (n + 2), "the second new highlight to be listed");
      g_assert_true (gtk_window_get_focus (GTK_WINDOW (window)) == focus);
      xdotool ("type --delay 20 ', still'");
      wait_until (clipping_note_shows, (gpointer)"Typed while another program writes, still", "the typing to go on");
      g_assert_true (pane_selected_is (&chosen_id));
    }
}

static void
test_search (void)
{
  ClipperLibraryView *library = clipper_window_get_library_view (window);
  gint64 all;

  wait_until (store_ready, NULL, "the library to open");
  all = listed_in_store (clipper_application_get_store (app));
  /* Earlier tests clipped the article and another page. */
  g_assert_cmpuint (all, >=, 2);

  /* The sidebar's Library page, as a user would switch to it. */
  gtk_stack_set_visible_child_name (GTK_STACK (gtk_widget_get_ancestor (GTK_WIDGET (library), GTK_TYPE_STACK)),
                                    "library");

  /* Words from the article's body, typed into the sidebar's entry. */
  clipper_library_view_search (library, "illusionary goal");
  wait_until (library_only_titled,
              (gpointer)"US defence chief signals major shift in Ukraine support in first NATO meet",
              "the search to find the article");
  screenshot ("search.png");

  clipper_library_view_search (library, "zyzzyva");
  wait_until (library_has_n, GUINT_TO_POINTER (0), "a search that finds nothing");

  clipper_library_view_search (library, "");
  wait_until (library_has_n, GUINT_TO_POINTER (all), "the whole library to come back");
}

/* Every row's subtitle names the date published, or says it is unknown. */
static gboolean
rows_say_published (gpointer data)
{
  g_autoptr(GPtrArray) labels = g_ptr_array_new ();
  guint subtitles = 0;

  clipper_test_find_all (GTK_WIDGET (clipper_window_get_library_view (window)), GTK_TYPE_LABEL, labels);
  for (guint i = 0; i < labels->len; i++)
    {
      GtkWidget *label = g_ptr_array_index (labels, i);
      const char *text = gtk_label_get_text (GTK_LABEL (label));

      if (!gtk_widget_has_css_class (label, "date") || !gtk_widget_get_mapped (label))
        continue;
      if (text == NULL || (!strstr (text, "Published ") && !strstr (text, "Date published unknown")))
        return FALSE;
      subtitles++;
    }
  return subtitles > 0;
}

static gboolean
library_sorted_by_title (gpointer data)
{
  GListModel *model = clipper_library_view_get_model (clipper_window_get_library_view (window));
  guint n_items = g_list_model_get_n_items (model);

  if (clipper_library_view_is_loading (clipper_window_get_library_view (window)) || n_items < 2)
    return FALSE;

  for (guint i = 1; i < n_items; i++)
    {
      g_autoptr(ClipperClipping) a = g_list_model_get_item (model, i - 1);
      g_autoptr(ClipperClipping) b = g_list_model_get_item (model, i);

      if (g_ascii_strcasecmp (clipper_clipping_get_title (a), clipper_clipping_get_title (b)) > 0)
        return FALSE;
    }

  return TRUE;
}

static gboolean
library_all_highlighted (gpointer data)
{
  GListModel *model = clipper_library_view_get_model (clipper_window_get_library_view (window));
  guint n_items = g_list_model_get_n_items (model);

  if (clipper_library_view_is_loading (clipper_window_get_library_view (window)))
    return FALSE;

  for (guint i = 0; i < n_items; i++)
    {
      g_autoptr(ClipperClipping) clipping = g_list_model_get_item (model, i);

      if (clipper_clipping_get_highlight_count (clipping) == 0)
        return FALSE;
    }

  return n_items > 0 && n_items < GPOINTER_TO_UINT (data);
}

static GtkWidget *
find_css (GtkWidget  *widget,
          const char *css_class)
{
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child; child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found;

      if (gtk_widget_has_css_class (child, css_class) && gtk_widget_get_mapped (child))
        return child;
      if ((found = find_css (child, css_class)))
        return found;
    }

  return NULL;
}

static gboolean
popover_menu_shown (gpointer data)
{
  GtkWidget *row = data;

  for (GtkWidget *child = gtk_widget_get_first_child (row); child; child = gtk_widget_get_next_sibling (child))
    if (GTK_IS_POPOVER_MENU (child) && gtk_widget_get_mapped (child))
      return TRUE;

  return FALSE;
}

static void
on_export_failed_cb (ClipperExportDialog *dialog,
                     const char          *message)
{
  g_error ("The export failed: %s", message);
}

/* A row's right-click menu lists the clippings of its site. */
static gboolean
site_picker_listed (gpointer data)
{
  ClipperSitePicker *picker = data;

  return gtk_widget_get_mapped (GTK_WIDGET (picker)) && !clipper_site_picker_is_loading (picker) &&
         g_list_model_get_n_items (clipper_site_picker_get_shown (picker)) ==
           GPOINTER_TO_UINT (g_object_get_data (G_OBJECT (picker), "expected"));
}

/* One item left in the model (a reference the check drops once true). */
static gboolean
model_has_n (gpointer data)
{
  if (g_list_model_get_n_items (data) != 1)
    return FALSE;

  g_object_unref (data);
  return TRUE;
}

static void
test_show_site (void)
{
  ClipperLibraryView *library = clipper_window_get_library_view (window);
  g_autoptr(GListModel) controllers = NULL;
  GtkWidget *row;
  GtkWidget *child;

  wait_until (store_ready, NULL, "the library to open");
  synced_count ();
  clipper_library_view_search (library, "\"Allies weigh\"");
  wait_until (library_only_titled, (gpointer)"Allies weigh defence spending targets", "the news article");

  row = find_css (GTK_WIDGET (library), "library-row");
  g_assert_nonnull (row);
  controllers = gtk_widget_observe_controllers (row);
  for (guint i = 0; i < g_list_model_get_n_items (controllers); i++)
    {
      g_autoptr(GtkEventController) controller = g_list_model_get_item (controllers, i);

      if (GTK_IS_GESTURE_CLICK (controller))
        g_signal_emit_by_name (controller, "pressed", 1, 20.0, 10.0);
    }
  wait_until (popover_menu_shown, row, "the row's menu");
  screenshot ("row-menu.png");
  for (child = gtk_widget_get_first_child (row); child; child = gtk_widget_get_next_sibling (child))
    if (GTK_IS_POPOVER_MENU (child))
      gtk_popover_popdown (GTK_POPOVER (child));

  gtk_widget_activate_action (GTK_WIDGET (library), "library.show-site", "s", "The Example Times");
  g_assert_cmpstr (clipper_library_view_get_search (library), ==, "site:\"The Example Times\"");
  wait_until (library_only_titled, (gpointer)"Allies weigh defence spending targets", "the site's clippings");
  clipper_library_view_search (library, "");

  /* The sort and filter menu lists every site to choose from. */
  {
    ClipperStore *store = clipper_application_get_store (app);
    g_autoptr(ClipperClipping) other = clipper_clipping_new ();
    g_autoptr(GPtrArray) sites = NULL;
    g_autoptr(GtkStringObject) first = NULL;
    g_autoptr(GError) error = NULL;
    GtkWidget *picker;
    GtkWidget *entry;
    GListModel *shown;
    gint64 other_id;

    /* A second site, from an address without a site name. */
    clipper_clipping_set_title (other, "Glaciers in retreat");
    clipper_clipping_set_url (other, "https://www.alpine.example.net/glaciers");
    clipper_clipping_set_content (other, "<p>Ice.</p>");
    clipper_clipping_set_text (other, "Ice.");
    other_id = clipper_store_add_clipping (store, other, &error);
    g_assert_no_error (error);

    sites = clipper_store_count_sites (store, NULL);
    g_assert_nonnull (sites);
    g_assert_cmpuint (sites->len, >, 1);
    gtk_widget_activate_action (GTK_WIDGET (library), "library.choose-site", NULL);
    picker = clipper_library_view_get_site_picker (library);
    g_assert_nonnull (picker);
    g_object_set_data (G_OBJECT (picker), "expected", GUINT_TO_POINTER (sites->len));
    wait_until (site_picker_listed, picker, "the sites");
    screenshot ("site-picker.png");

    /* Typing narrows the list; Enter takes the first site left. */
    shown = clipper_site_picker_get_shown (CLIPPER_SITE_PICKER (picker));
    entry = find_widget (picker, GTK_TYPE_SEARCH_ENTRY);
    g_assert_true (gtk_widget_has_focus (find_widget (entry, GTK_TYPE_TEXT)));
    gtk_editable_set_text (GTK_EDITABLE (entry), "EXAMPLE ti");
    wait_until (model_has_n, g_object_ref (shown), "the sites matching the search");
    first = g_list_model_get_item (shown, 0);
    g_assert_cmpstr (gtk_string_object_get_string (first), ==, "The Example Times");
    g_signal_emit_by_name (entry, "activate");
    g_assert_false (gtk_widget_get_visible (picker));
    g_assert_cmpstr (clipper_library_view_get_search (library), ==, "site:\"The Example Times\"");
    wait_until (library_only_titled, (gpointer)"Allies weigh defence spending targets", "the chosen site's clippings");
    clipper_library_view_search (library, "");
    g_assert_true (clipper_store_delete_clipping (store, other_id, &error));
  }
}

/* The sort and filter menu, choosing several rows, deleting them at once. */
static void
test_library_controls (void)
{
  ClipperLibraryView *library = clipper_window_get_library_view (window);
  GListModel *model = clipper_library_view_get_model (library);
  ClipperStore *store = clipper_application_get_store (app);
  g_autoptr(GSettings) settings = g_settings_new (APP_ID);
  g_autoptr(GArray) ids = NULL;
  g_autofree char *sort = NULL;
  gint64 stored, first_id;
  guint all, shown;

  wait_until (store_ready, NULL, "the library to open");
  all = synced_count ();
  stored = clipper_store_count_clippings (store, NULL);
  g_assert_cmpuint (all, ==, listed_in_store (store));

  /* Sorted by date published, the rows say which date they show. */
  gtk_widget_activate_action (GTK_WIDGET (library), "library.sort", "s", "published");
  wait_until (rows_say_published, NULL, "the rows to show dates published");

  gtk_widget_activate_action (GTK_WIDGET (library), "library.sort", "s", "title");
  wait_until (library_sorted_by_title, NULL, "the list to be sorted by title");
  sort = g_settings_get_string (settings, "library-sort");
  g_assert_cmpstr (sort, ==, "title");

  gtk_widget_activate_action (GTK_WIDGET (library), "library.only-highlighted", NULL);
  wait_until (library_all_highlighted, GUINT_TO_POINTER (all), "only highlighted clippings");
  shown = g_list_model_get_n_items (model);

  /* Choose them all; the action bar offers export and delete. */
  gtk_widget_activate_action (GTK_WIDGET (library), "library.select-all", NULL);
  ids = clipper_library_view_dup_selected_ids (library);
  g_assert_cmpuint (ids->len, ==, shown);
  screenshot ("library.png");

  /* Export… writes one file per chosen clipping into a folder. */
  {
    g_autofree char *dir = g_dir_make_tmp ("clipper-ui-selection-XXXXXX", NULL);
    g_autofree char *folder = g_strconcat (dir, G_DIR_SEPARATOR_S, NULL);
    g_autofree char *title = NULL;
    ClipperExportDialog *dialog;
    GDir *listing;
    const char *name;
    guint files = 0;

    gtk_widget_activate_action (GTK_WIDGET (library), "library.export-selection", NULL);
    dialog = find_export_dialog ();
    g_assert_nonnull (dialog);
    title = g_strdup_printf ("Export %u Clippings", shown);
    g_assert_cmpstr (gtk_window_get_title (GTK_WINDOW (dialog)), ==, title);
    g_signal_connect (dialog, "failed", G_CALLBACK (on_export_failed_cb), NULL);
    /* Markdown, whatever was exported last. */
    adw_combo_row_set_selected (ADW_COMBO_ROW (find_all_first (GTK_WIDGET (dialog), ADW_TYPE_COMBO_ROW, 1)), 0);
    clipper_export_dialog_export_to (dialog, folder);
    wait_until (export_dialog_gone, dir, "the selection to be exported");

    listing = g_dir_open (dir, 0, NULL);
    while ((name = g_dir_read_name (listing)))
      {
        g_autofree char *path = g_build_filename (dir, name, NULL);

        files += g_str_has_suffix (name, ".md") || g_str_has_suffix (name, ".pdf");
        g_unlink (path);
      }
    g_dir_close (listing);
    g_rmdir (dir);
    g_assert_cmpuint (files, ==, shown);
  }

  first_id = g_array_index (ids, gint64, 0);
  gtk_widget_activate_action (GTK_WIDGET (library), "library.delete-selection", NULL);
  g_assert_cmpuint (g_list_model_get_n_items (model), ==, 0);
  g_clear_pointer (&ids, g_array_unref);
  ids = clipper_library_view_dup_selected_ids (library);
  g_assert_cmpuint (ids->len, ==, 0);
  g_assert_cmpint (clipper_store_count_clippings (store, NULL), ==, stored);
  g_action_group_activate_action (G_ACTION_GROUP (window), "undo-delete",
                                  g_variant_new_int64 (first_id));
  wait_until (library_has_n, GUINT_TO_POINTER (shown), "the undone rows to come back");

  gtk_widget_activate_action (GTK_WIDGET (library), "library.only-highlighted", NULL);
  gtk_widget_activate_action (GTK_WIDGET (library), "library.sort", "s", "clipped");
  wait_until (library_has_n, GUINT_TO_POINTER (all), "the whole library to come back");
  g_assert_cmpint (clipper_store_count_clippings (store, NULL), ==, stored);
}

static gboolean
tag_counted (gpointer data)
{
  ClipperTagsView *tags = clipper_window_get_tags_view (window);
  g_auto(GStrv) parts = g_strsplit (data, "=", 2);

  return !clipper_tags_view_is_loading (tags) &&
         clipper_tags_view_get_count (tags, parts[0], NULL) == g_ascii_strtoll (parts[1], NULL, 10);
}

static GtkWidget *
find_label (GtkWidget  *widget,
            const char *text)
{
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child; child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found;

      if (GTK_IS_LABEL (child) && g_strcmp0 (gtk_label_get_text (GTK_LABEL (child)), text) == 0)
        return child;
      if ((found = find_label (child, text)))
        return found;
    }

  return NULL;
}

static gboolean
message_dialog_shown (gpointer data)
{
  GListModel *toplevels = gtk_window_get_toplevels ();

  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr(GtkWindow) toplevel = g_list_model_get_item (toplevels, i);

      if (ADW_IS_MESSAGE_DIALOG (toplevel) && gtk_widget_get_mapped (GTK_WIDGET (toplevel)))
        {
          *(AdwMessageDialog **)data = ADW_MESSAGE_DIALOG (toplevel);
          return TRUE;
        }
    }

  return FALSE;
}

static gboolean
row_label_shown (gpointer data)
{
  return find_label (GTK_WIDGET (clipper_window_get_tags_view (window)), data) != NULL;
}

/* The Tags page: counts, renaming onto another tag's name, filtering by one. */
static void
test_tags (void)
{
  ClipperTagsView *tags = clipper_window_get_tags_view (window);
  ClipperLibraryView *library = clipper_window_get_library_view (window);
  GListModel *model = clipper_library_view_get_model (library);
  ClipperStore *store = clipper_application_get_store (app);
  GtkStack *sidebar = GTK_STACK (gtk_widget_get_ancestor (GTK_WIDGET (tags), GTK_TYPE_STACK));
  AdwMessageDialog *dialog = NULL;
  g_autoptr(ClipperClipping) first = NULL;
  g_autoptr(ClipperClipping) second = NULL;
  g_autoptr(GError) error = NULL;
  const char *first_tags[] = { "Climate", "Alps", NULL };
  const char *second_tags[] = { "climat", NULL };
  g_autofree char *report_dir = g_dir_make_tmp ("clipper-ui-report-XXXXXX", NULL);
  g_autofree char *report_path = g_build_filename (report_dir, "climate.md", NULL);
  g_autofree char *contents = NULL;
  ClipperReportDialog *report;
  GtkWidget *label;
  GtkWidget *button;

  wait_until (store_ready, NULL, "the library to open");
  g_assert_cmpuint (synced_count (), >=, 2);
  first = g_list_model_get_item (model, 0);
  second = g_list_model_get_item (model, 1);
  g_assert_true (clipper_store_set_clipping_tags (store, clipper_clipping_get_id (first), first_tags, &error));
  g_assert_true (clipper_store_set_clipping_tags (store, clipper_clipping_get_id (second), second_tags, &error));
  g_assert_no_error (error);

  gtk_stack_set_visible_child_name (sidebar, "tags");
  wait_until (tag_counted, (gpointer)"Climate=1", "the tags to be counted");
  g_assert_cmpint (clipper_tags_view_get_count (tags, "climat", NULL), ==, 1);
  wait_until (row_label_shown, (gpointer)"climat", "the tag rows");

  /* The row's rename button asks for the new name; another tag's name merges. */
  label = find_label (GTK_WIDGET (tags), "climat");
  button = gtk_widget_get_next_sibling (gtk_widget_get_parent (label));
  g_assert_true (GTK_IS_BUTTON (button));
  g_signal_emit_by_name (button, "clicked");
  wait_until (message_dialog_shown, &dialog, "the rename dialog");
  gtk_editable_set_text (GTK_EDITABLE (adw_message_dialog_get_extra_child (dialog)), "climate");
  g_assert_cmpstr (adw_message_dialog_get_response_label (dialog, "rename"), ==, "_Merge");
  screenshot ("tag-rename.png");
  adw_message_dialog_response (dialog, "rename");
  gtk_window_destroy (GTK_WINDOW (dialog));

  wait_until (tag_counted, (gpointer)"Climate=2", "the merged tag");
  g_assert_cmpint (clipper_tags_view_get_count (tags, "climat", NULL), ==, -1);
  screenshot ("tags.png");

  /* The row's report button: a report on what carries the tag. */
  wait_until (row_label_shown, (gpointer)"Climate", "the merged row");
  label = find_label (GTK_WIDGET (tags), "Climate");
  button = gtk_widget_get_next_sibling (gtk_widget_get_next_sibling (gtk_widget_get_parent (label)));
  g_assert_true (GTK_IS_BUTTON (button));
  g_signal_emit_by_name (button, "clicked");
  report = find_report_dialog ();
  g_assert_nonnull (report);
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (find_all_first (GTK_WIDGET (report), ADW_TYPE_ENTRY_ROW, 0))),
                   ==, "Climate");
  adw_combo_row_set_selected (report_row (report, 2), 0);
  adw_combo_row_set_selected (report_row (report, 3), 0);
  g_signal_connect (report, "failed", G_CALLBACK (on_report_failed_cb), NULL);
  clipper_report_dialog_create (report, report_path);
  wait_until (report_dialog_gone, report_path, "the tag's report");
  g_assert_true (g_file_get_contents (report_path, &contents, NULL, NULL));
  g_assert_true (g_str_has_prefix (contents, "# Climate\n"));
  g_assert_nonnull (strstr (contents, clipper_clipping_get_title (first)));
  g_assert_nonnull (strstr (contents, clipper_clipping_get_title (second)));
  g_unlink (report_path);
  g_rmdir (report_dir);

  /* Choosing a tag lists its clippings in the library. */
  g_signal_emit_by_name (tags, "tag-activated", "Climate");
  g_assert_cmpstr (gtk_stack_get_visible_child_name (sidebar), ==, "library");
  g_assert_cmpstr (clipper_library_view_get_search (library), ==, "tag:\"Climate\"");
  wait_until (library_has_n, GUINT_TO_POINTER (2), "the tagged clippings");
  clipper_library_view_search (library, "");
}

static gboolean
scrolled_down (gpointer data)
{
  g_autofree char *y = eval_string ("String(Math.round(window.scrollY))");

  return g_ascii_strtoll (y, NULL, 10) > 200;
}

/* A search that matched a note opens the clipping at that highlight. */
static void
test_search_opens_match (void)
{
  ClipperLibraryView *library = clipper_window_get_library_view (window);
  GListModel *model = clipper_library_view_get_model (library);
  ClipperStore *store = clipper_application_get_store (app);
  g_autoptr(ClipperQuery) query = clipper_query_parse ("\"illusionary goal\"");
  g_autoptr(GPtrArray) found = NULL;
  g_autoptr(ClipperClipping) clipping = NULL;
  g_autoptr(ClipperAnchorText) text = NULL;
  g_autoptr(ClipperSelector) selector = NULL;
  g_autoptr(ClipperHighlight) highlight = clipper_highlight_new ();
  g_autoptr(GError) error = NULL;
  g_autofree char *uri = NULL;
  gint64 id, length;

  wait_until (store_ready, NULL, "the library to open");
  found = clipper_store_search (store, query, CLIPPER_SORT_CLIPPED, 1, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (found->len, ==, 1);
  id = clipper_clipping_get_id (((ClipperSearchResult *)g_ptr_array_index (found, 0))->clipping);

  /* A highlight near the end of the article, with a note. */
  clipping = clipper_store_find_clipping (store, id, &error);
  g_assert_no_error (error);
  text = clipper_anchor_text_new_from_html (clipper_clipping_get_content (clipping));
  length = clipper_anchor_text_get_length (text);
  g_assert_cmpint (length, >, 2000);
  selector = clipper_selector_new (text, length - 300, length - 260);
  clipper_highlight_set_clipping_id (highlight, id);
  clipper_highlight_set_selector (highlight, selector);
  clipper_highlight_set_note (highlight, "Compare with the Zanzibar checkpoint");
  g_assert_cmpint (clipper_store_add_highlight (store, highlight, &error), >, 0);
  g_assert_no_error (error);

  /* Open something else first, so the reader starts at the top. */
  webkit_web_view_load_uri (get_web_view (), "about:blank");
  wait_until (page_loaded, (gpointer)"about:blank", "a blank page");

  clipper_library_view_search (library, "zanzibar");
  wait_until (library_has_n, GUINT_TO_POINTER (1), "the note's clipping");
  gtk_selection_model_select_item (GTK_SELECTION_MODEL (model), 0, TRUE);

  uri = g_strdup_printf ("clipper://clipping/%" G_GINT64_FORMAT, id);
  wait_until (page_loaded, uri, "the clipping to open");
  wait_until (scrolled_down, NULL, "the reader to scroll to the highlight");
  clipper_library_view_search (library, "");
}

static AdwFlap *
find_flap (void)
{
  g_autoptr(GPtrArray) flaps = g_ptr_array_new ();

  clipper_test_find_all (GTK_WIDGET (window), ADW_TYPE_FLAP, flaps);
  g_assert_cmpuint (flaps->len, ==, 1);
  return g_ptr_array_index (flaps, 0);
}

/* The widgets of @type for @action that are on screen. */
static GPtrArray *
find_all_shown_for_action (GType       type,
                           const char *action)
{
  g_autoptr(GPtrArray) widgets = g_ptr_array_new ();
  GPtrArray *shown = g_ptr_array_new ();

  clipper_test_find_all (GTK_WIDGET (window), type, widgets);
  for (guint i = 0; i < widgets->len; i++)
    {
      GtkWidget *widget = g_ptr_array_index (widgets, i);

      if (gtk_widget_get_mapped (widget) && gtk_widget_get_width (widget) > 0 &&
          g_strcmp0 (gtk_actionable_get_action_name (GTK_ACTIONABLE (widget)), action) == 0)
        g_ptr_array_add (shown, widget);
    }
  return shown;
}

/* The one widget of @type for @action that is on screen. */
static GtkWidget *
find_shown_for_action (GType       type,
                       const char *action)
{
  g_autoptr(GPtrArray) shown = find_all_shown_for_action (type, action);

  g_assert_cmpuint (shown->len, ==, 1);
  return g_ptr_array_index (shown, 0);
}

/* Whether Back shows once, in the bar below (@data) or in the header,
 * with the bar done sliding. */
static gboolean
back_in_bar (gpointer data)
{
  g_autoptr(GPtrArray) shown = find_all_shown_for_action (GTK_TYPE_BUTTON, "win.back");
  GtkWidget *bar;
  int natural;

  if (shown->len != 1)
    return FALSE;
  bar = gtk_widget_get_ancestor (g_ptr_array_index (shown, 0), GTK_TYPE_ACTION_BAR);
  if ((bar != NULL) != (data != NULL))
    return FALSE;
  if (bar == NULL)
    return TRUE;
  gtk_widget_measure (bar, GTK_ORIENTATION_VERTICAL, -1, NULL, &natural, NULL, NULL);
  return gtk_widget_get_height (bar) == natural;
}

/* Whether the window's content is about @data pixels wide, and folded
 * if that is narrow. */
static gboolean
flap_folded_at (gpointer data)
{
  AdwFlap *flap = find_flap ();
  int width = GPOINTER_TO_INT (data);

  /* The window's size counts its frame, ten pixels here. */
  return ABS (gtk_widget_get_width (GTK_WIDGET (flap)) - width) <= 10 && adw_flap_get_folded (flap) == (width < 600);
}

static gboolean
flap_revealed_is (gpointer data)
{
  AdwFlap *flap = find_flap ();
  double progress = adw_flap_get_reveal_progress (flap);

  return data ? progress >= 1 : progress <= 0;
}

/* Checks that every highlight count in the library's rows is shown
 * whole, and says how many there are. */
static guint
highlight_counts_whole (void)
{
  g_autoptr(GPtrArray) labels = g_ptr_array_new ();
  guint counts = 0;

  clipper_test_find_all (GTK_WIDGET (clipper_window_get_library_view (window)), GTK_TYPE_LABEL, labels);
  for (guint i = 0; i < labels->len; i++)
    {
      GtkWidget *label = g_ptr_array_index (labels, i);
      int natural;

      if (!gtk_widget_get_mapped (label) || !strstr (gtk_label_get_text (GTK_LABEL (label)), " highlight"))
        continue;
      gtk_widget_measure (label, GTK_ORIENTATION_HORIZONTAL, -1, NULL, &natural, NULL, NULL);
      g_assert_cmpint (gtk_widget_get_width (label), >=, natural);
      g_assert_cmpint (gtk_label_get_ellipsize (GTK_LABEL (label)), ==, PANGO_ELLIPSIZE_NONE);
      counts++;
    }
  return counts;
}

/* How wide the sidebar asks to be. */
static int
sidebar_natural_width (void)
{
  int natural;

  gtk_widget_measure (adw_flap_get_flap (find_flap ()), GTK_ORIENTATION_HORIZONTAL, -1, NULL, &natural, NULL,
                      NULL);
  return natural;
}

/* At 360 pixels the window still works: the sidebar folds over the page,
 * the page's buttons move to a bar below, the address keeps room, and no
 * translation's long words widen the sidebar. */
static void
test_narrow_window (void)
{
  g_autoptr(GPtrArray) tabs = g_ptr_array_new ();
  g_autoptr(GPtrArray) rows = NULL;
  g_autofree char *layout = NULL;
  GtkWidget *switcher = NULL;
  GtkWidget *entry;
  int width;
  int natural;
  gint64 id;

  if (!can_drive_x11 ())
    return;

  wait_until (store_ready, NULL, "the library to open");
  for (guint n = synced_count (); n < 2; n++)
    {
      g_autofree char *fixture = g_build_filename (g_getenv ("G_TEST_SRCDIR"), "fixtures", "news-jsonld.html", NULL);
      g_autofree char *url = g_strdup_printf ("https://news.example.org/narrow-%u", n);

      run_cli ("clip", fixture, "--url", url, NULL);
      wait_until (model_count_is, GUINT_TO_POINTER (n + 1), "the clipping to be listed");
    }
  {
    g_autoptr(ClipperClipping) first = g_list_model_get_item (
      clipper_library_view_get_model (clipper_window_get_library_view (window)), 0);

    id = clipper_clipping_get_id (first);
  }
  open_clipping_and_wait (id);
  adw_flap_set_reveal_flap (find_flap (), TRUE);
  wait_until (flap_revealed_is, GINT_TO_POINTER (TRUE), "the sidebar to show");

  /* Whatever its labels say, the sidebar asks for the same width. */
  clipper_test_find_all (GTK_WIDGET (window), GTK_TYPE_BOX, tabs);
  for (guint i = 0; i < tabs->len; i++)
    if (gtk_widget_has_css_class (g_ptr_array_index (tabs, i), "sidebar-switcher"))
      switcher = g_ptr_array_index (tabs, i);
  g_assert_nonnull (switcher);
  g_ptr_array_set_size (tabs, 0);
  clipper_test_find_all (switcher, GTK_TYPE_LABEL, tabs);
  g_assert_cmpuint (tabs->len, ==, 3);
  natural = sidebar_natural_width ();
  g_assert_cmpint (natural, <=, 330);
  for (guint i = 0; i < tabs->len; i++)
    {
      char *text = g_strdup (gtk_label_get_text (g_ptr_array_index (tabs, i)));

      g_object_set_data_full (g_ptr_array_index (tabs, i), "text", text, g_free);
      gtk_label_set_text (g_ptr_array_index (tabs, i), "Markierungen und Schlagwörter");
    }
  g_assert_cmpint (sidebar_natural_width (), ==, natural);
  for (guint i = 0; i < tabs->len; i++)
    gtk_label_set_text (g_ptr_array_index (tabs, i), g_object_get_data (g_ptr_array_index (tabs, i), "text"));

  /* GNOME's window buttons: a bare X server shows three. */
  g_object_get (gtk_settings_get_default (), "gtk-decoration-layout", &layout, NULL);
  g_object_set (gtk_settings_get_default (), "gtk-decoration-layout", "appmenu:close", NULL);
  gtk_window_unmaximize (GTK_WINDOW (window));
  gtk_window_set_default_size (GTK_WINDOW (window), 360, 700);
  wait_until (flap_folded_at, GINT_TO_POINTER (360), "the window to be 360 pixels wide and folded");
  gtk_widget_measure (adw_application_window_get_content (ADW_APPLICATION_WINDOW (window)),
                      GTK_ORIENTATION_HORIZONTAL, -1, &width, NULL, NULL, NULL);
  g_assert_cmpint (width, <=, 360);

  /* Folding hid the sidebar; the address, Clip and the bar below remain. */
  wait_until (flap_revealed_is, NULL, "the folded sidebar to hide");
  entry = find_shown_for_action (GTK_TYPE_BUTTON, "win.clip");
  g_assert_nonnull (entry);
  wait_until (back_in_bar, GINT_TO_POINTER (TRUE), "Back to move to the bar below");
  g_assert_nonnull (find_shown_for_action (GTK_TYPE_BUTTON, "win.forward"));
  g_assert_nonnull (find_shown_for_action (GTK_TYPE_BUTTON, "win.reload"));
  {
    g_autoptr(GPtrArray) entries = g_ptr_array_new ();

    clipper_test_find_all (GTK_WIDGET (window), GTK_TYPE_ENTRY, entries);
    entry = NULL;
    for (guint i = 0; i < entries->len; i++)
      if (gtk_widget_has_css_class (g_ptr_array_index (entries, i), "address"))
        entry = g_ptr_array_index (entries, i);
    g_assert_nonnull (entry);
    g_assert_cmpint (gtk_widget_get_width (entry), >=, 120);
  }
  screenshot ("narrow.png");

  /* The sidebar opens over the page, no wider than the window, and steps
   * aside for the clipping chosen in it. */
  {
    g_autoptr(GPtrArray) toggles = g_ptr_array_new ();
    GtkWidget *toggle = NULL;

    clipper_test_find_all (GTK_WIDGET (window), GTK_TYPE_TOGGLE_BUTTON, toggles);
    for (guint i = 0; i < toggles->len; i++)
      if (gtk_widget_get_mapped (g_ptr_array_index (toggles, i)) &&
          gtk_widget_get_ancestor (g_ptr_array_index (toggles, i), GTK_TYPE_ACTION_BAR))
        toggle = g_ptr_array_index (toggles, i);
    g_assert_nonnull (toggle);
    /* Painted where it is allocated before the pointer goes there. */
    wait_frames (3);
    click (toggle);
  }
  wait_until (flap_revealed_is, GINT_TO_POINTER (TRUE), "the folded sidebar to open");
  g_assert_cmpint (gtk_widget_get_width (adw_flap_get_flap (find_flap ())), <=, 360);
  gtk_widget_activate_action (GTK_WIDGET (window), "win.sidebar-page", "s", "library");
  screenshot ("narrow-sidebar.png");
  g_assert_cmpuint (highlight_counts_whole (), >, 0);

  rows = find_rows (GTK_WIDGET (clipper_window_get_library_view (window)), "library-row");
  g_assert_cmpuint (rows->len, >, 1);
  click (g_ptr_array_index (rows, 1));
  xdotool ("key Return");
  wait_until (flap_revealed_is, NULL, "the sidebar to step aside");
  {
    g_autoptr(ClipperClipping) second = g_list_model_get_item (
      clipper_library_view_get_model (clipper_window_get_library_view (window)), 1);
    gint64 second_id = clipper_clipping_get_id (second);

    wait_until (reader_shows, &second_id, "the chosen clipping");
  }

  /* Wide again, the sidebar unfolds beside the page. */
  gtk_window_set_default_size (GTK_WINDOW (window), 1200, 800);
  wait_until (flap_folded_at, GINT_TO_POINTER (1200), "the window to be wide again");
  wait_until (flap_revealed_is, GINT_TO_POINTER (TRUE), "the sidebar to come back");
  wait_until (back_in_bar, NULL, "Back to return to the header");
  g_object_set (gtk_settings_get_default (), "gtk-decoration-layout", layout, NULL);
}


static gboolean
library_search_is (gpointer data)
{
  const char *search = clipper_library_view_get_search (clipper_window_get_library_view (window));

  return g_strcmp0 (search ? search : "", data) == 0 &&
         !clipper_library_view_is_loading (clipper_window_get_library_view (window));
}

/* What the desktop asks of the app: the Shell's "search in Clipper" fills
 * the Library's search; "Clip Address from Clipboard" clips the page at
 * the copied address, and says so when the clipboard holds none. */
static void
test_desktop_actions (void)
{
  g_autoptr(SoupServer) server = soup_server_new (NULL, NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(GSList) uris = NULL;
  g_autofree char *served = NULL;
  GdkClipboard *clipboard = gdk_display_get_clipboard (gtk_widget_get_display (GTK_WIDGET (window)));
  guint n = synced_count ();

  g_action_group_activate_action (G_ACTION_GROUP (app), "search", g_variant_new_string ("defence"));
  wait_until (library_search_is, (gpointer)"defence", "the Shell's search in the Library");
  g_assert_cmpuint (g_list_model_get_n_items (clipper_library_view_get_model (clipper_window_get_library_view (window))),
                    >, 0);
  g_action_group_activate_action (G_ACTION_GROUP (app), "search", g_variant_new_string (""));
  wait_until (library_search_is, (gpointer)"", "the search to be cleared");

  clear_toasts ();
  gdk_clipboard_set_text (clipboard, "not an address");
  g_action_group_activate_action (G_ACTION_GROUP (app), "clip-clipboard", NULL);
  wait_until (toast_shown, (gpointer)"The clipboard holds no web address to clip.", "the clipboard's toast");
  clear_toasts ();

  soup_server_add_handler (server, NULL, serve_cb, NULL, NULL);
  g_assert_true (soup_server_listen_local (server, 0, SOUP_SERVER_LISTEN_IPV4_ONLY, &error));
  g_assert_no_error (error);
  uris = soup_server_get_uris (server);
  served = g_strdup_printf ("http://127.0.0.1:%d/from-the-clipboard", g_uri_get_port (uris->data));
  g_slist_free_full (g_steal_pointer (&uris), (GDestroyNotify)g_uri_unref);
  gdk_clipboard_set_text (clipboard, served);
  g_action_group_activate_action (G_ACTION_GROUP (app), "clip-clipboard", NULL);
  wait_until (model_count_is, GUINT_TO_POINTER (n + 1), "the clipboard's page to be clipped");
  {
    g_autoptr(ClipperClipping) newest = g_list_model_get_item (
      clipper_library_view_get_model (clipper_window_get_library_view (window)), 0);

    g_assert_cmpstr (clipper_clipping_get_url (newest), ==, served);
    g_assert_cmpstr (clipper_clipping_get_title (newest), ==, "A served page");
  }
}

/* A keyring for the sync password: GNOME Keyring's secrets, unlocked, in
 * this test's D-Bus session and data folder. */
static gboolean
start_keyring (void)
{
  g_autofree char *daemon = g_find_program_in_path ("gnome-keyring-daemon");
  g_autofree char *runtime = g_build_filename (library_dir, "runtime", NULL);
  g_autoptr(GSubprocessLauncher) launcher = NULL;
  g_autoptr(GSubprocess) process = NULL;
  g_autoptr(GError) error = NULL;

  if (daemon == NULL || g_getenv ("DBUS_SESSION_BUS_ADDRESS") == NULL)
    return FALSE;

  g_assert_cmpint (g_mkdir_with_parents (runtime, 0700), ==, 0);
  launcher = g_subprocess_launcher_new (G_SUBPROCESS_FLAGS_STDIN_PIPE | G_SUBPROCESS_FLAGS_STDOUT_SILENCE);
  g_subprocess_launcher_setenv (launcher, "XDG_RUNTIME_DIR", runtime, TRUE);
  process = g_subprocess_launcher_spawn (launcher, &error, daemon, "--unlock", "--components=secrets", NULL);
  g_assert_no_error (error);
  /* It reads the new keyring's password, then leaves a daemon behind. */
  g_assert_true (g_subprocess_communicate_utf8 (process, "test keyring", NULL, NULL, NULL, &error));
  g_assert_no_error (error);
  return g_subprocess_get_successful (process);
}

/* A shown window of @type. */
static GtkWidget *
find_toplevel (GType type)
{
  GListModel *toplevels = gtk_window_get_toplevels ();

  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr(GtkWidget) toplevel = g_list_model_get_item (toplevels, i);

      if (G_TYPE_CHECK_INSTANCE_TYPE (toplevel, type) && gtk_widget_get_visible (toplevel))
        return toplevel;
    }
  return NULL;
}

static ClipperPreferencesWindow *
find_preferences (void)
{
  return (ClipperPreferencesWindow *)find_toplevel (CLIPPER_TYPE_PREFERENCES_WINDOW);
}

static gboolean
preferences_shown (gpointer data)
{
  return find_preferences () != NULL;
}

static gboolean
sync_state_is (gpointer data)
{
  ClipperSyncScheduler *scheduler = clipper_application_get_sync_scheduler (app);

  return clipper_sync_scheduler_get_state (scheduler) == GPOINTER_TO_INT (data);
}

static gboolean
location_is (gpointer data)
{
  return g_strcmp0 (clipper_sync_scheduler_get_location (clipper_application_get_sync_scheduler (app)), data) == 0;
}

static gboolean
nothing_to_send (gpointer data)
{
  ClipperSyncScheduler *scheduler = clipper_application_get_sync_scheduler (app);

  return clipper_sync_scheduler_get_state (scheduler) == CLIPPER_SYNC_STATE_SYNCED &&
         clipper_store_sync_count_dirty (clipper_application_get_store (app), NULL) == 0;
}

static GtkWidget *
find_chooser (void)
{
  return find_toplevel (GTK_TYPE_FILE_CHOOSER_DIALOG);
}

static gboolean
chooser_has_file (gpointer data)
{
  g_autoptr(GFile) file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (find_chooser ()));

  return file != NULL && g_file_equal (file, data);
}

static gboolean
chooser_shown (gpointer data)
{
  return find_chooser () != NULL;
}

static AdwComboRow *
find_combo_titled (GtkWidget  *root,
                   const char *title)
{
  g_autoptr(GPtrArray) rows = g_ptr_array_new ();

  clipper_test_find_all (root, ADW_TYPE_COMBO_ROW, rows);
  for (guint i = 0; i < rows->len; i++)
    if (g_strcmp0 (adw_preferences_row_get_title (g_ptr_array_index (rows, i)), title) == 0)
      return g_ptr_array_index (rows, i);
  return NULL;
}

/* Preferences → Sync with a WebDAV server (Apache): a wrong password says
 * so in the window, the right one is kept in the keyring; the header
 * tells the state; what another machine sent shows after Sync Now; a
 * change made here goes out by itself; Off stops it all. */
static void
test_sync (void)
{
  g_autofree char *fixture = g_build_filename (g_getenv ("G_TEST_SRCDIR"), "fixtures", "news-jsonld.html", NULL);
  g_autofree char *other = g_build_filename (library_dir, "other-machine.db", NULL);
  g_autofree char *url = NULL;
  g_autofree char *format = NULL;
  g_autofree char *kept = NULL;
  g_autofree char *target = NULL;
  g_autoptr(GPtrArray) entries = g_ptr_array_new ();
  g_autoptr(GError) error = NULL;
  ClipperSyncScheduler *scheduler = clipper_application_get_sync_scheduler (app);
  ClipperSyncIndicator *indicator;
  ClipperPreferencesWindow *preferences;
  ClipperTestApache apache;
  GtkWidget *save;
  guint n;

  if (!clipper_test_apache_start (&apache, "reader", "s3cret pass"))
    return;
  if (!start_keyring ())
    {
      g_test_skip ("No keyring (gnome-keyring-daemon) to keep the password in");
      clipper_test_apache_stop (&apache);
      return;
    }
  url = g_strconcat (apache.url, "clipper/", NULL);
  indicator = CLIPPER_SYNC_INDICATOR (find_widget (GTK_WIDGET (window), CLIPPER_TYPE_SYNC_INDICATOR));
  g_assert_nonnull (indicator);
  g_assert_false (gtk_widget_get_visible (GTK_WIDGET (indicator)));
  n = synced_count ();

  /* The header's Preferences open them on their Sync page. */
  g_action_group_activate_action (G_ACTION_GROUP (app), "sync-preferences", NULL);
  wait_until (preferences_shown, NULL, "the preferences");
  preferences = find_preferences ();
  adw_combo_row_set_selected (find_combo_titled (GTK_WIDGET (preferences), "Sync _Through"), 1);
  clipper_test_find_all (GTK_WIDGET (preferences), ADW_TYPE_ENTRY_ROW, entries);
  g_assert_cmpuint (entries->len, ==, 3);
  save = find_button (GTK_WIDGET (preferences), "_Save and Sync");
  g_assert_nonnull (save);
  g_assert_true (gtk_widget_get_mapped (save));
  g_assert_false (gtk_widget_get_sensitive (save));
  gtk_editable_set_text (g_ptr_array_index (entries, 0), url);
  gtk_editable_set_text (g_ptr_array_index (entries, 1), "reader");
  gtk_editable_set_text (g_ptr_array_index (entries, 2), "not the password");
  g_assert_true (gtk_widget_get_sensitive (save));

  /* A wrong password: the sentence in the window and in the header. */
  gtk_widget_activate (save);
  wait_until (sync_state_is, GINT_TO_POINTER (CLIPPER_SYNC_STATE_FAILED), "the server to refuse");
  g_assert_nonnull (strstr (clipper_sync_scheduler_get_message (scheduler), "user name or password"));
  wait_frames (3);
  g_assert_nonnull (find_label_text (GTK_WIDGET (preferences), clipper_sync_scheduler_get_message (scheduler)));
  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (indicator)));
  g_assert_nonnull (strstr (gtk_widget_get_tooltip_text (find_widget (GTK_WIDGET (indicator), GTK_TYPE_MENU_BUTTON)),
                            "user name or password"));
  screenshot ("sync-refused.png");

  /* The right one: synced, and kept in the keyring, not in the library. */
  gtk_editable_set_text (g_ptr_array_index (entries, 2), "s3cret pass");
  gtk_widget_activate (save);
  wait_until (sync_state_is, GINT_TO_POINTER (CLIPPER_SYNC_STATE_SYNCED), "the first sync");
  kept = clipper_sync_password_lookup (url, "reader", NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (kept, ==, "s3cret pass");
  target = clipper_store_sync_dup_meta (clipper_application_get_store (app), "target", NULL);
  g_assert_cmpstr (target, ==, url);
  format = g_build_filename (apache.served, "clipper", "clipper-sync.json", NULL);
  g_assert_true (g_file_test (format, G_FILE_TEST_EXISTS));
  g_assert_cmpstr (gtk_editable_get_text (g_ptr_array_index (entries, 2)), ==, "");
  screenshot ("sync-preferences.png");
  gtk_window_close (GTK_WINDOW (preferences));

  /* Another machine gets the library, clips a page and syncs. */
  g_setenv ("CLIPPER_SYNC_PASSWORD", "s3cret pass", TRUE);
  run_cli_in (other, "sync", "--target", url, "--user", "reader", NULL);
  run_cli_in (other, "clip", fixture, "--url", "https://news.example.org/from-another-machine", NULL);
  run_cli_in (other, "sync", NULL);
  g_unsetenv ("CLIPPER_SYNC_PASSWORD");

  /* Sync Now from the header shows it in the list. */
  gtk_widget_activate_action (GTK_WIDGET (indicator), "sync.now", NULL);
  wait_until (model_count_is, GUINT_TO_POINTER (n + 1), "the other machine's clipping");
  gtk_menu_button_popup (GTK_MENU_BUTTON (find_widget (GTK_WIDGET (indicator), GTK_TYPE_MENU_BUTTON)));
  wait_until (sync_state_is, GINT_TO_POINTER (CLIPPER_SYNC_STATE_SYNCED), "the sync to end");
  g_assert_nonnull (strstr (gtk_widget_get_tooltip_text (find_widget (GTK_WIDGET (indicator), GTK_TYPE_MENU_BUTTON)),
                            "Synced at"));
  screenshot ("sync-header.png");
  gtk_menu_button_popdown (GTK_MENU_BUTTON (find_widget (GTK_WIDGET (indicator), GTK_TYPE_MENU_BUTTON)));

  /* A note written here goes out without being asked. */
  {
    g_autoptr(ClipperClipping) newest = g_list_model_get_item (
      clipper_library_view_get_model (clipper_window_get_library_view (window)), 0);
    g_autoptr(ClipperStore) there = NULL;
    g_autofree char *note = NULL;
    gint64 id;

    g_assert_cmpstr (clipper_clipping_get_url (newest), ==, "https://news.example.org/from-another-machine");
    g_assert_true (clipper_store_set_clipping_note (clipper_application_get_store (app),
                                                    clipper_clipping_get_id (newest), "Written in the window",
                                                    NULL));
    wait_until (nothing_to_send, NULL, "the note to go out");
    g_setenv ("CLIPPER_SYNC_PASSWORD", "s3cret pass", TRUE);
    run_cli_in (other, "sync", NULL);
    g_unsetenv ("CLIPPER_SYNC_PASSWORD");
    there = clipper_store_open (other, &error);
    g_assert_no_error (error);
    id = clipper_store_find_clipping_by_url (there, "https://news.example.org/from-another-machine", NULL);
    note = clipper_store_dup_clipping_note (there, id, NULL);
    g_assert_cmpstr (note, ==, "Written in the window");
  }

  /* A folder instead, chosen in the file chooser: it gets the library. */
  g_action_group_activate_action (G_ACTION_GROUP (app), "sync-preferences", NULL);
  wait_until (preferences_shown, NULL, "the preferences");
  preferences = find_preferences ();
  adw_combo_row_set_selected (find_combo_titled (GTK_WIDGET (preferences), "Sync _Through"), 2);
  gtk_widget_activate (find_button (GTK_WIDGET (preferences), "_Choose…"));
  wait_until (chooser_shown, NULL, "the folder chooser");
  {
    g_autofree char *folder = g_build_filename (library_dir, "Synced Folder", NULL);
    g_autofree char *folder_format = g_build_filename (folder, "clipper-sync.json", NULL);
    g_autoptr(GFile) file = g_file_new_for_path (folder);
    GtkWidget *chooser = find_chooser ();

    g_assert_cmpint (g_mkdir_with_parents (folder, 0755), ==, 0);
    /* Picked in its list, as a click would. */
    g_assert_true (gtk_file_chooser_set_file (GTK_FILE_CHOOSER (chooser), file, NULL));
    wait_until (chooser_has_file, file, "the folder to be picked");
    gtk_dialog_response (GTK_DIALOG (chooser), GTK_RESPONSE_ACCEPT);
    wait_until (location_is, folder, "the folder to be taken");
    wait_until (nothing_to_send, NULL, "the sync through the folder");
    g_assert_true (g_file_test (folder_format, G_FILE_TEST_EXISTS));
    g_assert_nonnull (find_label_text (GTK_WIDGET (preferences), folder));
  }
  screenshot ("sync-folder.png");

  /* Off: the header forgets sync, the library its target. */
  adw_combo_row_set_selected (find_combo_titled (GTK_WIDGET (preferences), "Sync _Through"), 0);
  wait_until (sync_state_is, GINT_TO_POINTER (CLIPPER_SYNC_STATE_OFF), "sync to be off");
  g_assert_false (gtk_widget_get_visible (GTK_WIDGET (indicator)));
  gtk_window_close (GTK_WINDOW (preferences));
  g_clear_pointer (&target, g_free);
  target = clipper_store_sync_dup_meta (clipper_application_get_store (app), "target", NULL);
  g_assert_null (target);

  clipper_test_apache_stop (&apache);
}

/* The spin button of the preferences row titled @title. */
static GtkSpinButton *
find_spin_in_row (GtkWidget  *root,
                  const char *title)
{
  g_autoptr(GPtrArray) rows = g_ptr_array_new ();

  clipper_test_find_all (root, ADW_TYPE_ACTION_ROW, rows);
  for (guint i = 0; i < rows->len; i++)
    if (g_strcmp0 (adw_preferences_row_get_title (g_ptr_array_index (rows, i)), title) == 0)
      return GTK_SPIN_BUTTON (find_widget (g_ptr_array_index (rows, i), GTK_TYPE_SPIN_BUTTON));
  return NULL;
}

static gboolean
article_style_is (gpointer data)
{
  const char **expected = data;
  g_autofree char *script = g_strdup_printf ("getComputedStyle(document.querySelector('%s')).%s", expected[0],
                                             expected[1]);
  g_autofree char *value = eval_string (script);

  /* "~N": a length in pixels within a hundredth of N. */
  if (expected[2][0] == '~')
    return G_APPROX_VALUE (g_ascii_strtod (value, NULL), g_ascii_strtod (expected[2] + 1, NULL), 0.01);
  return strstr (value, expected[2]) != NULL;
}

static gboolean
zoom_is (gpointer data)
{
  return G_APPROX_VALUE (webkit_web_view_get_zoom_level (get_web_view ()), *(double *)data, 0.001);
}

/* Preferences → Reader change the open clipping at once: size, measure,
 * spacing, justification, typeface; the style follows Light and Dark;
 * Ctrl+plus, Ctrl+minus and Ctrl+0 zoom; all kept in GSettings. */
static void
test_reader_preferences (void)
{
  g_autoptr(GSettings) settings = g_settings_new ("com.example.Clipper");
  ClipperPreferencesWindow *preferences;
  const char *size[] = { "article.clipper-reader", "fontSize", "26px" };
  const char *spacing[] = { "article.clipper-reader", "lineHeight", "~46.8" };
  const char *justified[] = { "article.clipper-reader p", "textAlign", "justify" };
  const char *sans[] = { "article.clipper-reader", "fontFamily", "Cantarell" };
  double zoom;

  open_clipping_and_wait (1);
  g_action_group_activate_action (G_ACTION_GROUP (app), "preferences", NULL);
  wait_until (preferences_shown, NULL, "the preferences");
  preferences = find_preferences ();

  gtk_spin_button_set_value (find_spin_in_row (GTK_WIDGET (preferences), "Text _Size"), 26);
  g_assert_cmpint (g_settings_get_int (settings, "reader-font-size"), ==, 26);
  wait_until (article_style_is, size, "the text size");
  gtk_spin_button_set_value (find_spin_in_row (GTK_WIDGET (preferences), "Line S_pacing"), 1.8);
  wait_until (article_style_is, spacing, "the line spacing");
  gtk_spin_button_set_value (find_spin_in_row (GTK_WIDGET (preferences), "Line _Length"), 50);
  g_assert_cmpint (g_settings_get_int (settings, "reader-width"), ==, 50);
  {
    g_autofree char *max = eval_string ("getComputedStyle(document.querySelector('article.clipper-reader')).maxWidth");

    /* 50 characters of 26 px type: far narrower than the 38em default. */
    g_assert_cmpfloat (g_ascii_strtod (max, NULL), <, 26 * 38 * 0.9);
    g_assert_cmpfloat (g_ascii_strtod (max, NULL), >, 26 * 50 * 0.3);
  }
  gtk_switch_set_active (GTK_SWITCH (find_widget (GTK_WIDGET (preferences), GTK_TYPE_SWITCH)), TRUE);
  wait_until (article_style_is, justified, "justified paragraphs");
  adw_combo_row_set_selected (find_combo_titled (GTK_WIDGET (preferences), "_Typeface"), 1);
  g_assert_cmpstr (g_settings_get_string (settings, "reader-font"), ==, "sans");
  wait_until (article_style_is, sans, "the sans typeface");
  screenshot ("preferences-reader.png");

  adw_combo_row_set_selected (find_combo_titled (GTK_WIDGET (preferences), "Appea_rance"), 2);
  g_assert_true (adw_style_manager_get_dark (adw_style_manager_get_default ()));
  screenshot ("reader-dark.png");
  adw_combo_row_set_selected (find_combo_titled (GTK_WIDGET (preferences), "Appea_rance"), 0);
  gtk_window_close (GTK_WINDOW (preferences));

  /* Zoom, from the keys' actions. */
  gtk_widget_activate_action (GTK_WIDGET (window), "win.zoom-in", NULL);
  zoom = 1.1;
  wait_until (zoom_is, &zoom, "zoomed in");
  gtk_widget_activate_action (GTK_WIDGET (window), "win.zoom-out", NULL);
  gtk_widget_activate_action (GTK_WIDGET (window), "win.zoom-out", NULL);
  zoom = 0.9;
  wait_until (zoom_is, &zoom, "zoomed out");
  gtk_widget_activate_action (GTK_WIDGET (window), "win.zoom-reset", NULL);
  zoom = 1.0;
  wait_until (zoom_is, &zoom, "zoom reset");

  g_settings_reset (settings, "reader-font-size");
  g_settings_reset (settings, "reader-width");
  g_settings_reset (settings, "reader-line-spacing");
  g_settings_reset (settings, "reader-justify");
  g_settings_reset (settings, "reader-font");
}

static gboolean
widget_focused (gpointer data)
{
  return gtk_root_get_focus (GTK_ROOT (window)) == data;
}

/* Archive from the window: out of the list with a toast whose Undo
 * brings it back; the Library's menu lists the archived, marked. */
static void
test_archive (void)
{
  guint n = synced_count ();
  g_autoptr(ClipperClipping) first = g_list_model_get_item (
    clipper_library_view_get_model (clipper_window_get_library_view (window)), 0);
  gint64 id = clipper_clipping_get_id (first);
  g_autofree char *archived_toast = g_strdup_printf ("“%s” archived", clipper_clipping_get_title (first));
  ClipperStore *store = clipper_application_get_store (app);
  /* Imports archived the pages other services had archived. */
  guint before = clipper_store_count_clippings (store, NULL) - listed_in_store (store);

  /* The row's menu from the keyboard: Shift+F10 on the focused row. */
  {
    GtkWidget *row = find_css (GTK_WIDGET (clipper_window_get_library_view (window)), "library-row");

    g_assert_nonnull (row);
    g_assert_true (gtk_widget_grab_focus (gtk_widget_get_parent (row)));
    wait_until (widget_focused, gtk_widget_get_parent (row), "the row to take the focus");
    xdotool ("key shift+F10");
    wait_until (popover_menu_shown, row, "the row's menu from the keyboard");
    xdotool ("key Escape");
  }

  clear_toasts ();
  g_action_group_activate_action (G_ACTION_GROUP (window), "archive-clipping", g_variant_new_int64 (id));
  wait_until (model_count_is, GUINT_TO_POINTER (n - 1), "the archived clipping to leave the list");
  wait_until (toast_shown, archived_toast, "the archive's toast");

  gtk_widget_activate_action (GTK_WIDGET (clipper_window_get_library_view (window)), "library.show-archived", NULL);
  wait_until (model_count_is, GUINT_TO_POINTER (before + 1), "the archived clippings listed");
  wait_until (toast_shown, (gpointer)"· archived", "the row's mark");
  screenshot ("archived.png");

  {
    GtkWidget *undo = find_button (GTK_WIDGET (window), "_Undo");

    g_assert_nonnull (undo);
    gtk_widget_activate (undo);
  }
  wait_until (model_count_is, GUINT_TO_POINTER (before), "the clipping to come back");
  clear_toasts ();
  clipper_library_view_search (clipper_window_get_library_view (window), "");
  wait_until (model_count_is, GUINT_TO_POINTER (n), "the whole list again");
}

static gboolean
progress_kept (gpointer data)
{
  g_autoptr(ClipperClipping) clipping = clipper_store_find_clipping_meta (clipper_application_get_store (app), 1,
                                                                         NULL);

  return clipping != NULL && G_APPROX_VALUE (clipper_clipping_get_progress (clipping), *(double *)data, 0.02);
}

static gboolean
scrolled_to (gpointer data)
{
  g_autofree char *at = eval_string ("String(Math.round(1000 * window.scrollY / "
                                     "(document.documentElement.scrollHeight - window.innerHeight)))");

  return ABS (atoi (at) - GPOINTER_TO_INT (data)) <= 20;
}

/* Reading state: scrolling a clipping keeps how far it was read, its row
 * says so, and it opens there again. */
static void
test_reading_progress (void)
{
  double half = 0.5;
  g_autofree char *range = NULL;

  open_clipping_and_wait (1);
  range = eval_string ("String(document.documentElement.scrollHeight - window.innerHeight)");
  g_assert_cmpint (atoi (range), >, 500);
  g_free (eval_string ("window.scrollTo(0, (document.documentElement.scrollHeight - window.innerHeight) / 2); 'ok'"));
  wait_until (progress_kept, &half, "the reading to be kept");
  wait_until (toast_shown, (gpointer)" %", "the row's progress");

  /* Another page, then back: it opens where the reading stopped. */
  {
    g_autofree char *page = g_build_filename (g_getenv ("G_TEST_SRCDIR"), "fixtures", "not-article.html", NULL);
    g_autofree char *uri = g_filename_to_uri (page, NULL, NULL);

    clipper_window_load_address (window, page);
    wait_until (page_loaded, uri, "another page");
  }
  open_clipping_and_wait (1);
  wait_until (scrolled_to, GINT_TO_POINTER (500), "the clipping to open where it was left");
}

int
main (int   argc,
      char *argv[])
{
  char *app_argv[] = { argv[0], NULL };
  int status = 1;

  g_test_init (&argc, &argv, NULL);

  /* WebKit derives its data folders from the program name, which
   * g_test_init() sets to the full path of the test. */
  g_set_prgname ("clipper-test-ui");

  library_dir = g_dir_make_tmp ("clipper-ui-XXXXXX", NULL);
  library_path = g_build_filename (library_dir, "library.db", NULL);
  g_setenv ("CLIPPER_LIBRARY", library_path, TRUE);
  {
    g_autofree char *data = g_build_filename (library_dir, "data", NULL);
    g_autofree char *cache = g_build_filename (library_dir, "cache", NULL);

    g_setenv ("XDG_DATA_HOME", data, TRUE);
    g_setenv ("XDG_CACHE_HOME", cache, TRUE);
  }

  g_test_add_func ("/clipper/ui/clip-and-reopen", test_clip_and_reopen);
  g_test_add_func ("/clipper/ui/page-crash", test_page_crash);
  g_test_add_func ("/clipper/ui/reader-offline-images", test_reader_offline_images);
  g_test_add_func ("/clipper/ui/canonical-text-agrees", test_canonical_text_agrees);
  g_test_add_func ("/clipper/ui/highlight-with-keyboard", test_highlight_with_keyboard);
  g_test_add_func ("/clipper/ui/highlight-row-menu", test_highlight_row_menu);
  g_test_add_func ("/clipper/ui/slow-bridge-call", test_slow_bridge_call);
  g_test_add_func ("/clipper/ui/caret-highlight", test_caret_highlight);
  g_test_add_func ("/clipper/ui/selection-snaps", test_selection_snaps);
  g_test_add_func ("/clipper/ui/selection-popover", test_selection_popover);
  g_test_add_func ("/clipper/ui/nested-highlight-click", test_nested_highlight_click);
  g_test_add_func ("/clipper/ui/tag-completion", test_tag_completion);
  g_test_add_func ("/clipper/ui/live-highlight", test_live_highlight);
  g_test_add_func ("/clipper/ui/export-dialog", test_export_dialog);
  g_test_add_func ("/clipper/ui/copy-citation", test_copy_citation);
  g_test_add_func ("/clipper/ui/send-to-zotero", test_send_to_zotero);
  g_test_add_func ("/clipper/ui/report-dialog", test_report_dialog);
  g_test_add_func ("/clipper/ui/citation-editor", test_citation_editor);
  g_test_add_func ("/clipper/ui/import-dialog", test_import_dialog);
  g_test_add_func ("/clipper/ui/imported-page-fetched", test_imported_page_fetched);
  g_test_add_func ("/clipper/ui/import-fetch-pages", test_import_fetch_pages);
  g_test_add_func ("/clipper/ui/place-orphan", test_place_orphan);
  g_test_add_func ("/clipper/ui/search", test_search);
  g_test_add_func ("/clipper/ui/cli-changes-shown", test_cli_changes_shown);
  g_test_add_func ("/clipper/ui/cli-highlights-shown", test_cli_highlights_shown);
  g_test_add_func ("/clipper/ui/keyboard-search", test_keyboard_search);
  g_test_add_func ("/clipper/ui/pointer-delete", test_pointer_delete);
  g_test_add_func ("/clipper/ui/library-controls", test_library_controls);
  g_test_add_func ("/clipper/ui/show-site", test_show_site);
  g_test_add_func ("/clipper/ui/tags", test_tags);
  g_test_add_func ("/clipper/ui/search-opens-match", test_search_opens_match);
  g_test_add_func ("/clipper/ui/address-errors", test_address_errors);
  g_test_add_func ("/clipper/ui/load-failures", test_load_failures);
  g_test_add_func ("/clipper/ui/narrow-window", test_narrow_window);
  g_test_add_func ("/clipper/ui/desktop-actions", test_desktop_actions);
  g_test_add_func ("/clipper/ui/reader-preferences", test_reader_preferences);
  g_test_add_func ("/clipper/ui/reading-progress", test_reading_progress);
  g_test_add_func ("/clipper/ui/archive", test_archive);
  g_test_add_func ("/clipper/ui/sync", test_sync);
  /* Last: it closes the window. */
  g_test_add_func ("/clipper/ui/delete-undo", test_delete_undo);

  app = clipper_application_new (G_APPLICATION_NON_UNIQUE);
  g_signal_connect_after (app, "activate", G_CALLBACK (on_activate_cb), &status);
  g_application_run (G_APPLICATION (app), 1, app_argv);
  g_clear_object (&app);

  return status;
}
