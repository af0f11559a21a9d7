/* test-library-model.c
 *
 * Copyright 2026 The Clipper authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "clipper-test-util.h"

#include <glib/gstdio.h>
#include <string.h>

#include "clipper-library-model.h"
#include "clipper-store.h"

#define N_CLIPPINGS 150

typedef struct
{
  char         *path;
  ClipperStore *store;
  gint64        ids[N_CLIPPINGS];
} Fixture;

typedef struct
{
  guint position;
  guint removed;
  guint added;
  guint calls;
} Change;

static void
fixture_setup (Fixture       *fixture,
               gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  int fd;

  fd = g_file_open_tmp ("clipper-model-XXXXXX.db", &fixture->path, &error);
  g_assert_no_error (error);
  close (fd);
  g_unlink (fixture->path);

  fixture->store = clipper_store_open (fixture->path, &error);
  g_assert_no_error (error);

  for (guint i = 0; i < N_CLIPPINGS; i++)
    {
      g_autoptr(ClipperClipping) clipping = clipper_clipping_new ();
      g_autofree char *title = g_strdup_printf ("Clipping %03u", N_CLIPPINGS - i);

      clipper_clipping_set_title (clipping, title);
      clipper_clipping_set_url (clipping, "https://example.org/");
      clipper_clipping_set_text (clipping, i % 10 == 0 ? "A moraine is left by a glacier." : "Nothing here.");
      clipper_clipping_set_clipped_at (clipping, 1000 + i);
      fixture->ids[i] = clipper_store_add_clipping (fixture->store, clipping, &error);
      g_assert_no_error (error);
    }
}

static void
fixture_teardown (Fixture       *fixture,
                  gconstpointer  data)
{
  g_clear_object (&fixture->store);
  g_unlink (fixture->path);
  g_free (fixture->path);
}

static gboolean
loaded (gconstpointer model)
{
  return !clipper_library_model_get_loading ((ClipperLibraryModel *)model);
}

static void
wait_loaded (ClipperLibraryModel *model)
{
  clipper_test_iterate_until (loaded, model, "the library model to load");
}

static void
on_items_changed_cb (GListModel *model,
                     guint       position,
                     guint       removed,
                     guint       added,
                     Change     *change)
{
  change->position = position;
  change->removed = removed;
  change->added = added;
  change->calls++;
}

static gint64
id_at (ClipperLibraryModel *model,
       guint                position)
{
  g_autoptr(ClipperClipping) clipping = g_list_model_get_item (G_LIST_MODEL (model), position);

  g_assert_nonnull (clipping);
  return clipper_clipping_get_id (clipping);
}

static void
test_paging (Fixture       *fixture,
             gconstpointer  data)
{
  g_autoptr(ClipperLibraryModel) model = clipper_library_model_new (fixture->store);
  g_autoptr(ClipperClipping) last = NULL;

  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (model)), ==, 0);
  clipper_library_model_reload (model);
  g_assert_true (clipper_library_model_get_loading (model));
  wait_loaded (model);

  /* Newest first, rows read across pages on demand, without content. */
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (model)), ==, N_CLIPPINGS);
  g_assert_cmpint (id_at (model, 0), ==, fixture->ids[N_CLIPPINGS - 1]);
  g_assert_cmpint (id_at (model, 100), ==, fixture->ids[N_CLIPPINGS - 101]);
  last = g_list_model_get_item (G_LIST_MODEL (model), N_CLIPPINGS - 1);
  g_assert_cmpint (clipper_clipping_get_id (last), ==, fixture->ids[0]);
  g_assert_cmpstr (clipper_clipping_get_title (last), ==, "Clipping 150");
  g_assert_null (clipper_clipping_get_content (last));
  g_assert_null (g_list_model_get_item (G_LIST_MODEL (model), N_CLIPPINGS));
  g_assert_cmpint (clipper_library_model_get_id (model, 0), ==, fixture->ids[N_CLIPPINGS - 1]);

  clipper_library_model_set_sort (model, CLIPPER_SORT_TITLE);
  wait_loaded (model);
  g_assert_cmpint (id_at (model, 0), ==, fixture->ids[N_CLIPPINGS - 1]);
  g_assert_cmpint (id_at (model, N_CLIPPINGS - 1), ==, fixture->ids[0]);
}

static void
test_query (Fixture       *fixture,
            gconstpointer  data)
{
  g_autoptr(ClipperLibraryModel) model = clipper_library_model_new (fixture->store);
  const char *snippet;
  gint64 id;

  clipper_library_model_set_query (model, "moraine");
  wait_loaded (model);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (model)), ==, N_CLIPPINGS / 10);
  id = id_at (model, 0);
  snippet = clipper_library_model_get_snippet (model, id);
  g_assert_nonnull (snippet);
  g_assert_nonnull (strstr (snippet, "\002moraine\003"));

  /* A query with no match, then none at all. */
  clipper_library_model_set_query (model, "\"no such phrase\"");
  wait_loaded (model);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (model)), ==, 0);
  clipper_library_model_set_query (model, "");
  wait_loaded (model);
  g_assert_null (clipper_library_model_get_query (model));
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (model)), ==, N_CLIPPINGS);
  g_assert_null (clipper_library_model_get_snippet (model, id_at (model, 0)));
}

static void
test_changes (Fixture       *fixture,
              gconstpointer  data)
{
  g_autoptr(ClipperLibraryModel) model = clipper_library_model_new (fixture->store);
  g_autoptr(ClipperClipping) clipping = clipper_clipping_new ();
  g_autoptr(GError) error = NULL;
  Change change = { 0 };
  guint position;
  gint64 id;

  clipper_library_model_reload (model);
  wait_loaded (model);
  g_signal_connect (model, "items-changed", G_CALLBACK (on_items_changed_cb), &change);

  /* A new clipping is reported as one row, not a whole new list. */
  clipper_clipping_set_title (clipping, "Newest");
  clipper_clipping_set_clipped_at (clipping, 99999);
  id = clipper_store_add_clipping (fixture->store, clipping, &error);
  g_assert_no_error (error);
  clipper_library_model_reload (model);
  wait_loaded (model);
  g_assert_cmpuint (change.calls, ==, 1);
  g_assert_cmpuint (change.position, ==, 0);
  g_assert_cmpuint (change.removed, ==, 0);
  g_assert_cmpuint (change.added, ==, 1);

  /* A hidden row stays out of reloads until it is unhidden. */
  g_assert_true (clipper_library_model_find (model, fixture->ids[10], &position));
  clipper_library_model_hide (model, fixture->ids[10]);
  g_assert_cmpuint (change.calls, ==, 2);
  g_assert_cmpuint (change.position, ==, position);
  g_assert_cmpuint (change.removed, ==, 1);
  g_assert_false (clipper_library_model_find (model, fixture->ids[10], NULL));
  clipper_library_model_reload (model);
  wait_loaded (model);
  g_assert_false (clipper_library_model_find (model, fixture->ids[10], NULL));
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (model)), ==, N_CLIPPINGS);
  clipper_library_model_unhide (model, fixture->ids[10]);
  wait_loaded (model);
  g_assert_true (clipper_library_model_find (model, fixture->ids[10], NULL));

  /* A row deleted after the ids were read still answers, and goes on reload. */
  g_assert_true (clipper_store_delete_clipping (fixture->store, id, &error));
  g_assert_cmpint (id_at (model, 0), ==, id);
  clipper_library_model_reload (model);
  wait_loaded (model);
  g_assert_false (clipper_library_model_find (model, id, NULL));
}

/* A broad search shows its ranked matches first, then the older ones. */
static void
test_broad (Fixture       *fixture,
            gconstpointer  data)
{
  g_autoptr(ClipperLibraryModel) model = clipper_library_model_new (fixture->store);
  g_autoptr(GError) error = NULL;
  Change change = { 0 };

  for (guint i = 0; i < 1000; i++)
    {
      g_autoptr(ClipperClipping) clipping = clipper_clipping_new ();

      clipper_clipping_set_title (clipping, "More");
      clipper_clipping_set_text (clipping, "Another glacier.");
      clipper_clipping_set_clipped_at (clipping, 5000 + i);
      clipper_store_add_clipping (fixture->store, clipping, &error);
      g_assert_no_error (error);
    }

  g_signal_connect (model, "items-changed", G_CALLBACK (on_items_changed_cb), &change);
  clipper_library_model_set_query (model, "glacier");
  wait_loaded (model);

  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (model)), ==, 1000 + N_CLIPPINGS / 10);
  g_assert_cmpuint (change.calls, >=, 2);
  /* The last change appended the older matches after the ranked 1,000. */
  g_assert_cmpuint (change.position, >=, 16);
  g_assert_cmpuint (change.removed, ==, 0);
  g_assert_cmpint (clipper_library_model_get_id (model, 1000), ==, fixture->ids[N_CLIPPINGS - 10]);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

#define ADD(path, func) \
  g_test_add (path, Fixture, NULL, fixture_setup, func, fixture_teardown)

  ADD ("/clipper/library-model/paging", test_paging);
  ADD ("/clipper/library-model/query", test_query);
  ADD ("/clipper/library-model/changes", test_changes);
  ADD ("/clipper/library-model/broad", test_broad);

#undef ADD

  return g_test_run ();
}
