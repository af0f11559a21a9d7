/* test-reclip.c
 *
 * Copyright 2026 The Clipper authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Clipping a page that is in the library already refreshes it; its
 * highlights survive edits of the article's text.
 */

#include "config.h"

#include <glib/gstdio.h>
#include <string.h>

#include "clipper-anchor.h"
#include "clipper-capture.h"

#define URL "https://worlddesk.example/2025/02/us-defence-chief.html"

typedef struct
{
  char         *dir;
  ClipperStore *store;
  gint64        id;
} Fixture;

static ClipperClipping *
capture_fixture (const char *name)
{
  g_autofree char *path = g_test_build_filename (G_TEST_DIST, "fixtures", name, NULL);
  g_autofree char *contents = NULL;
  gsize length;

  g_assert_true (g_file_get_contents (path, &contents, &length, NULL));
  return clipper_capture_page (contents, length, URL, NULL, NULL);
}

static void
highlight_quote (Fixture    *fixture,
                 const char *quote,
                 const char *note)
{
  g_autoptr(ClipperClipping) clipping = clipper_store_find_clipping (fixture->store, fixture->id, NULL);
  g_autoptr(ClipperAnchorText) text = clipper_anchor_text_new_from_html (clipper_clipping_get_content (clipping));
  g_autoptr(ClipperSelector) selector = NULL;
  g_autoptr(ClipperHighlight) highlight = clipper_highlight_new ();
  g_autoptr(GError) error = NULL;
  gint64 start, end;

  g_assert_cmpint (clipper_anchor_find_quote (text, quote, NULL, NULL, &start, &end), ==, 1);
  selector = clipper_selector_new (text, start, end);
  clipper_highlight_set_clipping_id (highlight, fixture->id);
  clipper_highlight_set_selector (highlight, selector);
  clipper_highlight_set_note (highlight, note);
  clipper_store_add_highlight (fixture->store, highlight, &error);
  g_assert_no_error (error);
}

static void
fixture_setup (Fixture       *fixture,
               gconstpointer  data)
{
  g_autofree char *path = NULL;
  g_autoptr(ClipperClipping) original = capture_fixture ("blogger-post.html");
  g_autoptr(GError) error = NULL;
  gboolean refreshed = TRUE;

  fixture->dir = g_dir_make_tmp ("clipper-reclip-XXXXXX", NULL);
  path = g_build_filename (fixture->dir, "library.db", NULL);
  fixture->store = clipper_store_open (path, &error);
  g_assert_no_error (error);

  fixture->id = clipper_capture_save (fixture->store, original, FALSE, &refreshed, &error);
  g_assert_no_error (error);
  g_assert_false (refreshed);
  g_assert_true (clipper_store_set_clipping_note (fixture->store, fixture->id, "Read for the report", &error));

  highlight_quote (fixture, "The US secretary of defense has signalled a major shift", "opening");
  highlight_quote (fixture, "any security guarantee must be backed by capable European and non-European troops", "key");
  highlight_quote (fixture, "Under Article Five of NATO, an attack on one member is considered an attack on all members", NULL);
  highlight_quote (fixture, "Zelenskyy also said on Wednesday he had held a “meaningful” call with Trump", "ending");
}

static void
fixture_teardown (Fixture       *fixture,
                  gconstpointer  data)
{
  const char *names[] = { "library.db", "library.db-wal", "library.db-shm" };

  g_clear_object (&fixture->store);
  for (guint i = 0; i < G_N_ELEMENTS (names); i++)
    {
      g_autofree char *path = g_build_filename (fixture->dir, names[i], NULL);
      g_unlink (path);
    }
  g_rmdir (fixture->dir);
  g_free (fixture->dir);
}

static GPtrArray *
reclip (Fixture    *fixture,
        const char *name)
{
  g_autoptr(ClipperClipping) copy = capture_fixture (name);
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) list = NULL;
  g_autofree char *note = NULL;
  gboolean refreshed = FALSE;
  gint64 id;

  id = clipper_capture_save (fixture->store, copy, FALSE, &refreshed, &error);
  g_assert_no_error (error);
  g_assert_true (refreshed);
  g_assert_cmpint (id, ==, fixture->id);
  g_assert_cmpint (clipper_store_count_clippings (fixture->store, NULL), ==, 1);

  note = clipper_store_dup_clipping_note (fixture->store, id, &error);
  g_assert_cmpstr (note, ==, "Read for the report");

  list = clipper_store_list_highlights (fixture->store, id, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (list->len, ==, 4);
  return g_steal_pointer (&list);
}

/* Every highlight that is not orphaned points at its own text. */
static void
assert_anchors_hold (Fixture   *fixture,
                     GPtrArray *list)
{
  g_autoptr(ClipperClipping) clipping = clipper_store_find_clipping (fixture->store, fixture->id, NULL);
  g_autoptr(ClipperAnchorText) text = clipper_anchor_text_new_from_html (clipper_clipping_get_content (clipping));

  for (guint i = 0; i < list->len; i++)
    {
      ClipperHighlight *highlight = g_ptr_array_index (list, i);
      g_autofree char *slice = NULL;

      if (clipper_highlight_get_orphaned (highlight))
        continue;
      slice = clipper_anchor_text_slice (text, clipper_highlight_get_start (highlight),
                                         clipper_highlight_get_end (highlight));
      g_assert_cmpstr (slice, ==, clipper_highlight_get_exact (highlight));
    }
}

static ClipperHighlight *
find_note (GPtrArray  *list,
           const char *note)
{
  for (guint i = 0; i < list->len; i++)
    if (g_strcmp0 (clipper_highlight_get_note (g_ptr_array_index (list, i)), note) == 0)
      return g_ptr_array_index (list, i);
  return NULL;
}

static void
test_same_copy (Fixture       *fixture,
                gconstpointer  data)
{
  g_autoptr(GPtrArray) list = reclip (fixture, "blogger-post.html");

  for (guint i = 0; i < list->len; i++)
    g_assert_false (clipper_highlight_get_orphaned (g_ptr_array_index (list, i)));
  assert_anchors_hold (fixture, list);
}

static void
test_edited_paragraph (Fixture       *fixture,
                       gconstpointer  data)
{
  g_autoptr(GPtrArray) list = reclip (fixture, "reclip/edited-paragraph.html");
  ClipperHighlight *key = find_note (list, "key");

  g_assert_false (clipper_highlight_get_orphaned (key));
  g_assert_cmpstr (clipper_highlight_get_exact (key), ==,
                   "any security guarantee would have to be backed by capable European and non-European troops");
  g_assert_false (clipper_highlight_get_orphaned (find_note (list, "opening")));
  assert_anchors_hold (fixture, list);
}

static void
test_inserted_paragraph (Fixture       *fixture,
                         gconstpointer  data)
{
  g_autoptr(GPtrArray) list = reclip (fixture, "reclip/inserted-paragraph.html");

  for (guint i = 0; i < list->len; i++)
    g_assert_false (clipper_highlight_get_orphaned (g_ptr_array_index (list, i)));
  g_assert_cmpstr (clipper_highlight_get_exact (find_note (list, "opening")), ==,
                   "The US secretary of defense has signalled a major shift");
  assert_anchors_hold (fixture, list);
}

static void
test_whitespace (Fixture       *fixture,
                 gconstpointer  data)
{
  g_autoptr(GPtrArray) list = reclip (fixture, "reclip/whitespace.html");

  for (guint i = 0; i < list->len; i++)
    g_assert_false (clipper_highlight_get_orphaned (g_ptr_array_index (list, i)));
  assert_anchors_hold (fixture, list);
}

static void
test_removed_sentence (Fixture       *fixture,
                       gconstpointer  data)
{
  g_autoptr(GPtrArray) list = reclip (fixture, "reclip/removed-sentence.html");
  guint orphans = 0;

  /* Kept, shown as orphaned with its quote: never dropped. */
  for (guint i = 0; i < list->len; i++)
    if (clipper_highlight_get_orphaned (g_ptr_array_index (list, i)))
      {
        orphans++;
        g_assert_true (g_str_has_prefix (clipper_highlight_get_exact (g_ptr_array_index (list, i)),
                                         "Under Article Five of NATO"));
      }
  g_assert_cmpuint (orphans, ==, 1);
  g_assert_false (clipper_highlight_get_orphaned (find_note (list, "ending")));
  assert_anchors_hold (fixture, list);
}

static void
test_keep_separate (Fixture       *fixture,
                    gconstpointer  data)
{
  g_autoptr(ClipperClipping) copy = capture_fixture ("blogger-post.html");
  g_autoptr(GError) error = NULL;
  gboolean refreshed = TRUE;
  gint64 id;

  id = clipper_capture_save (fixture->store, copy, TRUE, &refreshed, &error);
  g_assert_no_error (error);
  g_assert_false (refreshed);
  g_assert_cmpint (id, !=, fixture->id);
  g_assert_cmpint (clipper_store_count_clippings (fixture->store, NULL), ==, 2);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

#define ADD(path, func) g_test_add (path, Fixture, NULL, fixture_setup, func, fixture_teardown)
  ADD ("/clipper/reclip/same-copy", test_same_copy);
  ADD ("/clipper/reclip/edited-paragraph", test_edited_paragraph);
  ADD ("/clipper/reclip/inserted-paragraph", test_inserted_paragraph);
  ADD ("/clipper/reclip/whitespace", test_whitespace);
  ADD ("/clipper/reclip/removed-sentence", test_removed_sentence);
  ADD ("/clipper/reclip/keep-separate", test_keep_separate);
#undef ADD

  return g_test_run ();
}
