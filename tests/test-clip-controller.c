/* test-clip-controller.c
 *
 * Copyright 2026 The Clipper authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The clip pipeline without a window: a page's bytes in, a saved clipping
 * out, with its images, tags and the live page's highlights.
 */

#include "config.h"

#include <libsoup/soup.h>
#include <string.h>

#include "clipper-clip-controller.h"
#include "clipper-error.h"
#include "clipper-test-util.h"

#define ARTICLE \
  "<html><head><title>Glaciers in retreat</title></head><body><article>" \
  "<h1>Glaciers in retreat</h1>" \
  "<p>The glacier retreated faster than any model had predicted, and scientists who measured " \
  "it every summer since 1998 said that melting ice shelves expose the coast to the sea.</p>" \
  "<p>Further down the valley, the river carried more silt each year, and the farmers who " \
  "relied on it for water noticed the change long before the instruments did.</p>" \
  "%s</article></body></html>"

typedef struct
{
  char                  *dir;
  ClipperStore          *store;
  ClipperClipController *controller;
  SoupServer            *server;
  char                  *base;
} Fixture;

static void
on_request_cb (SoupServer        *server,
               SoupServerMessage *msg,
               const char        *path,
               GHashTable        *query,
               gpointer           user_data)
{
  if (g_str_equal (path, "/photo.png"))
    {
      g_autofree char *file = g_test_build_filename (G_TEST_DIST, "fixtures", "images", "lazy.png", NULL);
      g_autofree char *contents = NULL;
      gsize length;

      g_assert_true (g_file_get_contents (file, &contents, &length, NULL));
      soup_server_message_set_status (msg, 200, NULL);
      soup_server_message_set_response (msg, "image/png", SOUP_MEMORY_COPY, contents, length);
    }
  else
    soup_server_message_set_status (msg, 404, NULL);
}

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  g_autofree char *path = NULL;
  g_autoptr(GError) error = NULL;
  g_autoslist(GUri) uris = NULL;

  fixture->dir = g_dir_make_tmp ("clipper-clip-XXXXXX", NULL);
  path = g_build_filename (fixture->dir, "library.db", NULL);
  fixture->store = clipper_store_open (path, &error);
  g_assert_no_error (error);
  fixture->controller = clipper_clip_controller_new (fixture->store);

  fixture->server = soup_server_new (NULL, NULL);
  soup_server_add_handler (fixture->server, NULL, on_request_cb, NULL, NULL);
  soup_server_listen_local (fixture->server, 0, SOUP_SERVER_LISTEN_IPV4_ONLY, &error);
  g_assert_no_error (error);
  uris = soup_server_get_uris (fixture->server);
  fixture->base = g_uri_to_string (uris->data);
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  g_clear_object (&fixture->controller);
  g_clear_object (&fixture->store);
  g_clear_object (&fixture->server);
  g_clear_pointer (&fixture->base, g_free);
  clipper_test_remove_tree (fixture->dir);
  g_clear_pointer (&fixture->dir, g_free);
}

typedef struct
{
  gboolean           done;
  ClipperClipResult *result;
  GError            *error;
} Wait;

static void
on_clipped_cb (GObject      *object,
               GAsyncResult *result,
               gpointer      user_data)
{
  Wait *wait = user_data;

  wait->result = clipper_clip_controller_clip_finish (CLIPPER_CLIP_CONTROLLER (object), result,
                                                      &wait->error);
  wait->done = TRUE;
}

static void
start_clip (Fixture            *fixture,
            const char         *body,
            const char         *url,
            const char * const *tags,
            GPtrArray          *live,
            ClipperClipFlags    flags,
            GCancellable       *cancellable,
            Wait               *wait)
{
  g_autofree char *html = g_strdup_printf (ARTICLE, body);
  g_autoptr(GBytes) bytes = g_bytes_new (html, strlen (html));

  clipper_clip_controller_clip_async (fixture->controller, bytes, url, "UTF-8", tags, live, flags,
                                      cancellable, on_clipped_cb, wait);
}

static ClipperClipResult *
clip (Fixture            *fixture,
      const char         *body,
      const char         *url,
      const char * const *tags,
      GPtrArray          *live,
      ClipperClipFlags    flags)
{
  Wait wait = { 0 };

  start_clip (fixture, body, url, tags, live, flags, NULL, &wait);
  clipper_test_iterate_until (clipper_test_flag_set, &wait.done, "the page to be clipped");
  g_assert_no_error (wait.error);
  g_assert_nonnull (wait.result);
  return wait.result;
}

/* Saved with its metadata and tags; the same address again refreshes that
 * clipping, unless a separate copy is asked for. */
static void
test_save_and_refresh (Fixture       *fixture,
                       gconstpointer  data)
{
  const char * const tags[] = { "ice", "fieldwork", NULL };
  g_autoptr(ClipperClipResult) first = clip (fixture, "", "https://example.org/glaciers", tags, NULL,
                                             CLIPPER_CLIP_FLAGS_NONE);
  g_autoptr(ClipperClipResult) again = NULL;
  g_autoptr(ClipperClipResult) copy = NULL;
  g_autoptr(ClipperClipping) stored = NULL;

  g_assert_cmpint (first->id, >, 0);
  g_assert_false (first->refreshed);
  g_assert_cmpuint (first->n_carried, ==, 0);
  g_assert_cmpuint (first->n_failed_images, ==, 0);
  g_assert_cmpstr (clipper_clipping_get_title (first->clipping), ==, "Glaciers in retreat");
  g_assert_true (clipper_clipping_get_is_article (first->clipping));

  stored = clipper_store_find_clipping (fixture->store, first->id, NULL);
  g_assert_nonnull (stored);
  g_assert_cmpstr (clipper_clipping_get_url (stored), ==, "https://example.org/glaciers");
  g_assert_cmpuint (g_strv_length ((char **)clipper_clipping_get_tags (stored)), ==, 2);
  g_assert_nonnull (strstr (clipper_clipping_get_text (stored), "melting ice shelves"));

  again = clip (fixture, "<p>A paragraph added since, about the moraine left behind.</p>",
                "https://example.org/glaciers", NULL, NULL, CLIPPER_CLIP_FLAGS_NONE);
  g_assert_true (again->refreshed);
  g_assert_cmpint (again->id, ==, first->id);

  copy = clip (fixture, "", "https://example.org/glaciers", NULL, NULL, CLIPPER_CLIP_FLAGS_KEEP_SEPARATE);
  g_assert_false (copy->refreshed);
  g_assert_cmpint (copy->id, !=, first->id);
  g_assert_cmpint (clipper_store_count_clippings (fixture->store, NULL), ==, 2);
}

static ClipperHighlight *
live_highlight (const char *exact,
                const char *color)
{
  ClipperHighlight *highlight = clipper_highlight_new ();

  clipper_highlight_set_exact (highlight, exact);
  clipper_highlight_set_prefix (highlight, "");
  clipper_highlight_set_suffix (highlight, "");
  clipper_highlight_set_color (highlight, color);
  return highlight;
}

/* The live page's highlights go with the clipping: found by quote, or
 * kept orphaned when the article does not have them; one made while the
 * page is being clipped goes too; the caller's list is left as it was. */
static void
test_live_highlights (Fixture       *fixture,
                      gconstpointer  data)
{
  g_autoptr(GPtrArray) live = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GPtrArray) saved = NULL;
  Wait wait = { 0 };
  guint anchored = 0;
  guint orphaned = 0;

  g_ptr_array_add (live, live_highlight ("melting ice shelves", "green"));
  start_clip (fixture, "", "https://example.org/live", NULL, live, CLIPPER_CLIP_FLAGS_NONE, NULL, &wait);
  /* Made after the clip began, before it was saved. */
  g_ptr_array_add (live, live_highlight ("Subscribe to our newsletter", "blue"));
  clipper_test_iterate_until (clipper_test_flag_set, &wait.done, "the page to be clipped");
  g_assert_no_error (wait.error);

  g_assert_cmpuint (wait.result->n_carried, ==, 2);
  g_assert_cmpuint (live->len, ==, 2);

  saved = clipper_store_list_highlights (fixture->store, wait.result->id, NULL);
  g_assert_cmpuint (saved->len, ==, 2);
  for (guint i = 0; i < saved->len; i++)
    {
      ClipperHighlight *highlight = g_ptr_array_index (saved, i);

      if (clipper_highlight_get_orphaned (highlight))
        {
          orphaned++;
          g_assert_cmpstr (clipper_highlight_get_exact (highlight), ==, "Subscribe to our newsletter");
        }
      else
        {
          const char *text = clipper_clipping_get_text (wait.result->clipping);

          anchored++;
          g_assert_cmpstr (clipper_highlight_get_color (highlight), ==, "green");
          g_assert_cmpstr (clipper_highlight_get_exact (highlight), ==, "melting ice shelves");
          g_assert_cmpint (clipper_highlight_get_end (highlight) - clipper_highlight_get_start (highlight), ==,
                           strlen ("melting ice shelves"));
          g_assert_nonnull (strstr (text, "melting ice shelves"));
        }
    }
  g_assert_cmpuint (anchored, ==, 1);
  g_assert_cmpuint (orphaned, ==, 1);
  clipper_clip_result_free (wait.result);
}

/* Images are stored and the article points at them; one that cannot be
 * fetched is counted, and the clipping is saved all the same. */
static void
test_images (Fixture       *fixture,
             gconstpointer  data)
{
  g_autofree char *body = g_strdup_printf ("<p><img src=\"%sphoto.png\" alt=\"photo\"></p>"
                                           "<p><img src=\"%smissing.png\" alt=\"missing\"></p>",
                                           fixture->base, fixture->base);
  /* A page on this machine may show this machine's images. */
  g_autofree char *url = g_strconcat (fixture->base, "pictures", NULL);
  g_autoptr(ClipperClipResult) result = NULL;
  g_autoptr(ClipperClipping) stored = NULL;

  clipper_image_saver_set_limits (clipper_clip_controller_get_image_saver (fixture->controller),
                                  1024 * 1024, 10 * 1024 * 1024, 2);
  result = clip (fixture, body, url, NULL, NULL, CLIPPER_CLIP_FLAGS_NONE);

  g_assert_cmpuint (result->n_failed_images, ==, 1);
  stored = clipper_store_find_clipping (fixture->store, result->id, NULL);
  g_assert_nonnull (strstr (clipper_clipping_get_content (stored), "src=\"clipper://resource/"));
  g_assert_nonnull (strstr (clipper_clipping_get_content (stored), "missing.png"));
}

/* Cancelled, nothing is saved and the error says so. */
static void
test_cancelled (Fixture       *fixture,
                gconstpointer  data)
{
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  Wait wait = { 0 };

  start_clip (fixture, "", "https://example.org/cancelled", NULL, NULL, CLIPPER_CLIP_FLAGS_NONE,
              cancellable, &wait);
  g_cancellable_cancel (cancellable);
  clipper_test_iterate_until (clipper_test_flag_set, &wait.done, "the clip to end");

  g_assert_null (wait.result);
  g_assert_error (wait.error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_assert_cmpint (clipper_store_count_clippings (fixture->store, NULL), ==, 0);
  g_clear_error (&wait.error);
}

/* A library that cannot be written: the error names the stage and keeps
 * the store's code. */
static void
test_save_fails (Fixture       *fixture,
                 gconstpointer  data)
{
  Wait wait = { 0 };

  clipper_store_set_read_only (fixture->store, "a test");
  start_clip (fixture, "", "https://example.org/read-only", NULL, NULL, CLIPPER_CLIP_FLAGS_NONE, NULL,
              &wait);
  clipper_test_iterate_until (clipper_test_flag_set, &wait.done, "the clip to end");

  g_assert_null (wait.result);
  g_assert_error (wait.error, CLIPPER_ERROR, CLIPPER_ERROR_READ_ONLY);
  g_assert_true (g_str_has_prefix (wait.error->message, "The page could not be saved: "));
  g_clear_error (&wait.error);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add ("/clipper/clip-controller/save-and-refresh", Fixture, NULL,
              fixture_set_up, test_save_and_refresh, fixture_tear_down);
  g_test_add ("/clipper/clip-controller/live-highlights", Fixture, NULL,
              fixture_set_up, test_live_highlights, fixture_tear_down);
  g_test_add ("/clipper/clip-controller/images", Fixture, NULL,
              fixture_set_up, test_images, fixture_tear_down);
  g_test_add ("/clipper/clip-controller/cancelled", Fixture, NULL,
              fixture_set_up, test_cancelled, fixture_tear_down);
  g_test_add ("/clipper/clip-controller/save-fails", Fixture, NULL,
              fixture_set_up, test_save_fails, fixture_tear_down);

  return g_test_run ();
}
