/* test-store.c
 *
 * Copyright 2026 The Clipper authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "clipper-test-util.h"

#include <glib/gstdio.h>
#include <math.h>
#include <string.h>
#include <sqlite3.h>

#include "clipper-error.h"
#include "clipper-query.h"
#include "clipper-store.h"
#include "clipper-store-private.h"

typedef struct
{
  char *dir;
  char *path;
} Fixture;

static void
fixture_setup (Fixture       *fixture,
               gconstpointer  data)
{
  g_autoptr(GError) error = NULL;

  fixture->dir = g_dir_make_tmp ("clipper-store-XXXXXX", &error);
  g_assert_no_error (error);
  fixture->path = g_build_filename (fixture->dir, "sub", "library.db", NULL);
}

static void
fixture_teardown (Fixture       *fixture,
                  gconstpointer  data)
{
  clipper_test_remove_tree (fixture->dir);
  g_free (fixture->dir);
  g_free (fixture->path);
}

static ClipperClipping *
make_clipping (const char *title,
               gint64      clipped_at)
{
  ClipperClipping *clipping = clipper_clipping_new ();

  clipper_clipping_set_title (clipping, title);
  clipper_clipping_set_url (clipping, "https://news.example.org/a/b");
  clipper_clipping_set_byline (clipping, "Ana Author");
  clipper_clipping_set_site_name (clipping, "Example News");
  clipper_clipping_set_published (clipping, "2025-02-12T10:00:00Z");
  clipper_clipping_set_lang (clipping, "en");
  clipper_clipping_set_dir (clipping, "ltr");
  clipper_clipping_set_content (clipping, "<p>Body “quoted” — ünïcödé</p>");
  clipper_clipping_set_text (clipping, "Body “quoted” — ünïcödé");
  clipper_clipping_set_clipped_at (clipping, clipped_at);

  return clipping;
}

static void
test_migrate_empty (Fixture       *fixture,
                    gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(ClipperStore) store = NULL;

  store = clipper_store_open (fixture->path, &error);
  g_assert_no_error (error);
  g_assert_nonnull (store);
  g_assert_cmpint (clipper_store_get_schema_version (store), ==, CLIPPER_STORE_SCHEMA_VERSION);
  g_assert_cmpint (clipper_store_count_clippings (store, &error), ==, 0);
  g_assert_no_error (error);
  g_assert_true (g_file_test (fixture->path, G_FILE_TEST_IS_REGULAR));
}

static void
test_round_trip (Fixture       *fixture,
                 gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(ClipperStore) store = NULL;
  g_autoptr(ClipperClipping) older = make_clipping ("Older", 1000);
  g_autoptr(ClipperClipping) newer = make_clipping ("Newer", 2000);
  g_autoptr(ClipperClipping) loaded = NULL;
  g_autoptr(GPtrArray) list = NULL;
  g_autoptr(GPtrArray) tags = NULL;
  const char *tag_names[] = { "ukraine", "NATO", NULL };
  gint64 id;

  store = clipper_store_open (fixture->path, &error);
  g_assert_no_error (error);

  clipper_clipping_set_tags (newer, tag_names);
  g_assert_cmpint (clipper_store_add_clipping (store, older, &error), >, 0);
  g_assert_no_error (error);
  id = clipper_store_add_clipping (store, newer, &error);
  g_assert_no_error (error);
  g_assert_cmpint (id, ==, clipper_clipping_get_id (newer));

  list = clipper_store_list_clippings (store, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (list->len, ==, 2);
  g_assert_cmpstr (clipper_clipping_get_title (g_ptr_array_index (list, 0)), ==, "Newer");
  g_assert_cmpstr (clipper_clipping_get_title (g_ptr_array_index (list, 1)), ==, "Older");
  /* Lists carry no content: a 10,000-row library must stay small. */
  g_assert_null (clipper_clipping_get_content (g_ptr_array_index (list, 0)));

  loaded = clipper_store_find_clipping (store, id, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (clipper_clipping_get_title (loaded), ==, "Newer");
  g_assert_cmpstr (clipper_clipping_get_url (loaded), ==, "https://news.example.org/a/b");
  g_assert_cmpstr (clipper_clipping_get_byline (loaded), ==, "Ana Author");
  g_assert_cmpstr (clipper_clipping_get_site_name (loaded), ==, "Example News");
  g_assert_cmpstr (clipper_clipping_get_published (loaded), ==, "2025-02-12T10:00:00Z");
  g_assert_cmpstr (clipper_clipping_get_lang (loaded), ==, "en");
  g_assert_cmpstr (clipper_clipping_get_dir (loaded), ==, "ltr");
  g_assert_cmpstr (clipper_clipping_get_content (loaded), ==, "<p>Body “quoted” — ünïcödé</p>");
  g_assert_cmpstr (clipper_clipping_get_text (loaded), ==, "Body “quoted” — ünïcödé");
  g_assert_cmpint (clipper_clipping_get_clipped_at (loaded), ==, 2000);
  g_assert_cmpstrv (clipper_clipping_get_tags (loaded), ((const char *[]) { "NATO", "ukraine", NULL }));

  tags = clipper_store_list_tags (store, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (tags->len, ==, 2);

  g_assert_true (clipper_store_delete_clipping (store, id, &error));
  g_assert_no_error (error);
  g_assert_null (clipper_store_find_clipping (store, id, &error));
  g_assert_error (error, CLIPPER_ERROR, CLIPPER_ERROR_NOT_FOUND);
  g_clear_error (&error);

  /* Deleting drops tags that nothing uses any more. */
  g_clear_pointer (&tags, g_ptr_array_unref);
  tags = clipper_store_list_tags (store, &error);
  g_assert_cmpuint (tags->len, ==, 0);

  g_assert_false (clipper_store_delete_clipping (store, id, &error));
  g_assert_error (error, CLIPPER_ERROR, CLIPPER_ERROR_NOT_FOUND);
}

static void
test_rollback (Fixture       *fixture,
               gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(ClipperStore) store = NULL;
  g_autoptr(ClipperClipping) clipping = make_clipping ("Half saved", 0);
  g_autoptr(GPtrArray) tags = NULL;
  const char *bad_tags[] = { "fine", "   ", NULL };

  store = clipper_store_open (fixture->path, &error);
  g_assert_no_error (error);

  /* The second tag violates a constraint after the clipping row and the
   * first tag were written: nothing of it may remain. */
  clipper_clipping_set_tags (clipping, bad_tags);
  g_assert_cmpint (clipper_store_add_clipping (store, clipping, &error), ==, 0);
  g_assert_error (error, CLIPPER_ERROR, CLIPPER_ERROR_DATABASE);
  g_clear_error (&error);

  g_assert_cmpint (clipper_store_count_clippings (store, &error), ==, 0);
  tags = clipper_store_list_tags (store, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (tags->len, ==, 0);
  g_assert_cmpint (clipper_clipping_get_id (clipping), ==, 0);

  /* The connection is usable afterwards. */
  clipper_clipping_set_tags (clipping, NULL);
  g_assert_cmpint (clipper_store_add_clipping (store, clipping, &error), >, 0);
  g_assert_no_error (error);
}

static void
test_reopen (Fixture       *fixture,
             gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(ClipperStore) store = NULL;
  g_autoptr(ClipperClipping) clipping = make_clipping ("Kept", 0);

  store = clipper_store_open (fixture->path, &error);
  g_assert_no_error (error);
  clipper_store_add_clipping (store, clipping, &error);
  g_assert_no_error (error);
  g_clear_object (&store);

  store = clipper_store_open (fixture->path, &error);
  g_assert_no_error (error);
  g_assert_cmpint (clipper_store_count_clippings (store, &error), ==, 1);
  g_assert_cmpint (clipper_store_get_schema_version (store), ==, CLIPPER_STORE_SCHEMA_VERSION);
}

static guint search_count (ClipperStore *store,
                           const char   *text,
                           gint64       *first_id);

/* The schema of the first release, as it shipped. */
#define SCHEMA_1 \
  "CREATE TABLE clippings (" \
  "  id          INTEGER PRIMARY KEY," \
  "  url         TEXT NOT NULL DEFAULT ''," \
  "  title       TEXT NOT NULL DEFAULT ''," \
  "  byline      TEXT," \
  "  site_name   TEXT," \
  "  published   TEXT," \
  "  excerpt     TEXT," \
  "  lang        TEXT," \
  "  dir         TEXT," \
  "  content     TEXT NOT NULL DEFAULT ''," \
  "  text        TEXT NOT NULL DEFAULT ''," \
  "  note        TEXT," \
  "  clipped_at  INTEGER NOT NULL," \
  "  updated_at  INTEGER NOT NULL" \
  ");" \
  "CREATE INDEX clippings_by_clipped_at ON clippings (clipped_at DESC, id DESC);" \
  "CREATE INDEX clippings_by_url ON clippings (url);" \
  "CREATE TABLE highlights (" \
  "  id           INTEGER PRIMARY KEY," \
  "  clipping_id  INTEGER NOT NULL REFERENCES clippings (id) ON DELETE CASCADE," \
  "  color        TEXT NOT NULL DEFAULT 'yellow'" \
  "               CHECK (color IN ('yellow', 'green', 'blue', 'pink', 'purple'))," \
  "  exact        TEXT NOT NULL," \
  "  prefix       TEXT NOT NULL DEFAULT ''," \
  "  suffix       TEXT NOT NULL DEFAULT ''," \
  "  start_offset INTEGER," \
  "  end_offset   INTEGER," \
  "  orphaned     INTEGER NOT NULL DEFAULT 0," \
  "  created_at   INTEGER NOT NULL," \
  "  updated_at   INTEGER NOT NULL" \
  ");" \
  "CREATE INDEX highlights_by_clipping ON highlights (clipping_id, start_offset);" \
  "CREATE TABLE notes (" \
  "  id           INTEGER PRIMARY KEY," \
  "  clipping_id  INTEGER NOT NULL REFERENCES clippings (id) ON DELETE CASCADE," \
  "  highlight_id INTEGER UNIQUE REFERENCES highlights (id) ON DELETE CASCADE," \
  "  body         TEXT NOT NULL," \
  "  created_at   INTEGER NOT NULL," \
  "  updated_at   INTEGER NOT NULL" \
  ");" \
  "CREATE INDEX notes_by_clipping ON notes (clipping_id);" \
  "CREATE TABLE tags (" \
  "  id   INTEGER PRIMARY KEY," \
  "  name TEXT NOT NULL UNIQUE COLLATE NOCASE CHECK (length (trim (name)) > 0)" \
  ");" \
  "CREATE TABLE clipping_tags (" \
  "  clipping_id INTEGER NOT NULL REFERENCES clippings (id) ON DELETE CASCADE," \
  "  tag_id      INTEGER NOT NULL REFERENCES tags (id) ON DELETE CASCADE," \
  "  PRIMARY KEY (clipping_id, tag_id)" \
  ") WITHOUT ROWID;" \
  "CREATE INDEX clipping_tags_by_tag ON clipping_tags (tag_id);" \
  "CREATE TABLE highlight_tags (" \
  "  highlight_id INTEGER NOT NULL REFERENCES highlights (id) ON DELETE CASCADE," \
  "  tag_id       INTEGER NOT NULL REFERENCES tags (id) ON DELETE CASCADE," \
  "  PRIMARY KEY (highlight_id, tag_id)" \
  ") WITHOUT ROWID;" \
  "CREATE INDEX highlight_tags_by_tag ON highlight_tags (tag_id);" \
  "CREATE TABLE resources (" \
  "  hash       TEXT PRIMARY KEY," \
  "  mime_type  TEXT NOT NULL," \
  "  data       BLOB NOT NULL" \
  ");" \
  ""

/* A library from the first release: the upgrade keeps its clippings. */
static void
test_migrate_from_1 (Fixture       *fixture,
                     gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(ClipperStore) store = NULL;
  g_autoptr(ClipperClipping) loaded = NULL;
  g_autofree char *dir = g_path_get_dirname (fixture->path);
  sqlite3 *db;

  g_assert_cmpint (g_mkdir_with_parents (dir, 0700), ==, 0);
  g_assert_cmpint (sqlite3_open (fixture->path, &db), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_exec (db, SCHEMA_1
                                     "INSERT INTO clippings (id, url, title, content, text, clipped_at, updated_at) "
                                     "VALUES (7, 'https://example.org/', 'From version one', "
                                     "  '<p>Body “quoted” — ünïcödé</p>', 'Body “quoted” — ünïcödé', 1, 1);"
                                     "PRAGMA user_version = 1", NULL, NULL, NULL), ==, SQLITE_OK);
  sqlite3_close (db);

  store = clipper_store_open (fixture->path, &error);
  g_assert_no_error (error);
  g_assert_cmpint (clipper_store_get_schema_version (store), ==, CLIPPER_STORE_SCHEMA_VERSION);
  loaded = clipper_store_find_clipping (store, 7, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (clipper_clipping_get_title (loaded), ==, "From version one");
  g_assert_cmpstr (clipper_clipping_get_text (loaded), ==, "Body “quoted” — ünïcödé");
  g_assert_true (clipper_clipping_get_is_article (loaded));
  /* Indexed on the way, prefixes included. */
  g_assert_cmpuint (search_count (store, "versi", NULL), ==, 1);
  g_assert_cmpuint (search_count (store, "ve", NULL), ==, 1);
  g_assert_cmpuint (search_count (store, "unicode", NULL), ==, 1);

  /* The newest id so far is marked as given: after it is deleted, the
   * next clipping still gets a new one. */
  {
    g_autoptr(ClipperClipping) next = make_clipping ("After the upgrade", 2);

    g_assert_true (clipper_store_delete_clipping (store, 7, &error));
    g_assert_cmpint (clipper_store_add_clipping (store, next, &error), ==, 8);
    g_assert_no_error (error);
  }
}

static ClipperHighlight *
make_highlight (gint64      clipping_id,
                const char *exact,
                gint64      start,
                const char *color)
{
  ClipperHighlight *highlight = clipper_highlight_new ();

  clipper_highlight_set_clipping_id (highlight, clipping_id);
  clipper_highlight_set_exact (highlight, exact);
  clipper_highlight_set_prefix (highlight, "before ");
  clipper_highlight_set_suffix (highlight, " after");
  clipper_highlight_set_start (highlight, start);
  clipper_highlight_set_end (highlight, start + g_utf8_strlen (exact, -1));
  clipper_highlight_set_color (highlight, color);
  return highlight;
}

static void
test_highlights (Fixture       *fixture,
                 gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(ClipperStore) store = NULL;
  g_autoptr(ClipperClipping) clipping = make_clipping ("Annotated", 0);
  g_autoptr(ClipperHighlight) second = NULL;
  g_autoptr(ClipperHighlight) first = NULL;
  g_autoptr(ClipperHighlight) orphan = NULL;
  g_autoptr(GPtrArray) list = NULL;
  g_autoptr(GPtrArray) tags = NULL;
  g_autofree char *note = NULL;
  const char *first_tags[] = { "defence", "quote", NULL };
  gint64 clipping_id;

  store = clipper_store_open (fixture->path, &error);
  g_assert_no_error (error);
  clipping_id = clipper_store_add_clipping (store, clipping, &error);
  g_assert_no_error (error);

  second = make_highlight (clipping_id, "second passage", 200, "green");
  first = make_highlight (clipping_id, "first “passage” — ünïcode", 10, "yellow");
  orphan = make_highlight (clipping_id, "lost text", 5, "pink");
  clipper_highlight_set_note (first, "A **note** with Markdown\nand two lines.");
  clipper_highlight_set_tags (first, first_tags);
  clipper_highlight_set_orphaned (orphan, TRUE);

  g_assert_cmpint (clipper_store_add_highlight (store, second, &error), >, 0);
  g_assert_cmpint (clipper_store_add_highlight (store, first, &error), >, 0);
  g_assert_cmpint (clipper_store_add_highlight (store, orphan, &error), >, 0);
  g_assert_no_error (error);

  /* Document order, orphans last. */
  list = clipper_store_list_highlights (store, clipping_id, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (list->len, ==, 3);
  g_assert_cmpstr (clipper_highlight_get_exact (g_ptr_array_index (list, 0)), ==, "first “passage” — ünïcode");
  g_assert_cmpstr (clipper_highlight_get_note (g_ptr_array_index (list, 0)), ==, "A **note** with Markdown\nand two lines.");
  g_assert_cmpstrv (clipper_highlight_get_tags (g_ptr_array_index (list, 0)), first_tags);
  g_assert_cmpstr (clipper_highlight_get_prefix (g_ptr_array_index (list, 0)), ==, "before ");
  g_assert_cmpstr (clipper_highlight_get_exact (g_ptr_array_index (list, 1)), ==, "second passage");
  g_assert_null (clipper_highlight_get_note (g_ptr_array_index (list, 1)));
  g_assert_true (clipper_highlight_get_orphaned (g_ptr_array_index (list, 2)));

  /* Recolour, change the note, drop the tags. */
  clipper_highlight_set_color (first, "purple");
  clipper_highlight_set_note (first, "");
  clipper_highlight_set_tags (first, NULL);
  g_assert_true (clipper_store_update_highlight (store, first, &error));
  g_assert_no_error (error);
  g_clear_pointer (&list, g_ptr_array_unref);
  list = clipper_store_list_highlights (store, clipping_id, &error);
  g_assert_cmpstr (clipper_highlight_get_color (g_ptr_array_index (list, 0)), ==, "purple");
  g_assert_null (clipper_highlight_get_note (g_ptr_array_index (list, 0)));
  g_assert_cmpuint (g_strv_length ((char **)clipper_highlight_get_tags (g_ptr_array_index (list, 0))), ==, 0);
  tags = clipper_store_list_tags (store, &error);
  g_assert_cmpuint (tags->len, ==, 0);

  /* A colour the schema does not know is refused, nothing changes. */
  clipper_highlight_set_color (second, "orange");
  g_assert_false (clipper_store_update_highlight (store, second, &error));
  g_assert_error (error, CLIPPER_ERROR, CLIPPER_ERROR_DATABASE);
  g_clear_error (&error);

  g_assert_true (clipper_store_delete_highlight (store, clipper_highlight_get_id (second), &error));
  g_assert_false (clipper_store_delete_highlight (store, clipper_highlight_get_id (second), &error));
  g_assert_error (error, CLIPPER_ERROR, CLIPPER_ERROR_NOT_FOUND);
  g_clear_error (&error);

  /* The clipping's own note. */
  g_assert_true (clipper_store_set_clipping_note (store, clipping_id, "Overall: useful.", &error));
  note = clipper_store_dup_clipping_note (store, clipping_id, &error);
  g_assert_cmpstr (note, ==, "Overall: useful.");
  g_assert_false (clipper_store_set_clipping_note (store, 999, "x", &error));
  g_assert_error (error, CLIPPER_ERROR, CLIPPER_ERROR_NOT_FOUND);
  g_clear_error (&error);

  g_assert_cmpint (clipper_store_find_clipping_by_url (store, "https://news.example.org/a/b", &error), ==, clipping_id);
  g_assert_cmpint (clipper_store_find_clipping_by_url (store, "https://elsewhere.example/", &error), ==, 0);

  /* Deleting the clipping takes its highlights and notes along. */
  g_assert_true (clipper_store_delete_clipping (store, clipping_id, &error));
  g_clear_pointer (&list, g_ptr_array_unref);
  list = clipper_store_list_highlights (store, clipping_id, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (list->len, ==, 0);
}

static void
assert_refused_untouched (const char *path,
                          int         code)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(ClipperStore) store = NULL;
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;
  g_autofree char *wal = g_strconcat (path, "-wal", NULL);
  gsize before_len;
  gsize after_len;

  g_assert_true (g_file_get_contents (path, &before, &before_len, NULL));

  store = clipper_store_open (path, &error);
  g_assert_null (store);
  g_assert_error (error, CLIPPER_ERROR, code);
  g_assert_nonnull (strstr (error->message, path));

  g_assert_true (g_file_get_contents (path, &after, &after_len, NULL));
  g_assert_cmpmem (before, before_len, after, after_len);
  g_assert_false (g_file_test (wal, G_FILE_TEST_EXISTS));
}

static void
test_not_sqlite (Fixture       *fixture,
                 gconstpointer  data)
{
  g_autofree char *path = g_build_filename (fixture->dir, "notes.txt", NULL);
  g_autoptr(GString) text = g_string_new (NULL);

  for (guint i = 0; i < 500; i++)
    g_string_append_printf (text, "line %u of someone's precious notes\n", i);
  g_assert_true (g_file_set_contents (path, text->str, text->len, NULL));

  assert_refused_untouched (path, CLIPPER_ERROR_NOT_A_DATABASE);
}

static void
test_corrupt (Fixture       *fixture,
              gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(ClipperStore) store = NULL;
  g_autoptr(ClipperClipping) clipping = make_clipping ("Doomed", 0);
  g_autofree char *contents = NULL;
  gsize length;

  store = clipper_store_open (fixture->path, &error);
  g_assert_no_error (error);
  clipper_store_add_clipping (store, clipping, &error);
  g_assert_no_error (error);
  g_clear_object (&store);

  /* Keep the 100-byte header, scramble the schema page behind it. */
  g_assert_true (g_file_get_contents (fixture->path, &contents, &length, NULL));
  g_assert_cmpuint (length, >, 4096);
  for (gsize i = 100; i < 4096; i++)
    contents[i] = (char)(i * 37 + 11);
  g_assert_true (g_file_set_contents (fixture->path, contents, length, NULL));

  assert_refused_untouched (fixture->path, CLIPPER_ERROR_CORRUPT_DATABASE);
}

static void
test_newer (Fixture       *fixture,
            gconstpointer  data)
{
  g_autofree char *path = g_build_filename (fixture->dir, "future.db", NULL);
  sqlite3 *db;

  g_assert_cmpint (sqlite3_open (path, &db), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_exec (db, "CREATE TABLE future (x); PRAGMA user_version = 99",
                                 NULL, NULL, NULL), ==, SQLITE_OK);
  sqlite3_close (db);

  assert_refused_untouched (path, CLIPPER_ERROR_NEWER_DATABASE);
}

static void
test_folder (Fixture       *fixture,
             gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(ClipperStore) store = NULL;

  store = clipper_store_open (fixture->dir, &error);
  g_assert_null (store);
  g_assert_error (error, CLIPPER_ERROR, CLIPPER_ERROR_NOT_A_DATABASE);
}

static gpointer
add_job (ClipperStore  *store,
         gpointer       data,
         GError       **error)
{
  gint64 id = clipper_store_add_clipping (store, data, error);

  return id > 0 ? g_memdup2 (&id, sizeof id) : NULL;
}

static gpointer
list_job (ClipperStore  *store,
          gpointer       data,
          GError       **error)
{
  return clipper_store_list_clippings (store, error);
}

static void
on_job_done_cb (GObject      *object,
                GAsyncResult *result,
                gpointer      user_data)
{
  gpointer *out = user_data;
  g_autoptr(GError) error = NULL;

  *out = clipper_store_run_finish (CLIPPER_STORE (object), result, &error);
  g_assert_no_error (error);
}

/* Work handed to the store's thread comes back on the main loop, in
 * order. */
static void
test_async (Fixture       *fixture,
            gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(ClipperStore) store = NULL;
  g_autoptr(GPtrArray) list = NULL;
  g_autoptr(ClipperClipping) clipping = make_clipping ("Async", 0);
  g_autofree gint64 *id = NULL;

  store = clipper_store_open (fixture->path, &error);
  g_assert_no_error (error);

  clipper_store_run_async (store, add_job, g_object_ref (clipping), g_object_unref, g_free, NULL,
                           on_job_done_cb, &id);
  clipper_test_iterate_until (clipper_test_pointer_set, &id, "the clipping to be added");

  clipper_store_run_async (store, list_job, NULL, NULL, (GDestroyNotify)g_ptr_array_unref, NULL,
                           on_job_done_cb, &list);
  clipper_test_iterate_until (clipper_test_pointer_set, &list, "the clippings to be listed");

  g_assert_cmpuint (list->len, ==, 1);
  g_assert_cmpint (clipper_clipping_get_id (g_ptr_array_index (list, 0)), ==, *id);
}

typedef struct
{
  gint64      clipping_id;
  const char *note;
} NoteWrite;

static gpointer
slow_note_job (ClipperStore  *store,
               gpointer       data,
               GError       **error)
{
  NoteWrite *write = data;

  /* Long enough that drain() must wait for it. */
  g_usleep (50 * G_TIME_SPAN_MILLISECOND);
  clipper_store_set_clipping_note (store, write->clipping_id, write->note, error);
  return NULL;
}

static gpointer
update_highlight_job (ClipperStore  *store,
                      gpointer       data,
                      GError       **error)
{
  clipper_store_update_highlight (store, data, error);
  return NULL;
}

static void
test_drain (Fixture       *fixture,
            gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(ClipperStore) store = NULL;
  g_autoptr(ClipperClipping) clipping = make_clipping ("Drained", 0);
  g_autoptr(ClipperHighlight) highlight = clipper_highlight_new ();
  g_autoptr(ClipperHighlight) copy = NULL;
  g_autoptr(GPtrArray) stored = NULL;
  g_autofree char *note = NULL;
  NoteWrite first, second;
  const char *tags[] = { "one", "two", NULL };
  gint64 id;

  store = clipper_store_open (fixture->path, &error);
  g_assert_no_error (error);
  id = clipper_store_add_clipping (store, clipping, &error);
  g_assert_no_error (error);

  clipper_highlight_set_clipping_id (highlight, id);
  clipper_highlight_set_exact (highlight, "quick brown fox");
  clipper_highlight_set_color (highlight, "blue");
  g_assert_cmpint (clipper_store_add_highlight (store, highlight, &error), >, 0);
  g_assert_no_error (error);

  /* A copy is equal, and apart: changing one leaves the other. */
  clipper_highlight_set_note (highlight, "kept");
  clipper_highlight_set_tags (highlight, tags);
  copy = clipper_highlight_copy (highlight);
  g_assert_cmpint (clipper_highlight_get_id (copy), ==, clipper_highlight_get_id (highlight));
  g_assert_cmpint (clipper_highlight_get_clipping_id (copy), ==, id);
  g_assert_cmpstr (clipper_highlight_get_exact (copy), ==, "quick brown fox");
  g_assert_cmpstr (clipper_highlight_get_color (copy), ==, "blue");
  g_assert_cmpstrv (clipper_highlight_get_tags (copy), tags);
  clipper_highlight_set_note (highlight, "changed later");
  g_assert_cmpstr (clipper_highlight_get_note (copy), ==, "kept");

  /* Queued writes, without a main loop to finish them: drain() returns
   * once they are all on disk, in the order they were made. */
  first = (NoteWrite) { id, "first" };
  second = (NoteWrite) { id, "second" };
  clipper_store_run_async (store, slow_note_job, &first, NULL, NULL, NULL, NULL, NULL);
  clipper_store_run_async (store, update_highlight_job, g_object_ref (copy), g_object_unref,
                           NULL, NULL, NULL, NULL);
  clipper_store_run_async (store, slow_note_job, &second, NULL, NULL, NULL, NULL, NULL);
  clipper_store_drain (store);

  note = clipper_store_dup_clipping_note (store, id, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (note, ==, "second");
  stored = clipper_store_list_highlights (store, id, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (stored->len, ==, 1);
  g_assert_cmpstr (clipper_highlight_get_note (g_ptr_array_index (stored, 0)), ==, "kept");
  g_assert_cmpstrv (clipper_highlight_get_tags (g_ptr_array_index (stored, 0)), tags);

  /* Nothing queued: returns at once. */
  clipper_store_drain (store);

  /* The finished tasks hand back their data on this thread's loop. */
  while (g_main_context_iteration (NULL, FALSE))
    ;
}

static guint
search_count (ClipperStore *store,
              const char   *text,
              gint64       *first_id)
{
  g_autoptr(ClipperQuery) query = clipper_query_parse (text);
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) results = NULL;

  results = clipper_store_search (store, query, CLIPPER_SORT_CLIPPED, 100, &error);
  g_assert_no_error (error);
  g_assert_nonnull (results);
  if (first_id != NULL && results->len > 0)
    {
      ClipperSearchResult *result = g_ptr_array_index (results, 0);

      *first_id = clipper_clipping_get_id (result->clipping);
    }

  return results->len;
}

static void
test_search (Fixture       *fixture,
             gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(ClipperStore) store = NULL;
  g_autoptr(ClipperClipping) in_title = make_clipping ("Glacier retreat in the Alps", 1000);
  g_autoptr(ClipperClipping) in_body = make_clipping ("Mountain weather", 2000);
  g_autoptr(ClipperHighlight) highlight = NULL;
  g_autoptr(GPtrArray) results = NULL;
  g_autoptr(ClipperQuery) query = NULL;
  ClipperSearchResult *result;
  const char *tags[] = { "climate", NULL };
  gint64 title_id, body_id, first = 0;

  store = clipper_store_open (fixture->path, &error);
  g_assert_no_error (error);

  clipper_clipping_set_text (in_body, "Every summer the glacier loses ice; the glaciers of Europe shrink.");
  clipper_clipping_set_site_name (in_body, "Alpine Times");
  title_id = clipper_store_add_clipping (store, in_title, &error);
  body_id = clipper_store_add_clipping (store, in_body, &error);
  g_assert_no_error (error);

  /* A title match outranks a body match, whatever the clipping date. */
  g_assert_cmpuint (search_count (store, "glacier", &first), ==, 2);
  g_assert_cmpint (first, ==, title_id);

  query = clipper_query_parse ("glacier");
  results = clipper_store_search (store, query, CLIPPER_SORT_CLIPPED, 10, &error);
  g_assert_no_error (error);
  result = g_ptr_array_index (results, 1);
  g_assert_nonnull (strstr (result->snippet, "\002glacier\003"));
  g_clear_pointer (&results, g_ptr_array_unref);

  /* Prefixes, phrases, exclusions and filters. */
  g_assert_cmpuint (search_count (store, "glaci", NULL), ==, 2);
  g_assert_cmpuint (search_count (store, "\"glacier loses\"", &first), ==, 1);
  g_assert_cmpint (first, ==, body_id);
  g_assert_cmpuint (search_count (store, "glacier -summer", &first), ==, 1);
  g_assert_cmpint (first, ==, title_id);
  g_assert_cmpuint (search_count (store, "site:\"Alpine Times\"", &first), ==, 1);
  g_assert_cmpint (first, ==, body_id);

  /* Tags, notes and highlights are searchable as soon as they are saved. */
  g_assert_cmpuint (search_count (store, "tag:climate", NULL), ==, 0);
  g_assert_true (clipper_store_set_clipping_tags (store, title_id, tags, &error));
  g_assert_cmpuint (search_count (store, "tag:climate", &first), ==, 1);
  g_assert_cmpint (first, ==, title_id);
  g_assert_cmpuint (search_count (store, "climate", NULL), ==, 1);

  g_assert_true (clipper_store_set_clipping_note (store, body_id, "Compare with Patagonia", &error));
  g_assert_cmpuint (search_count (store, "patagonia", &first), ==, 1);
  g_assert_cmpint (first, ==, body_id);
  g_assert_true (clipper_store_set_clipping_note (store, body_id, NULL, &error));
  g_assert_cmpuint (search_count (store, "patagonia", NULL), ==, 0);

  highlight = make_highlight (title_id, "Body", 0, "blue");
  clipper_highlight_set_note (highlight, "moraine evidence");
  g_assert_cmpint (clipper_store_add_highlight (store, highlight, &error), >, 0);
  g_assert_no_error (error);
  g_assert_cmpuint (search_count (store, "moraine", &first), ==, 1);
  g_assert_cmpint (first, ==, title_id);
  g_assert_cmpuint (search_count (store, "color:blue", NULL), ==, 1);
  g_assert_cmpuint (search_count (store, "color:green", NULL), ==, 0);
  clipper_highlight_set_note (highlight, "till deposits");
  g_assert_true (clipper_store_update_highlight (store, highlight, &error));
  g_assert_cmpuint (search_count (store, "moraine", NULL), ==, 0);
  g_assert_cmpuint (search_count (store, "deposits", NULL), ==, 1);
  g_assert_true (clipper_store_delete_highlight (store, clipper_highlight_get_id (highlight), &error));
  g_assert_cmpuint (search_count (store, "deposits", NULL), ==, 0);

  /* Deleted clippings leave the index. */
  g_assert_true (clipper_store_delete_clipping (store, body_id, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (search_count (store, "glacier", &first), ==, 1);
  g_assert_cmpint (first, ==, title_id);
}

static void
test_search_hostile (Fixture       *fixture,
                     gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(ClipperStore) store = NULL;
  g_autoptr(ClipperClipping) clipping = make_clipping ("AND OR NOT near", 1000);
  g_autoptr(GString) longest = g_string_new (NULL);
  const char *queries[] = {
    "\"", "\"\"", "*", "-", "-*", "AND", "OR NOT", "NEAR(", "NEAR(a b, 2)",
    "'; DROP TABLE clippings; --", "title:", "tag:", "site:", "color:",
    "(", ")", "^", "a:b:c", "{title}: x", "\\", "ünï*", "\xe2\x80", "   ",
    "has:", "has:\"", "has:everything", "-has:notes", "\"中", "中*", "-中文",
  };

  store = clipper_store_open (fixture->path, &error);
  g_assert_no_error (error);
  clipper_store_add_clipping (store, clipping, &error);
  g_assert_no_error (error);

  for (guint i = 0; i < G_N_ELEMENTS (queries); i++)
    search_count (store, queries[i], NULL);

  for (guint i = 0; i < 5000; i++)
    g_string_append (longest, "word\" -x OR ");
  search_count (store, longest->str, NULL);

  /* Operators typed as words are just words. */
  g_assert_cmpuint (search_count (store, "AND OR NOT", NULL), ==, 1);
  g_assert_cmpuint (search_count (store, "near", NULL), ==, 1);
  g_assert_cmpuint (clipper_store_count_clippings (store, &error), ==, 1);
}

static void
test_tag_counts (Fixture       *fixture,
                 gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(ClipperStore) store = NULL;
  g_autoptr(ClipperClipping) a = make_clipping ("A", 1);
  g_autoptr(ClipperClipping) b = make_clipping ("B", 2);
  g_autoptr(GPtrArray) counts = NULL;
  const char *both[] = { "climate", "alps", NULL };
  const char *one[] = { "climate", NULL };
  ClipperCount *count;

  store = clipper_store_open (fixture->path, &error);
  g_assert_no_error (error);
  clipper_clipping_set_tags (a, both);
  clipper_clipping_set_tags (b, one);
  clipper_store_add_clipping (store, a, &error);
  clipper_store_add_clipping (store, b, &error);
  g_assert_no_error (error);

  counts = clipper_store_count_tags (store, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (counts->len, ==, 2);
  count = g_ptr_array_index (counts, 0);
  g_assert_cmpstr (count->name, ==, "alps");
  g_assert_cmpint (count->clippings, ==, 1);
  count = g_ptr_array_index (counts, 1);
  g_assert_cmpstr (count->name, ==, "climate");
  g_assert_cmpint (count->clippings, ==, 2);
}

/* Ids are never given twice, even after the newest row is deleted and
 * the library is opened again. */
static void
test_ids_not_reused (Fixture       *fixture,
                     gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(ClipperStore) store = NULL;
  gint64 ids[3];
  gint64 highlight_ids[2];
  gint64 reopened_id;

  store = clipper_store_open (fixture->path, &error);
  g_assert_no_error (error);

  for (guint i = 0; i < G_N_ELEMENTS (ids); i++)
    {
      g_autoptr(ClipperClipping) clipping = make_clipping ("Clipping", i);

      ids[i] = clipper_store_add_clipping (store, clipping, &error);
      g_assert_no_error (error);
    }
  for (guint i = 0; i < G_N_ELEMENTS (highlight_ids); i++)
    {
      g_autoptr(ClipperHighlight) highlight = make_highlight (ids[0], "Body", 0, "yellow");

      highlight_ids[i] = clipper_store_add_highlight (store, highlight, &error);
      g_assert_no_error (error);
    }

  /* The newest of each goes; what comes next is new. */
  g_assert_true (clipper_store_delete_clipping (store, ids[2], &error));
  g_assert_true (clipper_store_delete_highlight (store, highlight_ids[1], &error));
  {
    g_autoptr(ClipperClipping) clipping = make_clipping ("Later", 9);
    g_autoptr(ClipperHighlight) highlight = make_highlight (ids[0], "Body", 0, "green");

    g_assert_cmpint (clipper_store_add_clipping (store, clipping, &error), ==, ids[2] + 1);
    g_assert_cmpint (clipper_store_add_highlight (store, highlight, &error), ==, highlight_ids[1] + 1);
    g_assert_no_error (error);
  }

  /* The marks are in the file. */
  g_assert_true (clipper_store_delete_clipping (store, ids[2] + 1, &error));
  g_clear_object (&store);
  store = clipper_store_open (fixture->path, &error);
  g_assert_no_error (error);
  {
    g_autoptr(ClipperClipping) clipping = make_clipping ("Reopened", 10);

    reopened_id = clipper_store_add_clipping (store, clipping, &error);
    g_assert_no_error (error);
    g_assert_cmpint (reopened_id, ==, ids[2] + 2);
  }
}

static void
test_site_counts (Fixture       *fixture,
                  gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(ClipperStore) store = NULL;
  g_autoptr(GPtrArray) counts = NULL;
  g_autoptr(GPtrArray) empty = NULL;
  struct { const char *site_name; const char *url; } pages[] = {
    { "Example News", "https://news.example.org/1" },
    { "Example News", "https://news.example.org/2" },
    { NULL, "https://www.blog.example.net/post" },     /* no name: its host, without www. */
    { "", "https://blog.example.net/other" },
    { "Example News", "https://mirror.example.com/3" },
    { NULL, "file:///home/me/page.html" },            /* a local file is not a site */
    { "Zeitung", "file:///home/me/saved.html" },      /* unless the page names one */
    { NULL, "not an address at all" },                /* nothing to name it by */
    { "", "" },
  };
  ClipperCount *count;
  gint64 first_id = 0;

  store = clipper_store_open (fixture->path, &error);
  g_assert_no_error (error);

  empty = clipper_store_count_sites (store, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (empty->len, ==, 0);

  for (guint i = 0; i < G_N_ELEMENTS (pages); i++)
    {
      g_autoptr(ClipperClipping) clipping = make_clipping ("Page", i);
      gint64 id;

      clipper_clipping_set_site_name (clipping, pages[i].site_name);
      clipper_clipping_set_url (clipping, pages[i].url);
      id = clipper_store_add_clipping (store, clipping, &error);
      g_assert_no_error (error);
      if (i == 0)
        first_id = id;
    }

  /* Two highlights on the first Example News page. */
  for (guint i = 0; i < 2; i++)
    {
      g_autoptr(ClipperHighlight) highlight = clipper_highlight_new ();

      clipper_highlight_set_clipping_id (highlight, first_id);
      clipper_highlight_set_exact (highlight, "Body");
      g_assert_cmpint (clipper_store_add_highlight (store, highlight, &error), >, 0);
    }

  counts = clipper_store_count_sites (store, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (counts->len, ==, 3);
  count = g_ptr_array_index (counts, 0);
  g_assert_cmpstr (count->name, ==, "Example News");
  g_assert_cmpint (count->clippings, ==, 3);
  g_assert_cmpint (count->highlights, ==, 2);
  count = g_ptr_array_index (counts, 1);
  g_assert_cmpstr (count->name, ==, "blog.example.net");
  g_assert_cmpint (count->clippings, ==, 2);
  g_assert_cmpint (count->highlights, ==, 0);
  count = g_ptr_array_index (counts, 2);
  g_assert_cmpstr (count->name, ==, "Zeitung");
  g_assert_cmpint (count->clippings, ==, 1);

  /* Each count is what a site: search for that name finds. */
  for (guint i = 0; i < counts->len; i++)
    {
      g_autofree char *query = NULL;

      count = g_ptr_array_index (counts, i);
      query = g_strdup_printf ("site:\"%s\"", count->name);
      g_assert_cmpuint (search_count (store, query, NULL), ==, count->clippings);
    }
}

static void
test_rename_tag (Fixture       *fixture,
                 gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(ClipperStore) store = NULL;
  g_autoptr(ClipperClipping) a = make_clipping ("A", 1);
  g_autoptr(ClipperClipping) b = make_clipping ("B", 2);
  g_autoptr(ClipperHighlight) highlight = NULL;
  g_autoptr(GPtrArray) counts = NULL;
  g_autoptr(GPtrArray) highlights = NULL;
  const char *a_tags[] = { "climat", "alps", NULL };
  const char *b_tags[] = { "climate", NULL };
  const char *highlight_tags[] = { "climat", NULL };
  ClipperCount *count;
  gint64 a_id, b_id;

  store = clipper_store_open (fixture->path, &error);
  g_assert_no_error (error);
  clipper_clipping_set_tags (a, a_tags);
  clipper_clipping_set_tags (b, b_tags);
  a_id = clipper_store_add_clipping (store, a, &error);
  b_id = clipper_store_add_clipping (store, b, &error);
  g_assert_no_error (error);
  highlight = make_highlight (b_id, "Body", 0, "green");
  clipper_highlight_set_tags (highlight, highlight_tags);
  clipper_store_add_highlight (store, highlight, &error);
  g_assert_no_error (error);

  /* A plain rename, found under its new name at once. */
  g_assert_true (clipper_store_rename_tag (store, "alps", " Alpine ", &error));
  g_assert_no_error (error);
  g_assert_cmpuint (search_count (store, "tag:Alpine", NULL), ==, 1);
  g_assert_cmpuint (search_count (store, "tag:alps", NULL), ==, 0);
  g_assert_cmpuint (search_count (store, "alpine", NULL), ==, 1);

  /* Renaming onto an existing tag merges the two, on clippings and
   * highlights alike, without duplicates. */
  g_assert_true (clipper_store_rename_tag (store, "CLIMAT", "climate", &error));
  g_assert_no_error (error);
  counts = clipper_store_count_tags (store, &error);
  g_assert_cmpuint (counts->len, ==, 2);
  count = g_ptr_array_index (counts, 1);
  g_assert_cmpstr (count->name, ==, "climate");
  g_assert_cmpint (count->clippings, ==, 2);
  g_assert_cmpint (count->highlights, ==, 1);
  g_assert_cmpuint (search_count (store, "tag:climate", NULL), ==, 2);
  g_assert_cmpuint (search_count (store, "climat", NULL), ==, 2); /* prefix of climate */
  g_assert_cmpuint (search_count (store, "tag:climat", NULL), ==, 0);
  highlights = clipper_store_list_highlights (store, b_id, &error);
  g_assert_cmpstr (clipper_highlight_get_tags (g_ptr_array_index (highlights, 0))[0], ==, "climate");

  /* A change of case only is a rename too. */
  g_assert_true (clipper_store_rename_tag (store, "climate", "Climate", &error));
  g_assert_no_error (error);
  g_assert_cmpuint (search_count (store, "tag:Climate", NULL), ==, 2);

  /* Unknown and empty names are refused and change nothing. */
  g_assert_false (clipper_store_rename_tag (store, "nope", "x", &error));
  g_assert_error (error, CLIPPER_ERROR, CLIPPER_ERROR_NOT_FOUND);
  g_clear_error (&error);
  g_assert_false (clipper_store_rename_tag (store, "Climate", "  ", &error));
  g_assert_error (error, CLIPPER_ERROR, CLIPPER_ERROR_INVALID_INPUT);
  g_clear_error (&error);
  g_assert_cmpuint (search_count (store, "tag:Climate", NULL), ==, 2);
  g_assert_cmpint (a_id, >, 0);
}

static gint64
add_titled (ClipperStore *store,
            const char   *title,
            gint64        clipped_at)
{
  g_autoptr(ClipperClipping) clipping = make_clipping (title, clipped_at);
  g_autoptr(GError) error = NULL;
  gint64 id;

  id = clipper_store_add_clipping (store, clipping, &error);
  g_assert_no_error (error);
  return id;
}

static void
test_filters (Fixture       *fixture,
              gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(ClipperStore) store = NULL;
  g_autoptr(ClipperHighlight) highlight = NULL;
  g_autoptr(ClipperQuery) query = NULL;
  g_autoptr(GArray) ids = NULL;
  g_autoptr(GPtrArray) rows = NULL;
  gint64 plain, highlighted, noted;
  ClipperSearchResult *row;
  gint64 wanted[4];

  store = clipper_store_open (fixture->path, &error);
  g_assert_no_error (error);
  plain = add_titled (store, "Plain glacier", 1);
  highlighted = add_titled (store, "Marked", 2);
  noted = add_titled (store, "Noted glacier", 3);
  highlight = make_highlight (highlighted, "Body", 0, "yellow");
  clipper_store_add_highlight (store, highlight, &error);
  g_assert_true (clipper_store_set_clipping_note (store, noted, "see also", &error));
  g_assert_no_error (error);

  g_assert_cmpuint (search_count (store, "has:highlights", NULL), ==, 1);
  g_assert_cmpuint (search_count (store, "has:notes", NULL), ==, 1);
  g_assert_cmpuint (search_count (store, "glacier has:notes", NULL), ==, 1);
  g_assert_cmpuint (search_count (store, "has:nothing", NULL), ==, 0);

  /* Ids alone, in the order of the sort. */
  query = clipper_query_parse ("");
  ids = clipper_store_search_ids (store, query, CLIPPER_SORT_TITLE, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (ids->len, ==, 3);
  g_assert_cmpint (g_array_index (ids, gint64, 0), ==, highlighted);
  g_assert_cmpint (g_array_index (ids, gint64, 1), ==, noted);
  g_assert_cmpint (g_array_index (ids, gint64, 2), ==, plain);
  g_clear_pointer (&ids, g_array_unref);
  ids = clipper_store_search_ids (store, query, CLIPPER_SORT_CLIPPED, &error);
  g_assert_cmpint (g_array_index (ids, gint64, 0), ==, noted);

  /* Rows in the order asked for, skipping ids that are gone, with
   * highlight counts and, for a query with words, snippets. */
  wanted[0] = plain;
  wanted[1] = 9999;
  wanted[2] = highlighted;
  wanted[3] = noted;
  g_clear_pointer (&query, clipper_query_free);
  query = clipper_query_parse ("glacier");
  rows = clipper_store_list_summaries (store, wanted, G_N_ELEMENTS (wanted), query, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (rows->len, ==, 3);
  row = g_ptr_array_index (rows, 0);
  g_assert_cmpint (clipper_clipping_get_id (row->clipping), ==, plain);
  g_assert_nonnull (strstr (row->snippet, "\002glacier\003"));
  g_assert_null (clipper_clipping_get_content (row->clipping));
  row = g_ptr_array_index (rows, 1);
  g_assert_cmpint (clipper_clipping_get_id (row->clipping), ==, highlighted);
  g_assert_cmpuint (clipper_clipping_get_highlight_count (row->clipping), ==, 1);
  g_assert_null (row->snippet);
  row = g_ptr_array_index (rows, 2);
  g_assert_cmpint (clipper_clipping_get_id (row->clipping), ==, noted);
}

/* A page imported as an address (no text yet) is told apart in lists and
 * searches, and listed for fetching; a clipping with text is not, nor is
 * one once its text arrives. */
static void
test_unfetched (Fixture       *fixture,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(ClipperStore) store = NULL;
  g_autoptr(ClipperClipping) address = clipper_clipping_new ();
  g_autoptr(ClipperClipping) found = NULL;
  g_autoptr(GPtrArray) rows = NULL;
  g_autoptr(GPtrArray) waiting = NULL;
  g_autoptr(GPtrArray) highlights = g_ptr_array_new_with_free_func (g_object_unref);
  gint64 with_text, without, wanted[2];

  store = clipper_store_open (fixture->path, &error);
  g_assert_no_error (error);
  with_text = add_titled (store, "Glacier", 1);
  clipper_clipping_set_url (address, "https://example.org/later");
  clipper_clipping_set_title (address, "Later glacier");
  without = clipper_store_add_clipping (store, address, &error);
  g_assert_no_error (error);

  g_assert_cmpuint (search_count (store, "is:unfetched", NULL), ==, 1);
  g_assert_cmpuint (search_count (store, "IS:Unfetched glacier", NULL), ==, 1);
  g_assert_cmpuint (search_count (store, "glacier", NULL), ==, 2);
  g_assert_cmpuint (search_count (store, "is:fetched", NULL), ==, 0);

  wanted[0] = with_text;
  wanted[1] = without;
  rows = clipper_store_list_summaries (store, wanted, 2, NULL, &error);
  g_assert_no_error (error);
  g_assert_true (clipper_clipping_get_fetched (((ClipperSearchResult *)g_ptr_array_index (rows, 0))->clipping));
  g_assert_false (clipper_clipping_get_fetched (((ClipperSearchResult *)g_ptr_array_index (rows, 1))->clipping));
  found = clipper_store_find_clipping (store, without, &error);
  g_assert_false (clipper_clipping_get_fetched (found));
  g_clear_object (&found);
  found = clipper_store_find_clipping (store, with_text, &error);
  g_assert_true (clipper_clipping_get_fetched (found));
  g_clear_object (&found);

  waiting = clipper_store_list_unfetched (store, NULL, 0, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (waiting->len, ==, 1);
  g_assert_cmpint (clipper_clipping_get_id (g_ptr_array_index (waiting, 0)), ==, without);
  g_clear_pointer (&waiting, g_ptr_array_unref);
  waiting = clipper_store_list_unfetched (store, &with_text, 1, &error);
  g_assert_cmpuint (waiting->len, ==, 0);
  g_clear_pointer (&waiting, g_ptr_array_unref);

  /* Its text arrives. */
  clipper_clipping_set_content (address, "<p>Now with text</p>");
  clipper_clipping_set_text (address, "Now with text");
  g_assert_true (clipper_store_replace_clipping (store, without, address, highlights, &error));
  g_assert_no_error (error);
  waiting = clipper_store_list_unfetched (store, wanted, 2, &error);
  g_assert_cmpuint (waiting->len, ==, 0);
  g_assert_cmpuint (search_count (store, "is:unfetched", NULL), ==, 0);
}

/* Archived: out of the list (with filters too), found by words and by
 * is:archived, marked in rows, back when restored; a missing clipping is
 * an error; deleting a clipping takes its archived mark along. */
static void
test_archived (Fixture       *fixture,
               gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(ClipperStore) store = NULL;
  g_autoptr(ClipperQuery) all = NULL;
  g_autoptr(GPtrArray) rows = NULL;
  g_autoptr(ClipperClipping) found = NULL;
  gint64 kept, archived, ids[2];
  gint64 first = 0;

  store = clipper_store_open (fixture->path, &error);
  g_assert_no_error (error);
  kept = add_titled (store, "Glacier kept", 1);
  archived = add_titled (store, "Glacier read", 2);
  g_assert_true (clipper_store_add_clipping_tags (store, archived, (const char *[]) { "ice", NULL }, &error));
  g_assert_true (clipper_store_add_clipping_tags (store, kept, (const char *[]) { "ice", NULL }, &error));

  g_assert_true (clipper_store_set_archived (store, archived, TRUE, &error));
  g_assert_no_error (error);
  /* Twice is once. */
  g_assert_true (clipper_store_set_archived (store, archived, TRUE, &error));

  g_assert_cmpuint (search_count (store, "", &first), ==, 1);
  g_assert_cmpint (first, ==, kept);
  g_assert_cmpuint (search_count (store, "tag:ice", NULL), ==, 1);
  g_assert_cmpuint (search_count (store, "glacier", NULL), ==, 2);
  g_assert_cmpuint (search_count (store, "is:archived", &first), ==, 1);
  g_assert_cmpint (first, ==, archived);
  g_assert_cmpuint (search_count (store, "IS:Archived glacier", NULL), ==, 1);
  g_assert_cmpuint (search_count (store, "is:archived tag:ice", NULL), ==, 1);
  all = clipper_query_parse ("");
  all->with_archived = TRUE;
  rows = clipper_store_search (store, all, CLIPPER_SORT_CLIPPED, 0, &error);
  g_assert_cmpuint (rows->len, ==, 2);
  g_clear_pointer (&rows, g_ptr_array_unref);

  ids[0] = kept;
  ids[1] = archived;
  rows = clipper_store_list_summaries (store, ids, 2, NULL, &error);
  g_assert_false (clipper_clipping_get_archived (((ClipperSearchResult *)g_ptr_array_index (rows, 0))->clipping));
  g_assert_true (clipper_clipping_get_archived (((ClipperSearchResult *)g_ptr_array_index (rows, 1))->clipping));
  found = clipper_store_find_clipping (store, archived, &error);
  g_assert_true (clipper_clipping_get_archived (found));
  g_clear_object (&found);
  found = clipper_store_find_clipping_meta (store, archived, &error);
  g_assert_true (clipper_clipping_get_archived (found));
  g_clear_object (&found);

  g_assert_true (clipper_store_set_archived (store, archived, FALSE, &error));
  g_assert_cmpuint (search_count (store, "", NULL), ==, 2);
  g_assert_cmpuint (search_count (store, "is:archived", NULL), ==, 0);

  g_assert_false (clipper_store_set_archived (store, 999, TRUE, &error));
  g_assert_error (error, CLIPPER_ERROR, CLIPPER_ERROR_NOT_FOUND);
  g_clear_error (&error);

  g_assert_true (clipper_store_set_archived (store, archived, TRUE, &error));
  g_assert_true (clipper_store_delete_clipping (store, archived, &error));
  g_assert_cmpuint (search_count (store, "is:archived", NULL), ==, 0);
}

/* How far a clipping was read: kept within 0 and 1, shown in rows and
 * found by is:unread while 0; a missing clipping is an error. */
static void
test_progress (Fixture       *fixture,
               gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(ClipperStore) store = NULL;
  g_autoptr(ClipperClipping) found = NULL;
  g_autoptr(GPtrArray) rows = NULL;
  const struct { double set; double kept; } cases[] = {
    { 0.42, 0.42 }, { 0.0, 0.0 }, { 1.0, 1.0 }, { -0.5, 0.0 }, { 1.5, 1.0 }, { NAN, 0.0 },
  };
  gint64 read, unread, first = 0;

  store = clipper_store_open (fixture->path, &error);
  g_assert_no_error (error);
  read = add_titled (store, "Glacier read", 1);
  unread = add_titled (store, "Glacier unread", 2);

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_assert_true (clipper_store_set_progress (store, read, cases[i].set, &error));
      g_assert_no_error (error);
      found = clipper_store_find_clipping_meta (store, read, &error);
      g_assert_cmpfloat_with_epsilon (clipper_clipping_get_progress (found), cases[i].kept, 1e-9);
      g_clear_object (&found);
    }

  g_assert_true (clipper_store_set_progress (store, read, 0.5, &error));
  found = clipper_store_find_clipping (store, read, &error);
  g_assert_cmpfloat_with_epsilon (clipper_clipping_get_progress (found), 0.5, 1e-9);
  rows = clipper_store_list_summaries (store, (gint64[]) { read, unread }, 2, NULL, &error);
  g_assert_cmpfloat_with_epsilon (clipper_clipping_get_progress (((ClipperSearchResult *)g_ptr_array_index (rows, 0))->clipping), 0.5, 1e-9);
  g_assert_cmpfloat (clipper_clipping_get_progress (((ClipperSearchResult *)g_ptr_array_index (rows, 1))->clipping), ==, 0.0);

  g_assert_cmpuint (search_count (store, "is:unread", &first), ==, 1);
  g_assert_cmpint (first, ==, unread);
  g_assert_cmpuint (search_count (store, "IS:Unread glacier", NULL), ==, 1);
  /* Back to the top is unread again. */
  g_assert_true (clipper_store_set_progress (store, read, 0.0, &error));
  g_assert_cmpuint (search_count (store, "is:unread", NULL), ==, 2);

  g_assert_false (clipper_store_set_progress (store, 999, 0.5, &error));
  g_assert_error (error, CLIPPER_ERROR, CLIPPER_ERROR_NOT_FOUND);
}

static void
test_add_highlights (Fixture       *fixture,
                     gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(ClipperStore) store = NULL;
  g_autoptr(GPtrArray) batch = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GPtrArray) listed = NULL;
  ClipperHighlight *bad;
  gint64 a, b;

  store = clipper_store_open (fixture->path, &error);
  g_assert_no_error (error);
  a = add_titled (store, "A", 1);
  b = add_titled (store, "B", 2);

  g_ptr_array_add (batch, make_highlight (a, "Body", 0, "yellow"));
  g_ptr_array_add (batch, make_highlight (b, "Body", 0, "green"));
  clipper_highlight_set_note (g_ptr_array_index (batch, 1), "wombat");
  bad = make_highlight (a, "Body", 0, "yellow");
  clipper_highlight_set_clipping_id (bad, 9999);
  g_ptr_array_add (batch, bad);

  /* One that cannot be saved (no such clipping) and none is. */
  g_assert_false (clipper_store_add_highlights (store, batch, &error));
  g_assert_nonnull (error);
  g_clear_error (&error);
  g_assert_cmpint (clipper_highlight_get_id (g_ptr_array_index (batch, 0)), ==, 0);
  listed = clipper_store_list_highlights (store, a, &error);
  g_assert_cmpuint (listed->len, ==, 0);
  g_clear_pointer (&listed, g_ptr_array_unref);

  g_ptr_array_remove_index (batch, 2);
  g_assert_true (clipper_store_add_highlights (store, batch, &error));
  g_assert_no_error (error);
  g_assert_cmpint (clipper_highlight_get_id (g_ptr_array_index (batch, 0)), >, 0);
  listed = clipper_store_list_highlights (store, b, &error);
  g_assert_cmpuint (listed->len, ==, 1);
  g_assert_cmpuint (search_count (store, "wombat", NULL), ==, 1);
}

/* Past 1,000 matches, the newest 1,000 are ranked and older ones follow,
 * newest first. */
static void
test_broad_search (Fixture       *fixture,
                   gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(ClipperStore) store = NULL;
  g_autoptr(ClipperQuery) query = clipper_query_parse ("common");
  g_autoptr(GPtrArray) results = NULL;
  g_autoptr(GArray) ids = NULL;
  gint64 old_title = 0, new_title = 0;

  store = clipper_store_open (fixture->path, &error);
  g_assert_no_error (error);
  for (guint i = 1; i <= 1005; i++)
    {
      g_autoptr(ClipperClipping) clipping = make_clipping (i == 3 || i == 500 ? "A common title" : "Other", i);
      gint64 id;

      clipper_clipping_set_text (clipping, "a common word in every body");
      id = clipper_store_add_clipping (store, clipping, &error);
      g_assert_no_error (error);
      if (i == 3)
        old_title = id;
      else if (i == 500)
        new_title = id;
    }

  ids = clipper_store_search_ids (store, query, CLIPPER_SORT_CLIPPED, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (ids->len, ==, 1005);
  g_assert_cmpint (g_array_index (ids, gint64, 0), ==, new_title);
  g_assert_cmpint (g_array_index (ids, gint64, 1002), ==, old_title);

  results = clipper_store_search (store, query, CLIPPER_SORT_CLIPPED, 3, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (results->len, ==, 3);
  g_assert_cmpint (clipper_clipping_get_id (((ClipperSearchResult *)g_ptr_array_index (results, 0))->clipping),
                   ==, new_title);
  g_assert_nonnull (((ClipperSearchResult *)g_ptr_array_index (results, 2))->snippet);

  /* A phrase costs more to rank: its newest 500 are. */
  {
    g_autoptr(ClipperQuery) phrase = clipper_query_parse ("\"common word\"");
    g_autoptr(GArray) ranked = NULL;
    g_autoptr(GArray) older = NULL;

    g_assert_true (phrase->has_phrase);
    ranked = clipper_store_search_ids_part (store, phrase, CLIPPER_SORT_CLIPPED, CLIPPER_SEARCH_RANKED, &error);
    older = clipper_store_search_ids_part (store, phrase, CLIPPER_SORT_CLIPPED, CLIPPER_SEARCH_OLDER, &error);
    g_assert_no_error (error);
    g_assert_cmpuint (ranked->len, ==, 500);
    g_assert_cmpuint (older->len, ==, 505);
    /* Its title match is older than those 500: it comes with the rest. */
    g_assert_cmpint (g_array_index (older, gint64, 5), ==, new_title);
  }
}

/* Chinese, Japanese, Thai and Korean words are found inside the runs of
 * text they are written in; other text keeps word and accent rules. */
static void
test_unspaced_scripts (Fixture       *fixture,
                       gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(ClipperStore) store = NULL;
  g_autoptr(ClipperClipping) clipping = make_clipping ("多语言", 1);
  g_autoptr(ClipperQuery) query = NULL;
  g_autoptr(GPtrArray) results = NULL;
  const char *snippet;

  store = clipper_store_open (fixture->path, &error);
  g_assert_no_error (error);
  clipper_clipping_set_text (clipping,
                             "我们今天学习中文，明天去北京。東京都に住んでいます。"
                             "สวัสดีครับ 안녕하세요 세계. Un café AI中文 mixte.");
  clipper_store_add_clipping (store, clipping, &error);
  g_assert_no_error (error);

  g_assert_cmpuint (search_count (store, "中文", NULL), ==, 1);
  g_assert_cmpuint (search_count (store, "北京 ", NULL), ==, 1);
  g_assert_cmpuint (search_count (store, "天学", NULL), ==, 1);
  g_assert_cmpuint (search_count (store, "京都", NULL), ==, 1);
  g_assert_cmpuint (search_count (store, "ดีครับ", NULL), ==, 1);
  g_assert_cmpuint (search_count (store, "하세", NULL), ==, 1);
  g_assert_cmpuint (search_count (store, "語言", NULL), ==, 0);
  g_assert_cmpuint (search_count (store, "京明 ", NULL), ==, 0);
  g_assert_cmpuint (search_count (store, "cafe", NULL), ==, 1);
  g_assert_cmpuint (search_count (store, "mixte", NULL), ==, 1);
  g_assert_cmpuint (search_count (store, "多语", NULL), ==, 1);

  /* Long runs of ASCII (read eight bytes at a time) before such text,
   * at every alignment. */
  for (guint pad = 0; pad < 9; pad++)
    {
      g_autoptr(ClipperClipping) padded = make_clipping ("Padded", 10 + pad);
      g_autofree char *text = g_strdup_printf ("%.*sspent the week in 广州市 and then", 16 + pad,
                                               "abcdefghijklmnopqrstuvwxyz");

      clipper_clipping_set_text (padded, text);
      clipper_store_add_clipping (store, padded, &error);
      g_assert_no_error (error);
    }
  g_assert_cmpuint (search_count (store, "州市", NULL), ==, 9);
  g_assert_cmpuint (search_count (store, "广州", NULL), ==, 9);

  /* A damaged text: bytes that are not UTF-8 next to and inside a run. */
  {
    g_autoptr(ClipperClipping) damaged = make_clipping ("Damaged", 2);

    clipper_clipping_set_text (damaged, "north \xe4\xb8 中文\xff京 end \xe5\x8c");
    clipper_store_add_clipping (store, damaged, &error);
    g_assert_no_error (error);
    g_assert_cmpuint (search_count (store, "north", NULL), ==, 1);
    g_assert_cmpuint (search_count (store, "中文", NULL), ==, 2);
  }

  query = clipper_query_parse ("北京 ");
  results = clipper_store_search (store, query, CLIPPER_SORT_CLIPPED, 1, &error);
  g_assert_no_error (error);
  snippet = ((ClipperSearchResult *)g_ptr_array_index (results, 0))->snippet;
  g_assert_nonnull (strstr (snippet, "\002北京\003"));
}

static void
test_query_matches (Fixture       *fixture,
                    gconstpointer  data)
{
  g_autoptr(ClipperQuery) query = clipper_query_parse ("glacier \"ice loss\" -summer tag:alps zurich");

  g_assert_cmpuint (query->words->len, ==, 3);
  g_assert_cmpstr (g_ptr_array_index (query->words, 1), ==, "ice loss");
  g_assert_true (clipper_query_matches (query, "Glaciers melt"));
  g_assert_true (clipper_query_matches (query, "The ice loss is fast"));
  g_assert_true (clipper_query_matches (query, "Seen from Zürich"));
  g_assert_false (clipper_query_matches (query, "Ice is lost"));
  g_assert_false (clipper_query_matches (query, "summer alps"));
  g_assert_false (clipper_query_matches (query, NULL));

  clipper_query_free (query);
  query = clipper_query_parse ("中文");
  g_assert_true (clipper_query_matches (query, "我们学习中文。"));
  g_assert_true (query->has_phrase);
  g_assert_false (clipper_query_matches (query, "我们学习。"));
}

/* The data version moves when another connection commits, and only then:
 * what the window watches to see the command line's changes. */
static void
test_data_version (Fixture       *fixture,
                   gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(ClipperStore) window = clipper_store_open (fixture->path, &error);
  g_autoptr(ClipperStore) cli = clipper_store_open (fixture->path, &error);
  g_autoptr(ClipperClipping) own = make_clipping ("Written here", 1000);
  g_autoptr(ClipperClipping) other = make_clipping ("Written there", 2000);
  guint64 before, after_own, after_other;

  g_assert_no_error (error);
  clipper_clipping_set_url (other, "https://news.example.org/there");
  before = clipper_store_get_data_version (window, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (before, >, 0);

  clipper_store_add_clipping (window, own, &error);
  g_assert_no_error (error);
  after_own = clipper_store_get_data_version (window, &error);
  g_assert_cmpuint (after_own, ==, before);

  clipper_store_add_clipping (cli, other, &error);
  g_assert_no_error (error);
  after_other = clipper_store_get_data_version (window, &error);
  g_assert_cmpuint (after_other, !=, after_own);
}

typedef struct
{
  GMutex   mutex;
  GCond    cond;
  gboolean held;
  gboolean released;
  gboolean timed_out;
  gboolean done;
} Hold;

/* Holds the library's connection as a long write does (re-clipping a long
 * article, a migration), until the test lets go or ten seconds pass. */
static gpointer
hold_connection_job (ClipperStore  *store,
                     gpointer       data,
                     GError       **error)
{
  Hold *hold = data;
  gint64 end = g_get_monotonic_time () + 10 * G_USEC_PER_SEC;

  g_mutex_lock (&store->mutex);
  g_mutex_lock (&hold->mutex);
  hold->held = TRUE;
  g_cond_broadcast (&hold->cond);
  while (!hold->released)
    if (!g_cond_wait_until (&hold->cond, &hold->mutex, end))
      {
        hold->timed_out = TRUE;
        break;
      }
  g_mutex_unlock (&hold->mutex);
  g_mutex_unlock (&store->mutex);
  return NULL;
}

static void
on_held_cb (GObject      *object,
            GAsyncResult *result,
            gpointer      user_data)
{
  Hold *hold = user_data;

  clipper_store_run_finish (CLIPPER_STORE (object), result, NULL);
  hold->done = TRUE;
}

/* The Library list reads its rows on the main loop: they come while a
 * long job holds the worker's connection, not after it. */
static void
test_rows_while_busy (Fixture       *fixture,
                      gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(ClipperStore) store = NULL;
  g_autoptr(ClipperClipping) clipping = make_clipping ("Listed while busy", 1000);
  g_autoptr(GPtrArray) rows = NULL;
  Hold hold = { 0 };
  gint64 id;

  store = clipper_store_open (fixture->path, &error);
  g_assert_no_error (error);
  id = clipper_store_add_clipping (store, clipping, &error);
  g_assert_no_error (error);

  g_mutex_init (&hold.mutex);
  g_cond_init (&hold.cond);
  clipper_store_run_async (store, hold_connection_job, &hold, NULL, NULL, NULL, on_held_cb, &hold);
  g_mutex_lock (&hold.mutex);
  while (!hold.held)
    g_cond_wait (&hold.cond, &hold.mutex);
  g_mutex_unlock (&hold.mutex);

  rows = clipper_store_list_summaries (store, &id, 1, NULL, &error);
  g_assert_no_error (error);

  g_mutex_lock (&hold.mutex);
  hold.released = TRUE;
  g_cond_broadcast (&hold.cond);
  g_mutex_unlock (&hold.mutex);
  clipper_test_iterate_until (clipper_test_flag_set, &hold.done, "the long job to end");

  /* Read before the job let go: it never had to time out. */
  g_assert_false (hold.timed_out);
  g_assert_cmpuint (rows->len, ==, 1);
  g_assert_cmpstr (clipper_clipping_get_title (((ClipperSearchResult *)rows->pdata[0])->clipping), ==,
                   "Listed while busy");
  g_mutex_clear (&hold.mutex);
  g_cond_clear (&hold.cond);
}

/* A note and its tags are one change: when the tags cannot be written,
 * the note is not either. */
static void
test_details_together (Fixture       *fixture,
                       gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(ClipperStore) store = NULL;
  g_autoptr(ClipperClipping) clipping = make_clipping ("Noted and tagged", 0);
  g_autoptr(ClipperClipping) read = NULL;
  g_autofree char *note = NULL;
  const char *tags[] = { "glaciers", "alps", NULL };
  const char *more[] = { "ice", NULL };
  gint64 id;

  store = clipper_store_open (fixture->path, &error);
  g_assert_no_error (error);
  id = clipper_store_add_clipping (store, clipping, &error);
  g_assert_no_error (error);

  g_assert_true (clipper_store_set_clipping_details (store, id, "First note", tags, &error));
  g_assert_no_error (error);
  note = clipper_store_dup_clipping_note (store, id, &error);
  g_assert_cmpstr (note, ==, "First note");
  read = clipper_store_find_clipping (store, id, &error);
  g_assert_cmpuint (g_strv_length ((char **)clipper_clipping_get_tags (read)), ==, 2);

  /* The tags table refuses writes from here on: the whole change goes. */
  {
    sqlite3 *db = NULL;
    g_assert_cmpint (sqlite3_open (fixture->path, &db), ==, SQLITE_OK);
    g_assert_cmpint (sqlite3_exec (db, "CREATE TRIGGER no_tags BEFORE INSERT ON clipping_tags "
                                       "BEGIN SELECT RAISE (ABORT, 'no more tags'); END",
                                   NULL, NULL, NULL), ==, SQLITE_OK);
    sqlite3_close (db);
  }
  g_assert_false (clipper_store_set_clipping_details (store, id, "Second note", more, &error));
  g_assert_nonnull (error);
  g_clear_error (&error);
  g_clear_pointer (&note, g_free);
  note = clipper_store_dup_clipping_note (store, id, &error);
  g_assert_cmpstr (note, ==, "First note");
  g_clear_object (&read);
  read = clipper_store_find_clipping (store, id, &error);
  g_assert_cmpuint (g_strv_length ((char **)clipper_clipping_get_tags (read)), ==, 2);

  /* An unknown clipping is not found, and nothing is written. */
  g_assert_false (clipper_store_set_clipping_details (store, id + 100, "Nowhere", NULL, &error));
  g_assert_error (error, CLIPPER_ERROR, CLIPPER_ERROR_NOT_FOUND);
}

/* A batch: its writes reach the file at its end, together; a step that
 * fails inside it is undone alone, and the steps around it stay; after
 * it, writes are their own transactions again. */
static void
test_batch (Fixture       *fixture,
            gconstpointer  data)
{
  g_autoptr(ClipperStore) store = clipper_store_open (fixture->path, NULL);
  g_autoptr(ClipperStore) other = NULL;
  g_autoptr(ClipperClipping) first = make_clipping ("First", 100);
  g_autoptr(ClipperClipping) second = make_clipping ("Second", 200);
  g_autoptr(ClipperClipping) third = make_clipping ("Third", 300);
  g_autoptr(ClipperHighlight) bad = clipper_highlight_new ();
  g_autoptr(ClipperClipping) found = NULL;
  g_autoptr(GError) error = NULL;
  gint64 first_id;

  g_assert_true (clipper_store_begin_batch (store, &error));
  first_id = clipper_store_add_clipping (store, first, &error);
  g_assert_no_error (error);

  /* Not on disk yet: another connection does not see it. */
  other = clipper_store_open (fixture->path, NULL);
  g_assert_cmpint (clipper_store_count_clippings (other, NULL), ==, 0);

  /* A highlight of a clipping that is not there fails, alone. */
  clipper_highlight_set_clipping_id (bad, 999999);
  clipper_highlight_set_exact (bad, "nothing");
  g_assert_cmpint (clipper_store_add_highlight (store, bad, &error), ==, 0);
  g_assert_nonnull (error);
  g_clear_error (&error);

  g_assert_cmpint (clipper_store_add_clipping (store, second, &error), >, 0);
  g_assert_no_error (error);
  g_assert_true (clipper_store_end_batch (store, &error));
  g_assert_no_error (error);

  g_assert_cmpint (clipper_store_count_clippings (other, NULL), ==, 2);
  found = clipper_store_find_clipping (store, first_id, NULL);
  g_assert_nonnull (found);

  /* Outside a batch, each write is on disk when it returns. */
  g_assert_cmpint (clipper_store_add_clipping (store, third, &error), >, 0);
  g_assert_cmpint (clipper_store_count_clippings (other, NULL), ==, 3);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

#define ADD(path, func) \
  g_test_add (path, Fixture, NULL, fixture_setup, func, fixture_teardown)

  ADD ("/clipper/store/migrate-empty", test_migrate_empty);
  ADD ("/clipper/store/round-trip", test_round_trip);
  ADD ("/clipper/store/data-version", test_data_version);
  ADD ("/clipper/store/rollback", test_rollback);
  ADD ("/clipper/store/reopen", test_reopen);
  ADD ("/clipper/store/migrate-from-1", test_migrate_from_1);
  ADD ("/clipper/store/highlights", test_highlights);
  ADD ("/clipper/store/not-sqlite", test_not_sqlite);
  ADD ("/clipper/store/corrupt", test_corrupt);
  ADD ("/clipper/store/newer", test_newer);
  ADD ("/clipper/store/folder", test_folder);
  ADD ("/clipper/store/async", test_async);
  ADD ("/clipper/store/drain", test_drain);
  ADD ("/clipper/store/search", test_search);
  ADD ("/clipper/store/search-hostile", test_search_hostile);
  ADD ("/clipper/store/tag-counts", test_tag_counts);
  ADD ("/clipper/store/site-counts", test_site_counts);
  ADD ("/clipper/store/ids-not-reused", test_ids_not_reused);
  ADD ("/clipper/store/rename-tag", test_rename_tag);
  ADD ("/clipper/store/filters", test_filters);
  ADD ("/clipper/store/unfetched", test_unfetched);
  ADD ("/clipper/store/archived", test_archived);
  ADD ("/clipper/store/progress", test_progress);
  ADD ("/clipper/store/query-matches", test_query_matches);
  ADD ("/clipper/store/unspaced-scripts", test_unspaced_scripts);
  ADD ("/clipper/store/broad-search", test_broad_search);
  ADD ("/clipper/store/add-highlights", test_add_highlights);
  ADD ("/clipper/store/batch", test_batch);
  ADD ("/clipper/store/rows-while-busy", test_rows_while_busy);
  ADD ("/clipper/store/details-together", test_details_together);

#undef ADD

  return g_test_run ();
}
