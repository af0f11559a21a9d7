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

#include <glib/gstdio.h>
#include <string.h>

#include "clipper-application.h"
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

static gboolean
page_loaded (gpointer data)
{
  WebKitWebView *view = clipper_window_get_web_view (window);
  const char *uri = webkit_web_view_get_uri (view);

  return !webkit_web_view_is_loading (view) && g_strcmp0 (uri, data) == 0;
}

static gboolean
library_has_n (gpointer data)
{
  GListModel *model = clipper_library_view_get_model (clipper_window_get_library_view (window));

  return g_list_model_get_n_items (model) == GPOINTER_TO_UINT (data) &&
         !clipper_window_is_clipping (window);
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
eval_string (const char *script)
{
  JsResult js = { 0 };
  char *text;

  webkit_web_view_evaluate_javascript (clipper_window_get_web_view (window), script, -1,
                                       NULL, NULL, NULL, on_js_done_cb, &js);
  wait_until (js_done, &js, script);
  g_assert_no_error (js.error);
  text = jsc_value_to_string (js.value);
  g_object_unref (js.value);

  return text;
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
  WebKitWebView *view = clipper_window_get_web_view (window);
  ClipperLibraryView *library = clipper_window_get_library_view (window);
  GListModel *model = clipper_library_view_get_model (library);
  GtkWidget *list_view;

  wait_until (store_ready, NULL, "the library to open");
  g_assert_cmpuint (g_list_model_get_n_items (model), ==, 0);
  g_assert_false (g_action_group_get_action_enabled (G_ACTION_GROUP (window), "clip"));

  /* Typed as a path, the way a user would. */
  clipper_window_load_address (window, fixture);
  wait_until (page_loaded, fixture_uri, "the fixture page to load");

  /* The page's script ran on the live page. */
  live_marker = eval_string ("document.getElementById('added-by-script') ? 'yes' : 'no'");
  g_assert_cmpstr (live_marker, ==, "yes");

  g_assert_true (g_action_group_get_action_enabled (G_ACTION_GROUP (window), "clip"));
  g_action_group_activate_action (G_ACTION_GROUP (window), "clip", NULL);
  wait_until (library_has_n, GUINT_TO_POINTER (1), "the clipping to reach the library");

  listed = g_list_model_get_item (model, 0);
  g_assert_cmpstr (clipper_clipping_get_title (listed), ==,
                   "US defence chief signals major shift in Ukraine support in first NATO meet");

  stored = clipper_store_get_clipping (clipper_application_get_store (app),
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
  guint before = g_list_model_get_n_items (model);

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

static void
test_address_errors (void)
{
  WebKitWebView *view = clipper_window_get_web_view (window);
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
  g_autoptr(ClipperClipping) clipping = g_list_model_get_item (model, 0);
  gint64 id = clipper_clipping_get_id (clipping);

  guint n = g_list_model_get_n_items (model);

  g_signal_emit_by_name (library, "delete-requested", clipping);
  g_assert_cmpuint (g_list_model_get_n_items (model), ==, n - 1);
  /* Nothing is lost until the undo toast is gone. */
  g_assert_cmpint (clipper_store_count_clippings (clipper_application_get_store (app), NULL), ==, n);

  g_action_group_activate_action (G_ACTION_GROUP (window), "undo-delete",
                                  g_variant_new_int64 (id));
  g_assert_cmpuint (g_list_model_get_n_items (model), ==, n);

  /* Deleted for good once the window closes. */
  g_signal_emit_by_name (library, "delete-requested", clipping);
  g_assert_cmpuint (g_list_model_get_n_items (model), ==, n - 1);
  g_object_ref (app);
  gtk_window_close (GTK_WINDOW (window));
  wait_until (count_in_store, GINT_TO_POINTER (n - 1), "the deletion");
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
  g_test_add_func ("/clipper/ui/reader-offline-images", test_reader_offline_images);
  g_test_add_func ("/clipper/ui/address-errors", test_address_errors);
  g_test_add_func ("/clipper/ui/delete-undo", test_delete_undo);

  app = clipper_application_new (G_APPLICATION_NON_UNIQUE);
  g_signal_connect_after (app, "activate", G_CALLBACK (on_activate_cb), &status);
  g_application_run (G_APPLICATION (app), 1, app_argv);
  g_clear_object (&app);

  return status;
}
