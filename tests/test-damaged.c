/* test-damaged.c
 *
 * Copyright 2026 The Clipper authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Libraries that are damaged, read-only or empty: found out, never
 * written to, and salvaged into a new file with everything readable.
 */

#include "config.h"

#include "clipper-test-util.h"

#include <glib/gstdio.h>
#include <sqlite3.h>
#include <string.h>
#include <unistd.h>

#include "clipper-error.h"
#include "clipper-query.h"
#include "clipper-store.h"
#include "clipper-store-check.h"
#include "clipper-tokenizer.h"

#define N_CLIPPINGS 60

typedef struct
{
  char *dir;
  char *path;
} Fixture;

static void
fixture_setup (Fixture       *fixture,
               gconstpointer  data)
{
  fixture->dir = g_dir_make_tmp ("clipper-damaged-XXXXXX", NULL);
  fixture->path = g_build_filename (fixture->dir, "library.db", NULL);
}

static void
fixture_teardown (Fixture       *fixture,
                  gconstpointer  data)
{
  clipper_test_remove_tree (fixture->dir);
  g_free (fixture->dir);
  g_free (fixture->path);
}

/* Sixty clippings of forty paragraphs each, with a highlight and a tag. */
static void
make_library (const char *path)
{
  g_autoptr(ClipperStore) store = NULL;
  g_autoptr(GError) error = NULL;

  store = clipper_store_open (path, &error);
  g_assert_no_error (error);

  for (guint i = 1; i <= N_CLIPPINGS; i++)
    {
      g_autoptr(ClipperClipping) clipping = clipper_clipping_new ();
      g_autoptr(ClipperHighlight) highlight = clipper_highlight_new ();
      g_autoptr(GString) content = g_string_new (NULL);
      g_autoptr(GString) text = g_string_new (NULL);
      g_autofree char *title = g_strdup_printf ("Article %u", i);
      g_autofree char *url = g_strdup_printf ("https://example.org/%u", i);
      const char *tags[] = { "glaciers", NULL };
      gint64 id;

      for (guint j = 0; j < 40; j++)
        {
          g_string_append_printf (content, "<p>Paragraph %u of article %u about glaciers and sea ice.</p>", j, i);
          g_string_append_printf (text, "%sParagraph %u of article %u about glaciers and sea ice.",
                                  j ? "\n\n" : "", j, i);
        }
      clipper_clipping_set_title (clipping, title);
      clipper_clipping_set_url (clipping, url);
      clipper_clipping_set_content (clipping, content->str);
      clipper_clipping_set_text (clipping, text->str);
      clipper_clipping_set_tags (clipping, tags);
      id = clipper_store_add_clipping (store, clipping, &error);
      g_assert_no_error (error);

      clipper_highlight_set_clipping_id (highlight, id);
      clipper_highlight_set_exact (highlight, "Paragraph 0");
      clipper_highlight_set_start (highlight, 0);
      clipper_highlight_set_end (highlight, 11);
      clipper_highlight_set_note (highlight, "A note");
      clipper_store_add_highlight (store, highlight, &error);
      g_assert_no_error (error);
    }
  /* Closing the last connection folds the WAL into the file. */
}

static GPtrArray *
pages_of (const char *path,
          const char *table,
          const char *type)
{
  GPtrArray *pages = g_ptr_array_new ();
  sqlite3 *db = NULL;
  sqlite3_stmt *stmt = NULL;

  g_assert_cmpint (sqlite3_open_v2 (path, &db, SQLITE_OPEN_READONLY, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_prepare_v2 (db, "SELECT pageno FROM dbstat WHERE name = ?1 AND pagetype = ?2 "
                                       "ORDER BY pageno", -1, &stmt, NULL), ==, SQLITE_OK);
  sqlite3_bind_text (stmt, 1, table, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 2, type, -1, SQLITE_STATIC);
  while (sqlite3_step (stmt) == SQLITE_ROW)
    g_ptr_array_add (pages, GINT_TO_POINTER (sqlite3_column_int (stmt, 0)));
  sqlite3_finalize (stmt);
  sqlite3_close (db);
  return pages;
}

/* Garbage over one page of the file, as a bad sector or a torn copy
 * would leave it. */
static void
damage_page (const char *path,
             int         page)
{
  g_autofree char *contents = NULL;
  gsize length;

  g_assert_true (g_file_get_contents (path, &contents, &length, NULL));
  g_assert_cmpuint ((gsize)page * 4096, <=, length);
  memset (contents + (gsize)(page - 1) * 4096 + 8, 0xa5, 4096 - 8);
  g_assert_true (g_file_set_contents (path, contents, length, NULL));
}

static char *
checksum_of (const char *path)
{
  g_autofree char *contents = NULL;
  gsize length;

  g_assert_true (g_file_get_contents (path, &contents, &length, NULL));
  return g_compute_checksum_for_data (G_CHECKSUM_SHA256, (const guchar *)contents, length);
}

static gint64
count (const char *path,
       const char *sql)
{
  sqlite3 *db = NULL;
  sqlite3_stmt *stmt = NULL;
  gint64 n = -1;

  g_assert_cmpint (sqlite3_open_v2 (path, &db, SQLITE_OPEN_READONLY, NULL), ==, SQLITE_OK);
  if (sqlite3_prepare_v2 (db, sql, -1, &stmt, NULL) == SQLITE_OK && sqlite3_step (stmt) == SQLITE_ROW)
    n = sqlite3_column_int64 (stmt, 0);
  sqlite3_finalize (stmt);
  sqlite3_close (db);
  return n;
}

static void
test_sound (Fixture       *fixture,
            gconstpointer  data)
{
  g_autoptr(ClipperStoreCheck) quick = NULL;
  g_autoptr(ClipperStoreCheck) thorough = NULL;
  g_autoptr(GError) error = NULL;

  make_library (fixture->path);
  quick = clipper_store_check_file (fixture->path, FALSE, &error);
  g_assert_no_error (error);
  g_assert_true (clipper_store_check_is_sound (quick));
  thorough = clipper_store_check_file (fixture->path, TRUE, &error);
  g_assert_no_error (error);
  g_assert_true (clipper_store_check_is_sound (thorough));
}

/* A damaged page of the article bodies: the check finds it, the library
 * goes read-only and is never written again, and salvage copies every
 * other clipping into a new library that passes its own check. */
static void
test_damaged_table (Fixture       *fixture,
                    gconstpointer  data)
{
  g_autoptr(GPtrArray) leaves = NULL;
  g_autoptr(ClipperStoreCheck) check = NULL;
  g_autoptr(ClipperStoreCheck) salvaged_check = NULL;
  g_autoptr(ClipperStore) store = NULL;
  g_autoptr(ClipperClipping) clipping = clipper_clipping_new ();
  g_autoptr(GError) error = NULL;
  g_autofree char *salvaged = g_build_filename (fixture->dir, "salvaged.db", NULL);
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;
  ClipperSalvage report;

  make_library (fixture->path);
  leaves = pages_of (fixture->path, "clipping_bodies", "leaf");
  g_assert_cmpuint (leaves->len, >=, 2);
  damage_page (fixture->path, GPOINTER_TO_INT (g_ptr_array_index (leaves, 1)));
  before = checksum_of (fixture->path);

  check = clipper_store_check_file (fixture->path, FALSE, &error);
  g_assert_no_error (error);
  g_assert_nonnull (check->problems);
  g_assert_false (clipper_store_check_is_sound (check));

  /* As the window does after its check. */
  store = clipper_store_open (fixture->path, &error);
  g_assert_no_error (error);
  clipper_store_set_read_only (store, "damaged");
  g_assert_true (clipper_store_get_read_only (store));
  clipper_clipping_set_title (clipping, "Written to a damaged library");
  g_assert_cmpint (clipper_store_add_clipping (store, clipping, &error), ==, 0);
  g_assert_error (error, CLIPPER_ERROR, CLIPPER_ERROR_READ_ONLY);
  g_clear_error (&error);
  g_assert_false (clipper_store_set_clipping_note (store, 1, "no", &error));
  g_assert_error (error, CLIPPER_ERROR, CLIPPER_ERROR_READ_ONLY);
  g_clear_error (&error);
  g_assert_false (clipper_store_delete_clipping (store, 1, &error));
  g_assert_error (error, CLIPPER_ERROR, CLIPPER_ERROR_READ_ONLY);
  g_clear_error (&error);
  g_clear_object (&store);
  after = checksum_of (fixture->path);
  g_assert_cmpstr (before, ==, after);

  clipper_store_salvage (fixture->path, salvaged, &report, &error);
  g_assert_no_error (error);
  g_assert_cmpint (report.clippings, ==, N_CLIPPINGS);
  g_assert_cmpint (report.highlights, ==, N_CLIPPINGS);
  /* The bodies on the damaged page are the loss. */
  g_assert_cmpint (report.lost, >, 0);
  g_assert_cmpint (count (salvaged, "SELECT count(*) FROM clipping_bodies"), <, N_CLIPPINGS);
  g_assert_cmpint (count (salvaged, "SELECT count(*) FROM clipping_bodies"), >=, N_CLIPPINGS - 10);
  g_assert_cmpint (count (salvaged, "SELECT count(*) FROM clipping_tags"), ==, N_CLIPPINGS);
  g_assert_cmpint (count (salvaged, "SELECT count(*) FROM notes"), ==, N_CLIPPINGS);
  g_assert_cmpint (count (salvaged, "SELECT count(*) FROM search_index_docsize"), ==, N_CLIPPINGS);
  g_assert_cmpint (count (salvaged, "SELECT last FROM id_marks WHERE name = 'clippings'"), ==, N_CLIPPINGS);

  salvaged_check = clipper_store_check_file (salvaged, TRUE, &error);
  g_assert_no_error (error);
  g_assert_true (clipper_store_check_is_sound (salvaged_check));
  g_free (after);
  after = checksum_of (fixture->path);
  g_assert_cmpstr (after, ==, before);

  /* Never over an existing file. */
  g_assert_false (clipper_store_salvage (fixture->path, salvaged, &report, &error));
  g_assert_error (error, CLIPPER_ERROR, CLIPPER_ERROR_INVALID_INPUT);
}

/* A damaged search index, with sound tables: found by the thorough check
 * and rebuilt in place. */
static void
test_damaged_index (Fixture       *fixture,
                    gconstpointer  data)
{
  g_autoptr(ClipperStoreCheck) check = NULL;
  g_autoptr(ClipperStoreCheck) rebuilt = NULL;
  g_autoptr(ClipperStore) store = NULL;
  g_autoptr(ClipperQuery) query = clipper_query_parse ("glaciers");
  g_autoptr(GPtrArray) results = NULL;
  g_autoptr(GError) error = NULL;
  sqlite3 *db = NULL;

  make_library (fixture->path);
  g_assert_cmpint (sqlite3_open (fixture->path, &db), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_exec (db, "UPDATE search_index_data SET block = randomblob (64) WHERE id > 10",
                                 NULL, NULL, NULL), ==, SQLITE_OK);
  sqlite3_close (db);

  check = clipper_store_check_file (fixture->path, TRUE, &error);
  g_assert_no_error (error);
  g_assert_null (check->problems);
  g_assert_nonnull (check->index_problems);

  store = clipper_store_open (fixture->path, &error);
  g_assert_no_error (error);
  g_assert_true (clipper_store_rebuild_index (store, &error));
  g_assert_no_error (error);
  results = clipper_store_search (store, query, CLIPPER_SORT_CLIPPED, 100, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (results->len, ==, N_CLIPPINGS);
  g_clear_object (&store);

  rebuilt = clipper_store_check_file (fixture->path, TRUE, &error);
  g_assert_no_error (error);
  g_assert_true (clipper_store_check_is_sound (rebuilt));
}

/* An index short of rows is found by the quick check too. */
static void
test_index_missing_rows (Fixture       *fixture,
                         gconstpointer  data)
{
  g_autoptr(ClipperStoreCheck) check = NULL;
  g_autoptr(GError) error = NULL;
  sqlite3 *db = NULL;

  make_library (fixture->path);
  g_assert_cmpint (sqlite3_open (fixture->path, &db), ==, SQLITE_OK);
  g_assert_true (_clipper_tokenizer_register (db));
  g_assert_cmpint (sqlite3_exec (db, "DELETE FROM search_index WHERE rowid = 7", NULL, NULL, NULL), ==, SQLITE_OK);
  sqlite3_close (db);

  check = clipper_store_check_file (fixture->path, FALSE, &error);
  g_assert_no_error (error);
  g_assert_null (check->problems);
  g_assert_nonnull (strstr (check->index_problems, "59"));
}

/* A library on a read-only file system is read, and says that changes
 * cannot be saved; nothing tries to write to it. */
static void
test_read_only_place (Fixture       *fixture,
                      gconstpointer  data)
{
  g_autofree char *mount_point = g_build_filename (fixture->dir, "mnt", NULL);
  g_autofree char *path = g_build_filename (mount_point, "library.db", NULL);
  g_autofree char *command = NULL;
  g_autoptr(ClipperStore) store = NULL;
  g_autoptr(ClipperClipping) clipping = clipper_clipping_new ();
  g_autoptr(GPtrArray) listed = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *reason = NULL;
  int status = -1;

  g_mkdir (mount_point, 0755);
  command = g_strdup_printf ("mount -t tmpfs -o size=8m tmpfs '%s'", mount_point);
  if (geteuid () != 0 || !g_spawn_command_line_sync (command, NULL, NULL, &status, NULL) || status != 0)
    {
      g_test_skip ("a file system cannot be mounted here");
      return;
    }
  make_library (path);
  g_free (command);
  command = g_strdup_printf ("mount -o remount,ro '%s'", mount_point);
  g_assert_true (g_spawn_command_line_sync (command, NULL, NULL, &status, NULL));
  g_assert_true (g_spawn_check_wait_status (status, NULL));

  store = clipper_store_open (path, &error);
  g_assert_no_error (error);
  g_assert_true (clipper_store_get_read_only (store));
  reason = clipper_store_dup_read_only_reason (store);
  g_assert_nonnull (strstr (reason, path));
  listed = clipper_store_list_clippings (store, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (listed->len, ==, N_CLIPPINGS);

  g_assert_cmpint (clipper_store_add_clipping (store, clipping, &error), ==, 0);
  g_assert_error (error, CLIPPER_ERROR, CLIPPER_ERROR_READ_ONLY);
  g_clear_object (&store);

  g_free (command);
  command = g_strdup_printf ("umount '%s'", mount_point);
  g_spawn_command_line_sync (command, NULL, NULL, NULL, NULL);
}

/* A 0-byte file at the library's path becomes a library, and says so. */
static void
test_empty_file (Fixture       *fixture,
                 gconstpointer  data)
{
  g_autoptr(ClipperStore) store = NULL;
  g_autoptr(ClipperStore) again = NULL;
  g_autoptr(GError) error = NULL;

  g_assert_true (g_file_set_contents (fixture->path, "", 0, NULL));
  store = clipper_store_open (fixture->path, &error);
  g_assert_no_error (error);
  g_assert_true (clipper_store_get_was_empty (store));
  g_clear_object (&store);

  again = clipper_store_open (fixture->path, &error);
  g_assert_no_error (error);
  g_assert_false (clipper_store_get_was_empty (again));
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

#define ADD(path, func) g_test_add (path, Fixture, NULL, fixture_setup, func, fixture_teardown)
  ADD ("/clipper/damaged/sound", test_sound);
  ADD ("/clipper/damaged/table", test_damaged_table);
  ADD ("/clipper/damaged/index", test_damaged_index);
  ADD ("/clipper/damaged/index-missing-rows", test_index_missing_rows);
  ADD ("/clipper/damaged/read-only-place", test_read_only_place);
  ADD ("/clipper/damaged/empty-file", test_empty_file);
#undef ADD

  return g_test_run ();
}
