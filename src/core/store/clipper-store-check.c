/* clipper-store-check.c
 *
 * Copyright 2026 The Clipper authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A damaged library: finding out (SQLite's own checks, on a connection of
 * their own so the library stays usable meanwhile), rebuilding the search
 * index, and salvaging every row that can still be read into a new
 * library file, never writing to the damaged one.
 */

#define G_LOG_DOMAIN "clipper-store"

#include "config.h"

#include <glib/gi18n.h>
#include <glib/gstdio.h>
#include <string.h>

#include "clipper-error.h"
#include "clipper-store-check.h"
#include "clipper-store-private.h"

static sqlite3 *
open_read_only (const char  *path,
                gboolean     writable,
                GError     **error)
{
  g_autofree char *escaped = g_uri_escape_string (path, "/", FALSE);
  g_autofree char *uri = g_strdup_printf ("file:%s%s", escaped, writable ? "" : "?mode=ro");
  sqlite3 *db = NULL;
  int rc;

  if (!g_file_test (path, G_FILE_TEST_IS_REGULAR))
    {
      g_set_error (error, CLIPPER_ERROR, CLIPPER_ERROR_NOT_FOUND,
                   _("There is no library at “%s”."), path);
      return NULL;
    }

  rc = sqlite3_open_v2 (uri, &db, (writable ? SQLITE_OPEN_READWRITE : SQLITE_OPEN_READONLY) | SQLITE_OPEN_URI,
                        NULL);
  if (rc != SQLITE_OK)
    {
      g_set_error (error, CLIPPER_ERROR, CLIPPER_ERROR_DATABASE,
                   _("Could not open the library “%s”: %s"), path,
                   db ? sqlite3_errmsg (db) : sqlite3_errstr (rc));
      sqlite3_close_v2 (db);
      return NULL;
    }
  sqlite3_extended_result_codes (db, TRUE);
  sqlite3_busy_timeout (db, 5000);
  _clipper_tokenizer_register (db);
  return db;
}

/* The rows of a check pragma that are not "ok", one a line. */
static char *
run_check (sqlite3    *db,
           const char *sql)
{
  g_autoptr(GString) problems = g_string_new (NULL);
  sqlite3_stmt *stmt = NULL;
  int rc;

  rc = sqlite3_prepare_v2 (db, sql, -1, &stmt, NULL);
  if (rc == SQLITE_OK)
    {
      while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
        {
          const char *line = (const char *)sqlite3_column_text (stmt, 0);

          if (line && !g_str_equal (line, "ok"))
            g_string_append_printf (problems, "%s\n", line);
        }
    }
  if (rc != SQLITE_DONE)
    g_string_append_printf (problems, "%s\n", sqlite3_errmsg (db));
  sqlite3_finalize (stmt);

  if (problems->len == 0)
    return NULL;
  g_strchomp (problems->str);
  return g_string_free (g_steal_pointer (&problems), FALSE);
}

static gint64
count_rows (sqlite3    *db,
            const char *sql,
            gboolean   *ok)
{
  sqlite3_stmt *stmt = NULL;
  gint64 count = -1;

  if (sqlite3_prepare_v2 (db, sql, -1, &stmt, NULL) == SQLITE_OK && sqlite3_step (stmt) == SQLITE_ROW)
    count = sqlite3_column_int64 (stmt, 0);
  else
    *ok = FALSE;
  sqlite3_finalize (stmt);
  return count;
}

/* The index must read, and hold a row for each clipping; a thorough check
 * also has FTS5 compare its index with its content, which is written as
 * an INSERT and so needs a connection that may write (it writes nothing:
 * it is rolled back). */
static char *
check_index (sqlite3  *db,
             gboolean  thorough)
{
  gboolean ok = TRUE;
  gint64 indexed = count_rows (db, "SELECT count(*) FROM search_index", &ok);
  gint64 clippings = count_rows (db, "SELECT count(*) FROM clippings", &ok);
  char *message = NULL;

  if (!ok)
    return g_strdup (sqlite3_errmsg (db));
  count_rows (db, "SELECT count(*) FROM search_index WHERE search_index MATCH 'a* OR e* OR t*'", &ok);
  if (!ok)
    return g_strdup (sqlite3_errmsg (db));
  if (indexed != clippings)
    {
      g_autofree char *in_index = g_strdup_printf ("%" G_GINT64_FORMAT, indexed);
      g_autofree char *in_library = g_strdup_printf ("%" G_GINT64_FORMAT, clippings);

      return g_strdup_printf (_("the index holds %s clippings of %s"), in_index, in_library);
    }

  if (thorough && sqlite3_db_readonly (db, "main") == 0)
    {
      char *error = NULL;

      sqlite3_exec (db, "BEGIN", NULL, NULL, NULL);
      if (sqlite3_exec (db, "INSERT INTO search_index (search_index, rank) VALUES ('integrity-check', 1)",
                        NULL, NULL, &error) != SQLITE_OK)
        message = g_strdup (error ? error : sqlite3_errmsg (db));
      sqlite3_free (error);
      sqlite3_exec (db, "ROLLBACK", NULL, NULL, NULL);
    }

  return message;
}

static gboolean
is_empty_database (sqlite3 *db)
{
  gboolean ok = TRUE;

  return count_rows (db, "SELECT count(*) FROM sqlite_schema", &ok) == 0 && ok;
}

/**
 * clipper_store_check_file:
 * @thorough: every page of every table (slow on a large library), and
 *   the search index against its content; otherwise SQLite's quick check
 *
 * Checks the library at @path on a connection of its own, so that the
 * library stays usable while it runs.
 *
 * Returns: (transfer full): what was found, or %NULL with @error set when
 *   the file cannot be read at all
 */
ClipperStoreCheck *
clipper_store_check_file (const char  *path,
                          gboolean     thorough,
                          GError     **error)
{
  g_autoptr(ClipperStoreCheck) check = g_new0 (ClipperStoreCheck, 1);
  sqlite3 *db;

  /* The thorough check writes (and rolls back); where it cannot, the
   * rest is still checked. */
  db = open_read_only (path, thorough && g_access (path, W_OK) == 0, error);
  if (db == NULL)
    return NULL;

  check->problems = run_check (db, thorough ? "PRAGMA integrity_check (100)" : "PRAGMA quick_check (100)");
  /* A file that never got its first schema (made, then the process died)
   * has no index to check; it becomes a library when next opened. */
  if (check->problems != NULL || !is_empty_database (db))
    check->index_problems = check_index (db, thorough);
  sqlite3_close_v2 (db);

  return g_steal_pointer (&check);
}

gboolean
clipper_store_check_is_sound (const ClipperStoreCheck *check)
{
  return check->problems == NULL && check->index_problems == NULL;
}

void
clipper_store_check_free (ClipperStoreCheck *check)
{
  if (check == NULL)
    return;
  g_free (check->problems);
  g_free (check->index_problems);
  g_free (check);
}

/**
 * clipper_store_rebuild_index:
 *
 * Makes the search index anew from the clippings, their notes,
 * highlights and tags, in one transaction.
 */
gboolean
clipper_store_rebuild_index (ClipperStore  *self,
                             GError       **error)
{
  g_autoptr(GMutexLocker) locker = NULL;
  char *message = NULL;
  int rc;

  g_return_val_if_fail (CLIPPER_IS_STORE (self), FALSE);

  locker = g_mutex_locker_new (&self->mutex);
  if (self->read_only)
    {
      g_set_error_literal (error, CLIPPER_ERROR, CLIPPER_ERROR_READ_ONLY, self->read_only_reason);
      return FALSE;
    }

  /* The statements read the old table; they go with it. */
  _clipper_store_clear_statements (&self->statements);
  rc = sqlite3_exec (self->db,
                     "BEGIN IMMEDIATE;"
                     "DROP TABLE IF EXISTS search_index;"
                     SEARCH_INDEX_CREATE
                     SEARCH_INDEX_FILL
                     "COMMIT;",
                     NULL, NULL, &message);
  if (rc != SQLITE_OK)
    {
      g_set_error (error, CLIPPER_ERROR, CLIPPER_ERROR_CORRUPT_DATABASE,
                   _("Could not rebuild the search index of “%s”: %s"), self->path,
                   message ? message : sqlite3_errstr (rc));
      sqlite3_free (message);
      if (!sqlite3_get_autocommit (self->db))
        sqlite3_exec (self->db, "ROLLBACK", NULL, NULL, NULL);
      return FALSE;
    }

  return TRUE;
}

typedef struct
{
  const char *table;
  const char *key;     /* one column, or two for tables without rowid */
  const char *key2;
  const char *probes;  /* keys worth trying one by one, from what is copied already */
} TableSpec;

#define IDS_UP_TO(mark) \
  "WITH RECURSIVE n (x) AS (SELECT 1 UNION ALL SELECT x + 1 FROM n WHERE x < " \
  "  (SELECT min (last, 10000000) FROM damaged.id_marks WHERE name = '" mark "')) SELECT x, 0 FROM n"

/* In the order foreign keys need: owners before what refers to them. */
static const TableSpec tables[] = {
  { "clippings", "rowid", NULL, IDS_UP_TO ("clippings") },
  { "clipping_bodies", "rowid", NULL, "SELECT id, 0 FROM main.clippings" },
  { "highlights", "rowid", NULL, IDS_UP_TO ("highlights") },
  { "notes", "rowid", NULL, NULL },
  { "tags", "rowid", NULL, NULL },
  { "clipping_tags", "clipping_id", "tag_id", NULL },
  { "highlight_tags", "highlight_id", "tag_id", NULL },
  { "resources", "rowid", NULL, NULL },
};

typedef struct
{
  sqlite3      *db;
  sqlite3_stmt *copy;
  sqlite3_stmt *exists;   /* in the new library already */
  gint64        copied;
  gint64        lost;
} Salvager;

/* Returns whether the row was read (copied or there already). */
static gboolean
copy_row (Salvager *salvager,
          gint64    key,
          gint64    key2)
{
  int rc;

  sqlite3_reset (salvager->copy);
  sqlite3_bind_int64 (salvager->copy, 1, key);
  sqlite3_bind_int64 (salvager->copy, 2, key2);
  rc = sqlite3_step (salvager->copy);
  /* Copied, or there already (both scans and the probes meet the same
   * rows); a failure is a row that cannot be read, or whose owner was
   * lost (its foreign key fails). */
  if (rc == SQLITE_DONE && sqlite3_changes (salvager->db) > 0)
    {
      salvager->copied++;
      return TRUE;
    }
  if (rc != SQLITE_DONE)
    {
      salvager->lost++;
      return FALSE;
    }

  /* Nothing copied: there already, or a key that only garbage spelled. */
  sqlite3_reset (salvager->exists);
  sqlite3_bind_int64 (salvager->exists, 1, key);
  sqlite3_bind_int64 (salvager->exists, 2, key2);
  return sqlite3_step (salvager->exists) == SQLITE_ROW;
}

static gboolean
moves_on (sqlite3_stmt *next,
          gint64        key,
          gint64        key2,
          gboolean      descending)
{
  gint64 new_key = sqlite3_column_int64 (next, 0);
  gint64 new_key2 = sqlite3_column_int64 (next, 1);

  if (descending)
    return new_key < key || (new_key == key && new_key2 < key2);
  return new_key > key || (new_key == key && new_key2 > key2);
}

/* Walks @spec's table by key from one end, stepping over what cannot be
 * read: a damaged page costs the rows on it, not the rest. */
static void
scan (Salvager        *salvager,
      const TableSpec *spec,
      gboolean         descending)
{
  const char *op = descending ? "<" : ">";
  const char *order = descending ? "DESC" : "";
  g_autofree char *sql = NULL;
  sqlite3_stmt *next = NULL;
  gint64 key = descending ? G_MAXINT64 : G_MININT64;
  gint64 key2 = key;
  guint64 step = 1;
  guint failures = 0;

  if (spec->key2 == NULL)
    sql = g_strdup_printf ("SELECT rowid, 0 FROM damaged.%s WHERE rowid %s ?1 ORDER BY rowid %s LIMIT 1",
                           spec->table, op, order);
  else
    sql = g_strdup_printf ("SELECT %s, %s FROM damaged.%s WHERE (%s, %s) %s (?1, ?2) "
                           "ORDER BY %s %s, %s %s LIMIT 1", spec->key, spec->key2, spec->table,
                           spec->key, spec->key2, op, spec->key, order, spec->key2, order);
  if (sqlite3_prepare_v2 (salvager->db, sql, -1, &next, NULL) != SQLITE_OK)
    {
      salvager->lost++;
      return;
    }

  for (;;)
    {
      int rc;

      sqlite3_reset (next);
      sqlite3_bind_int64 (next, 1, key);
      sqlite3_bind_int64 (next, 2, key2);
      rc = sqlite3_step (next);
      if (rc == SQLITE_DONE)
        break;
      /* A damaged page may also read as an endless run of rows that are
       * garbage, none of which can be copied, or lead the walk back to
       * keys it has passed: that is unreadable too. */
      if (rc == SQLITE_ROW && !moves_on (next, key, key2, descending))
        rc = SQLITE_CORRUPT;
      if (rc != SQLITE_ROW || failures >= 32)
        {
          failures = 0;
          /* Unreadable from here: try further on, ever further. */
          salvager->lost++;
          if (step > ((guint64)1 << 40))
            break;
          if (key == G_MININT64 || key == G_MAXINT64)
            key = descending ? ((gint64)1 << 40) : 0;
          key = descending ? key - (gint64)step : key + (gint64)step;
          key2 = descending ? G_MAXINT64 : G_MININT64;
          step *= 2;
          continue;
        }
      key = sqlite3_column_int64 (next, 0);
      key2 = sqlite3_column_int64 (next, 1);
      if (copy_row (salvager, key, key2))
        step = 1, failures = 0;
      else
        failures++;
    }

  sqlite3_finalize (next);
}

/* Keys known from elsewhere, tried one at a time: rows between two
 * damaged pages, which neither scan reaches. */
static void
probe (Salvager        *salvager,
       const TableSpec *spec)
{
  sqlite3_stmt *keys = NULL;

  if (spec->probes == NULL || sqlite3_prepare_v2 (salvager->db, spec->probes, -1, &keys, NULL) != SQLITE_OK)
    {
      sqlite3_finalize (keys);
      return;
    }

  while (sqlite3_step (keys) == SQLITE_ROW)
    {
      gint64 before = salvager->lost;

      copy_row (salvager, sqlite3_column_int64 (keys, 0), sqlite3_column_int64 (keys, 1));
      /* A key that is not there is no loss; the scans counted those. */
      salvager->lost = before;
    }
  sqlite3_finalize (keys);
}

static void
salvage_table (sqlite3         *db,
               const TableSpec *spec,
               gint64          *copied,
               gint64          *lost)
{
  g_autofree char *copy_sql = NULL;
  g_autofree char *exists_sql = NULL;
  Salvager salvager = { db, NULL, NULL, 0, 0 };

  if (spec->key2 == NULL)
    {
      copy_sql = g_strdup_printf ("INSERT OR IGNORE INTO main.%s SELECT * FROM damaged.%s WHERE rowid = ?1",
                                  spec->table, spec->table);
      exists_sql = g_strdup_printf ("SELECT 1 FROM main.%s WHERE rowid = ?1", spec->table);
    }
  else
    {
      copy_sql = g_strdup_printf ("INSERT OR IGNORE INTO main.%s SELECT * FROM damaged.%s "
                                  "WHERE %s = ?1 AND %s = ?2", spec->table, spec->table,
                                  spec->key, spec->key2);
      exists_sql = g_strdup_printf ("SELECT 1 FROM main.%s WHERE %s = ?1 AND %s = ?2", spec->table,
                                    spec->key, spec->key2);
    }
  if (sqlite3_prepare_v2 (db, copy_sql, -1, &salvager.copy, NULL) != SQLITE_OK ||
      sqlite3_prepare_v2 (db, exists_sql, -1, &salvager.exists, NULL) != SQLITE_OK)
    {
      sqlite3_finalize (salvager.copy);
      (*lost)++;
      return;
    }

  scan (&salvager, spec, FALSE);
  scan (&salvager, spec, TRUE);
  probe (&salvager, spec);
  sqlite3_finalize (salvager.copy);
  sqlite3_finalize (salvager.exists);

  *copied += salvager.copied;
  *lost += salvager.lost;
}

/**
 * clipper_store_salvage:
 * @damaged_path: a library, damaged or not; only ever read
 * @output_path: where the new library goes; must not exist
 *
 * Copies every row that can be read from @damaged_path into a new
 * library at @output_path, then builds its search index and checks it.
 */
gboolean
clipper_store_salvage (const char      *damaged_path,
                       const char      *output_path,
                       ClipperSalvage  *report,
                       GError         **error)
{
  g_autoptr(ClipperStore) fresh = NULL;
  g_autofree char *escaped = NULL;
  g_autofree char *attach = NULL;
  g_autofree char *problems = NULL;
  sqlite3 *db;
  sqlite3_stmt *stmt = NULL;
  int version = -1;
  char *message = NULL;

  memset (report, 0, sizeof *report);

  if (g_file_test (output_path, G_FILE_TEST_EXISTS))
    {
      g_set_error (error, CLIPPER_ERROR, CLIPPER_ERROR_INVALID_INPUT,
                   _("“%s” exists already; it was not replaced."), output_path);
      return FALSE;
    }

  /* The new library's schema, made as any library's is. */
  if (!(fresh = clipper_store_open (output_path, error)))
    return FALSE;
  g_clear_object (&fresh);

  if (!(db = open_read_only (output_path, TRUE, error)))
    return FALSE;

  escaped = g_uri_escape_string (damaged_path, "/", FALSE);
  attach = g_strdup_printf ("ATTACH 'file:%s?mode=ro' AS damaged", escaped);
  if (sqlite3_exec (db, attach, NULL, NULL, &message) != SQLITE_OK ||
      sqlite3_prepare_v2 (db, "PRAGMA damaged.user_version", -1, &stmt, NULL) != SQLITE_OK ||
      sqlite3_step (stmt) != SQLITE_ROW)
    {
      g_set_error (error, CLIPPER_ERROR, CLIPPER_ERROR_CORRUPT_DATABASE,
                   _("Nothing could be read from “%s”: %s"), damaged_path,
                   message ? message : sqlite3_errmsg (db));
      sqlite3_free (message);
      sqlite3_finalize (stmt);
      sqlite3_close_v2 (db);
      g_unlink (output_path);
      return FALSE;
    }
  version = sqlite3_column_int (stmt, 0);
  sqlite3_finalize (stmt);

  if (version != CLIPPER_STORE_SCHEMA_VERSION)
    {
      g_set_error (error, CLIPPER_ERROR, CLIPPER_ERROR_INVALID_INPUT,
                   _("“%s” is at schema %d; only a library at schema %d can be salvaged. Open it "
                     "once with this version of Clipper first."),
                   damaged_path, version, CLIPPER_STORE_SCHEMA_VERSION);
      sqlite3_close_v2 (db);
      g_unlink (output_path);
      return FALSE;
    }

  /* Each row in a transaction of its own: a read that meets damage can
   * spoil the transaction it is in. The new file is thrown away if this
   * does not finish, so it need not be synced as it goes. */
  sqlite3_exec (db, "PRAGMA foreign_keys = ON; PRAGMA synchronous = OFF", NULL, NULL, NULL);
  for (guint i = 0; i < G_N_ELEMENTS (tables); i++)
    {
      gint64 copied = 0;

      salvage_table (db, &tables[i], &copied, &report->lost);
      report->rows += copied;
      if (g_str_equal (tables[i].table, "clippings"))
        report->clippings = copied;
      else if (g_str_equal (tables[i].table, "highlights"))
        report->highlights = copied;
    }
  /* Ids given in the damaged library are never given again. */
  sqlite3_exec (db, "UPDATE main.id_marks SET last = max (last, coalesce ((SELECT d.last FROM damaged.id_marks d "
                "WHERE d.name = id_marks.name), 0))", NULL, NULL, NULL);

  /* The damaged file goes before the index is made: nothing must read it. */
  if (sqlite3_exec (db, "DETACH damaged; PRAGMA synchronous = NORMAL; BEGIN; DELETE FROM search_index;"
                    SEARCH_INDEX_FILL "COMMIT;", NULL, NULL, &message) != SQLITE_OK)
    {
      g_set_error (error, CLIPPER_ERROR, CLIPPER_ERROR_DATABASE,
                   _("Could not write the salvaged library “%s”: %s"), output_path,
                   message ? message : sqlite3_errmsg (db));
      sqlite3_free (message);
      sqlite3_close_v2 (db);
      g_unlink (output_path);
      return FALSE;
    }

  problems = run_check (db, "PRAGMA integrity_check");
  sqlite3_close_v2 (db);
  if (problems != NULL)
    {
      g_set_error (error, CLIPPER_ERROR, CLIPPER_ERROR_CORRUPT_DATABASE,
                   _("The salvaged library “%s” failed its own check: %s"), output_path, problems);
      return FALSE;
    }

  return TRUE;
}
