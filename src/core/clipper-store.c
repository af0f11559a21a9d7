/* clipper-store.c
 *
 * Copyright 2026 The Clipper authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "clipper-store"

#include "config.h"

#include <glib/gi18n.h>
#include <errno.h>
#include <glib/gstdio.h>
#include <sqlite3.h>
#include <string.h>

#include "clipper-error.h"
#include "clipper-store.h"
#include "clipper-store-private.h"
#include "clipper-tokenizer.h"
#include "clipper-highlight.h"

/* One connection, used by one thread at a time: the mutex is held for the
 * whole of every public call, so async calls (run in GTask's pool) and the
 * CLI's sync calls are serialised the same way. */
G_DEFINE_FINAL_TYPE (ClipperStore, clipper_store, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_PATH,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

/* As it was before bodies had their own table; for migration 3 only. */
#define INDEX_SELECT_V3 \
  "SELECT c.id, c.title, coalesce (c.byline, ''), coalesce (c.site_name, '') || ' ' || c.url, c.text, " \
  "  coalesce (c.note, '') || ' ' || coalesce ((SELECT group_concat (h.exact || ' ' || coalesce (n.body, ''), ' ') " \
  "    FROM highlights h LEFT JOIN notes n ON n.highlight_id = h.id WHERE h.clipping_id = c.id), ''), " \
  "  coalesce ((SELECT group_concat (t.name, ' ') FROM tags t WHERE t.id IN " \
  "    (SELECT tag_id FROM clipping_tags WHERE clipping_id = c.id UNION " \
  "     SELECT ht.tag_id FROM highlight_tags ht JOIN highlights h ON h.id = ht.highlight_id " \
  "     WHERE h.clipping_id = c.id)), '') " \
  "FROM clippings c"

/* Migration N brings user_version from N to N + 1. Never edit a shipped one. */
static const char * const migrations[] = {
  /* 0 → 1: the first schema */
  "CREATE TABLE clippings ("
  "  id          INTEGER PRIMARY KEY,"
  "  url         TEXT NOT NULL DEFAULT '',"
  "  title       TEXT NOT NULL DEFAULT '',"
  "  byline      TEXT,"
  "  site_name   TEXT,"
  "  published   TEXT,"
  "  excerpt     TEXT,"
  "  lang        TEXT,"
  "  dir         TEXT,"
  "  content     TEXT NOT NULL DEFAULT '',"
  "  text        TEXT NOT NULL DEFAULT '',"
  "  note        TEXT,"
  "  clipped_at  INTEGER NOT NULL,"
  "  updated_at  INTEGER NOT NULL"
  ");"
  "CREATE INDEX clippings_by_clipped_at ON clippings (clipped_at DESC, id DESC);"
  "CREATE INDEX clippings_by_url ON clippings (url);"
  "CREATE TABLE highlights ("
  "  id           INTEGER PRIMARY KEY,"
  "  clipping_id  INTEGER NOT NULL REFERENCES clippings (id) ON DELETE CASCADE,"
  "  color        TEXT NOT NULL DEFAULT 'yellow'"
  "               CHECK (color IN ('yellow', 'green', 'blue', 'pink', 'purple')),"
  "  exact        TEXT NOT NULL,"
  "  prefix       TEXT NOT NULL DEFAULT '',"
  "  suffix       TEXT NOT NULL DEFAULT '',"
  "  start_offset INTEGER,"
  "  end_offset   INTEGER,"
  "  orphaned     INTEGER NOT NULL DEFAULT 0,"
  "  created_at   INTEGER NOT NULL,"
  "  updated_at   INTEGER NOT NULL"
  ");"
  "CREATE INDEX highlights_by_clipping ON highlights (clipping_id, start_offset);"
  "CREATE TABLE notes ("
  "  id           INTEGER PRIMARY KEY,"
  "  clipping_id  INTEGER NOT NULL REFERENCES clippings (id) ON DELETE CASCADE,"
  "  highlight_id INTEGER UNIQUE REFERENCES highlights (id) ON DELETE CASCADE,"
  "  body         TEXT NOT NULL,"
  "  created_at   INTEGER NOT NULL,"
  "  updated_at   INTEGER NOT NULL"
  ");"
  "CREATE INDEX notes_by_clipping ON notes (clipping_id);"
  "CREATE TABLE tags ("
  "  id   INTEGER PRIMARY KEY,"
  "  name TEXT NOT NULL UNIQUE COLLATE NOCASE CHECK (length (trim (name)) > 0)"
  ");"
  "CREATE TABLE clipping_tags ("
  "  clipping_id INTEGER NOT NULL REFERENCES clippings (id) ON DELETE CASCADE,"
  "  tag_id      INTEGER NOT NULL REFERENCES tags (id) ON DELETE CASCADE,"
  "  PRIMARY KEY (clipping_id, tag_id)"
  ") WITHOUT ROWID;"
  "CREATE INDEX clipping_tags_by_tag ON clipping_tags (tag_id);"
  "CREATE TABLE highlight_tags ("
  "  highlight_id INTEGER NOT NULL REFERENCES highlights (id) ON DELETE CASCADE,"
  "  tag_id       INTEGER NOT NULL REFERENCES tags (id) ON DELETE CASCADE,"
  "  PRIMARY KEY (highlight_id, tag_id)"
  ") WITHOUT ROWID;"
  "CREATE INDEX highlight_tags_by_tag ON highlight_tags (tag_id);"
  "CREATE TABLE resources ("
  "  hash       TEXT PRIMARY KEY,"
  "  mime_type  TEXT NOT NULL,"
  "  data       BLOB NOT NULL"
  ");",

  /* 1 → 2: clippings that are whole pages, not extracted articles */
  "ALTER TABLE clippings ADD COLUMN is_article INTEGER NOT NULL DEFAULT 1;",

  /* 2 → 3: full-text search, kept in step by the store in each write */
  "CREATE VIRTUAL TABLE search_index USING fts5 ("
  "  title, byline, site, body, annotations, tags,"
  "  tokenize = 'unicode61 remove_diacritics 2');"
  "INSERT INTO search_index (rowid, title, byline, site, body, annotations, tags) " INDEX_SELECT_V3 ";",

  /* 3 → 4: bodies in their own table, so that lists never read them;
   * prefix indexes for words as they are typed; indexes for the library's
   * sort orders */
  "CREATE TABLE clipping_bodies ("
  "  clipping_id INTEGER PRIMARY KEY REFERENCES clippings (id) ON DELETE CASCADE,"
  "  content     TEXT NOT NULL DEFAULT '',"
  "  text        TEXT NOT NULL DEFAULT ''"
  ");"
  "INSERT INTO clipping_bodies (clipping_id, content, text) SELECT id, content, text FROM clippings;"
  "DROP TABLE search_index;"
  "ALTER TABLE clippings DROP COLUMN content;"
  "ALTER TABLE clippings DROP COLUMN text;"
  /* unicode61, with text in scripts written without spaces as one token
   * per character: see clipper-tokenizer.c */
  "CREATE VIRTUAL TABLE search_index USING fts5 ("
  "  title, byline, site, body, annotations, tags,"
  "  tokenize = '" CLIPPER_TOKENIZER "', prefix = '2 3');"
  "INSERT INTO search_index (rowid, title, byline, site, body, annotations, tags) " INDEX_SELECT ";"
  "CREATE INDEX clippings_by_title ON clippings (title COLLATE NOCASE, id);"
  "CREATE INDEX clippings_by_site ON clippings (coalesce (site_name, url) COLLATE NOCASE, clipped_at DESC);"
  "CREATE INDEX clippings_by_published ON clippings (published IS NULL, published DESC, id DESC);"
  "CREATE INDEX highlights_by_color ON highlights (color, clipping_id);",

  /* 4 → 5: ids never given twice. SQLite gives a new row the largest id
   * plus one, so deleting the newest clipping let the next one take its
   * id, and a script or an exported link could then name the wrong one. */
  "CREATE TABLE id_marks ("
  "  name TEXT PRIMARY KEY,"
  "  last INTEGER NOT NULL"
  ") WITHOUT ROWID;"
  "INSERT INTO id_marks (name, last) VALUES"
  "  ('clippings', coalesce ((SELECT max (id) FROM clippings), 0)),"
  "  ('highlights', coalesce ((SELECT max (id) FROM highlights), 0));"
  "CREATE TRIGGER clippings_mark_id AFTER INSERT ON clippings BEGIN"
  "  UPDATE id_marks SET last = max (last, NEW.id) WHERE name = 'clippings';"
  "END;"
  "CREATE TRIGGER highlights_mark_id AFTER INSERT ON highlights BEGIN"
  "  UPDATE id_marks SET last = max (last, NEW.id) WHERE name = 'highlights';"
  "END;",
};

G_STATIC_ASSERT (G_N_ELEMENTS (migrations) == CLIPPER_STORE_SCHEMA_VERSION);

static gboolean
set_sqlite_error (GError     **error,
                  sqlite3     *db,
                  int          rc,
                  const char  *what)
{
  int primary = rc & 0xff;
  int code = CLIPPER_ERROR_DATABASE;

  if (primary == SQLITE_NOTADB)
    code = CLIPPER_ERROR_NOT_A_DATABASE;
  else if (primary == SQLITE_CORRUPT)
    code = CLIPPER_ERROR_CORRUPT_DATABASE;
  else if (primary == SQLITE_READONLY)
    {
      g_set_error (error, CLIPPER_ERROR, CLIPPER_ERROR_READ_ONLY,
                   _("%s: the library is open read-only, so nothing was changed."), what);
      return FALSE;
    }

  g_set_error (error, CLIPPER_ERROR, code, "%s: %s", what,
               db ? sqlite3_errmsg (db) : sqlite3_errstr (rc));
  return FALSE;
}

static void
set_not_found (GError **error,
               gint64   id)
{
  g_autofree char *number = g_strdup_printf ("%" G_GINT64_FORMAT, id);

  g_set_error (error, CLIPPER_ERROR, CLIPPER_ERROR_NOT_FOUND,
               _("There is no clipping with the id %s."), number);
}

/* A prepared statement of @db, kept in @statements for the next time. */
static sqlite3_stmt *
get_statement_in (sqlite3     *db,
                  GHashTable  *statements,
                  const char  *sql,
                  GError     **error)
{
  sqlite3_stmt *stmt;
  int rc;

  stmt = g_hash_table_lookup (statements, sql);
  if (stmt != NULL)
    return stmt;

  rc = sqlite3_prepare_v3 (db, sql, -1, SQLITE_PREPARE_PERSISTENT, &stmt, NULL);
  if (rc != SQLITE_OK)
    {
      set_sqlite_error (error, db, rc, _("Could not read the library"));
      return NULL;
    }

  /* Keyed by the literal's address: every SQL string here is static. */
  g_hash_table_insert (statements, (gpointer)sql, stmt);
  return stmt;
}

static sqlite3_stmt *
get_statement (ClipperStore  *self,
               const char    *sql,
               GError       **error)
{
  return get_statement_in (self->db, self->statements, sql, error);
}

static void
release_statement (sqlite3_stmt *stmt)
{
  sqlite3_reset (stmt);
  sqlite3_clear_bindings (stmt);
}

static gboolean
exec (ClipperStore  *self,
      const char    *sql,
      GError       **error)
{
  char *message = NULL;
  int rc;

  rc = sqlite3_exec (self->db, sql, NULL, NULL, &message);
  if (rc != SQLITE_OK)
    {
      int primary = rc & 0xff;

      if (primary == SQLITE_READONLY)
        g_set_error (error, CLIPPER_ERROR, CLIPPER_ERROR_READ_ONLY,
                     _("The library is open read-only, so nothing was changed."));
      else
        g_set_error (error, CLIPPER_ERROR,
                     primary == SQLITE_NOTADB ? CLIPPER_ERROR_NOT_A_DATABASE :
                     primary == SQLITE_CORRUPT ? CLIPPER_ERROR_CORRUPT_DATABASE :
                     CLIPPER_ERROR_DATABASE,
                     "%s", message ? message : sqlite3_errstr (rc));
      /* SQLite's own allocator, not GLib's */
      sqlite3_free (message);
      return FALSE;
    }

  return TRUE;
}

static gboolean
begin (ClipperStore  *self,
       GError       **error)
{
  return exec (self, "BEGIN IMMEDIATE", error);
}

static gboolean
commit (ClipperStore  *self,
        GError       **error)
{
  return exec (self, "COMMIT", error);
}

static void
rollback (ClipperStore *self)
{
  if (!sqlite3_get_autocommit (self->db))
    exec (self, "ROLLBACK", NULL);
}

static void
bind_text_or_null (sqlite3_stmt *stmt,
                   int           column,
                   const char   *text)
{
  if (text != NULL)
    sqlite3_bind_text (stmt, column, text, -1, SQLITE_TRANSIENT);
  else
    sqlite3_bind_null (stmt, column);
}

static const char *
column_text (sqlite3_stmt *stmt,
             int           column)
{
  return (const char *)sqlite3_column_text (stmt, column);
}

static int
read_user_version (ClipperStore  *self,
                   GError       **error)
{
  sqlite3_stmt *stmt;
  int version = -1;
  int rc;

  rc = sqlite3_prepare_v2 (self->db, "PRAGMA user_version", -1, &stmt, NULL);
  if (rc == SQLITE_OK)
    {
      rc = sqlite3_step (stmt);
      if (rc == SQLITE_ROW)
        {
          version = sqlite3_column_int (stmt, 0);
          rc = SQLITE_OK;
        }
    }
  sqlite3_finalize (stmt);

  /* The schema is parsed lazily; reading it now makes a damaged file fail
   * here rather than in the middle of the first write. */
  if (rc == SQLITE_OK)
    {
      rc = sqlite3_prepare_v2 (self->db, "SELECT count(*) FROM sqlite_schema", -1, &stmt, NULL);
      if (rc == SQLITE_OK)
        rc = sqlite3_step (stmt) == SQLITE_ROW ? SQLITE_OK : sqlite3_errcode (self->db);
      sqlite3_finalize (stmt);
    }

  if (rc != SQLITE_OK)
    {
      int primary = rc & 0xff;

      if (primary == SQLITE_NOTADB)
        g_set_error (error, CLIPPER_ERROR, CLIPPER_ERROR_NOT_A_DATABASE,
                     _("“%s” is not a Clipper library (it is not an SQLite database). "
                       "It was left untouched."),
                     self->path);
      else if (primary == SQLITE_CORRUPT)
        g_set_error (error, CLIPPER_ERROR, CLIPPER_ERROR_CORRUPT_DATABASE,
                     _("The library “%s” is damaged and cannot be read. It was left untouched."),
                     self->path);
      else
        set_sqlite_error (error, self->db, rc, _("Could not open the library"));
      return -1;
    }

  return version;
}

static gboolean
migrate (ClipperStore  *self,
         GError       **error)
{
  int version;

  version = read_user_version (self, error);
  if (version < 0)
    return FALSE;

  if (version > CLIPPER_STORE_SCHEMA_VERSION)
    {
      g_set_error (error, CLIPPER_ERROR, CLIPPER_ERROR_NEWER_DATABASE,
                   _("The library “%s” was written by a newer version of Clipper "
                     "(schema %d, this version reads up to %d). It was left untouched."),
                   self->path, version, CLIPPER_STORE_SCHEMA_VERSION);
      return FALSE;
    }

  if (!exec (self, "PRAGMA journal_mode = WAL", error) ||
      !exec (self, "PRAGMA foreign_keys = ON", error) ||
      !exec (self, "PRAGMA synchronous = NORMAL", error))
    return FALSE;

  for (; version < CLIPPER_STORE_SCHEMA_VERSION; version++)
    {
      g_autofree char *bump = g_strdup_printf ("PRAGMA user_version = %d", version + 1);

      if (!begin (self, error))
        return FALSE;

      if (!exec (self, migrations[version], error) ||
          !exec (self, bump, error) ||
          !commit (self, error))
        {
          rollback (self);
          g_prefix_error (error, _("Could not upgrade the library to schema %d: "), version + 1);
          return FALSE;
        }
    }

  return TRUE;
}

static ClipperClipping *
clipping_from_row (sqlite3_stmt *stmt,
                   gboolean      with_content)
{
  ClipperClipping *clipping = clipper_clipping_new ();

  clipper_clipping_set_id (clipping, sqlite3_column_int64 (stmt, 0));
  clipper_clipping_set_url (clipping, column_text (stmt, 1));
  clipper_clipping_set_title (clipping, column_text (stmt, 2));
  clipper_clipping_set_byline (clipping, column_text (stmt, 3));
  clipper_clipping_set_site_name (clipping, column_text (stmt, 4));
  clipper_clipping_set_published (clipping, column_text (stmt, 5));
  clipper_clipping_set_excerpt (clipping, column_text (stmt, 6));
  clipper_clipping_set_lang (clipping, column_text (stmt, 7));
  clipper_clipping_set_dir (clipping, column_text (stmt, 8));
  clipper_clipping_set_clipped_at (clipping, sqlite3_column_int64 (stmt, 9));
  clipper_clipping_set_is_article (clipping, sqlite3_column_int (stmt, 10));

  if (with_content)
    {
      clipper_clipping_set_content (clipping, column_text (stmt, 11));
      clipper_clipping_set_text (clipping, column_text (stmt, 12));
    }

  return clipping;
}

static gboolean
add_tag (ClipperStore  *self,
         gint64         clipping_id,
         const char    *name,
         GError       **error)
{
  sqlite3_stmt *insert_tag;
  sqlite3_stmt *link;
  int rc;

  if (!(insert_tag = get_statement (self,
                                    "INSERT INTO tags (name) VALUES (trim (?1)) "
                                    "ON CONFLICT (name) DO NOTHING",
                                    error)))
    return FALSE;

  sqlite3_bind_text (insert_tag, 1, name, -1, SQLITE_TRANSIENT);
  rc = sqlite3_step (insert_tag);
  release_statement (insert_tag);
  if (rc != SQLITE_DONE)
    return set_sqlite_error (error, self->db, rc, _("Could not save the tag"));

  if (!(link = get_statement (self,
                              "INSERT OR IGNORE INTO clipping_tags (clipping_id, tag_id) "
                              "SELECT ?1, id FROM tags WHERE name = trim (?2)",
                              error)))
    return FALSE;

  sqlite3_bind_int64 (link, 1, clipping_id);
  sqlite3_bind_text (link, 2, name, -1, SQLITE_TRANSIENT);
  rc = sqlite3_step (link);
  release_statement (link);
  if (rc != SQLITE_DONE)
    return set_sqlite_error (error, self->db, rc, _("Could not save the tag"));

  return TRUE;
}

static gboolean
ensure_tag (ClipperStore  *self,
            const char    *name,
            GError       **error)
{
  sqlite3_stmt *stmt;
  int rc;

  if (!(stmt = get_statement (self,
                              "INSERT INTO tags (name) VALUES (trim (?1)) "
                              "ON CONFLICT (name) DO NOTHING",
                              error)))
    return FALSE;

  sqlite3_bind_text (stmt, 1, name, -1, SQLITE_TRANSIENT);
  rc = sqlite3_step (stmt);
  release_statement (stmt);
  if (rc != SQLITE_DONE)
    return set_sqlite_error (error, self->db, rc, _("Could not save the tag"));

  return TRUE;
}

static gboolean
run_id_text (ClipperStore  *self,
             const char    *sql,
             gint64         id,
             const char    *text,
             GError       **error)
{
  sqlite3_stmt *stmt;
  int rc;

  if (!(stmt = get_statement (self, sql, error)))
    return FALSE;

  sqlite3_bind_int64 (stmt, 1, id);
  if (text != NULL)
    sqlite3_bind_text (stmt, 2, text, -1, SQLITE_TRANSIENT);
  rc = sqlite3_step (stmt);
  release_statement (stmt);
  if (rc != SQLITE_DONE)
    return set_sqlite_error (error, self->db, rc, _("Could not save the change"));

  return TRUE;
}

static gboolean
set_highlight_tags (ClipperStore        *self,
                    gint64               highlight_id,
                    const char * const  *tags,
                    GError             **error)
{
  if (!run_id_text (self, "DELETE FROM highlight_tags WHERE highlight_id = ?1", highlight_id, NULL, error))
    return FALSE;

  for (guint i = 0; tags && tags[i]; i++)
    if (!ensure_tag (self, tags[i], error) ||
        !run_id_text (self,
                      "INSERT OR IGNORE INTO highlight_tags (highlight_id, tag_id) "
                      "SELECT ?1, id FROM tags WHERE name = trim (?2)",
                      highlight_id, tags[i], error))
      return FALSE;

  return TRUE;
}

/* A highlight's note: a row of its own, gone when the note is empty. */
static gboolean
set_highlight_note (ClipperStore  *self,
                    gint64         clipping_id,
                    gint64         highlight_id,
                    const char    *note,
                    GError       **error)
{
  sqlite3_stmt *stmt;
  int rc;

  if (note == NULL || note[0] == '\0')
    return run_id_text (self, "DELETE FROM notes WHERE highlight_id = ?1", highlight_id, NULL, error);

  if (!(stmt = get_statement (self,
                              "INSERT INTO notes (clipping_id, highlight_id, body, created_at, updated_at) "
                              "VALUES (?1, ?2, ?3, ?4, ?4) "
                              "ON CONFLICT (highlight_id) DO UPDATE SET body = ?3, updated_at = ?4",
                              error)))
    return FALSE;

  sqlite3_bind_int64 (stmt, 1, clipping_id);
  sqlite3_bind_int64 (stmt, 2, highlight_id);
  sqlite3_bind_text (stmt, 3, note, -1, SQLITE_TRANSIENT);
  sqlite3_bind_int64 (stmt, 4, g_get_real_time () / G_USEC_PER_SEC);
  rc = sqlite3_step (stmt);
  release_statement (stmt);
  if (rc != SQLITE_DONE)
    return set_sqlite_error (error, self->db, rc, _("Could not save the note"));

  return TRUE;
}

/* Brings the search index in step with a clipping, inside the caller's
 * transaction; a clipping that is gone leaves the index. */
static gboolean
reindex (ClipperStore  *self,
         gint64         clipping_id,
         GError       **error)
{
  if (!run_id_text (self, "DELETE FROM search_index WHERE rowid = ?1", clipping_id, NULL, error))
    return FALSE;

  return run_id_text (self,
                      "INSERT INTO search_index (rowid, title, byline, site, body, annotations, tags) "
                      INDEX_SELECT " WHERE c.id = ?1",
                      clipping_id, NULL, error);
}

static gboolean
reindex_pending (ClipperStore  *self,
                 GError       **error)
{
  sqlite3_stmt *stmt;
  g_autoptr(GArray) ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  int rc;

  if (!(stmt = get_statement (self, "SELECT id FROM reindex_later", error)))
    return FALSE;
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      gint64 id = sqlite3_column_int64 (stmt, 0);

      g_array_append_val (ids, id);
    }
  release_statement (stmt);
  if (rc != SQLITE_DONE)
    return set_sqlite_error (error, self->db, rc, _("Could not update the search index"));

  for (guint i = 0; i < ids->len; i++)
    if (!reindex (self, g_array_index (ids, gint64, i), error))
      return FALSE;

  return exec (self, "DELETE FROM reindex_later", error);
}

static gboolean
drop_unused_tags (ClipperStore  *self,
                  GError       **error)
{
  return exec (self,
               "DELETE FROM tags WHERE id NOT IN (SELECT tag_id FROM clipping_tags) "
               "AND id NOT IN (SELECT tag_id FROM highlight_tags)",
               error);
}

static char **
load_tags (ClipperStore  *self,
           gint64         clipping_id,
           GError       **error)
{
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
  sqlite3_stmt *stmt;
  int rc;

  if (!(stmt = get_statement (self,
                              "SELECT t.name FROM tags t JOIN clipping_tags ct ON ct.tag_id = t.id "
                              "WHERE ct.clipping_id = ?1 ORDER BY t.name COLLATE NOCASE",
                              error)))
    return NULL;

  sqlite3_bind_int64 (stmt, 1, clipping_id);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    g_strv_builder_add (builder, column_text (stmt, 0));
  release_statement (stmt);

  if (rc != SQLITE_DONE)
    {
      set_sqlite_error (error, self->db, rc, _("Could not read the tags"));
      return NULL;
    }

  return g_strv_builder_end (builder);
}

typedef struct
{
  GTask           *task;
  GTaskThreadFunc  func;
} Work;

static void
run_work (gpointer data,
          gpointer user_data)
{
  Work *work = data;

  work->func (work->task, g_task_get_source_object (work->task),
              g_task_get_task_data (work->task), g_task_get_cancellable (work->task));
  g_object_unref (work->task);
  g_free (work);
}

/* Like g_task_run_in_thread(), but on the store's own thread, so that
 * writes and reads run in the order they were asked for. */
static void
run_in_worker (ClipperStore    *self,
               GTask           *task,
               GTaskThreadFunc  func)
{
  Work *work = g_new0 (Work, 1);

  work->task = g_object_ref (task);
  work->func = func;
  g_thread_pool_push (self->worker, work, NULL);
}

static void
drain_thread (GTask        *task,
              gpointer      source_object,
              gpointer      task_data,
              GCancellable *cancellable)
{
  ClipperStore *self = source_object;

  g_mutex_lock (&self->drain_mutex);
  self->drained = TRUE;
  g_cond_signal (&self->drain_cond);
  g_mutex_unlock (&self->drain_mutex);
  g_task_return_boolean (task, TRUE);
}

/**
 * clipper_store_drain:
 *
 * Blocks until the work asked of the store's thread so far is done: for
 * shutting down without losing the last writes.
 */
void
clipper_store_drain (ClipperStore *self)
{
  g_autoptr(GTask) task = NULL;

  g_return_if_fail (CLIPPER_IS_STORE (self));

  task = g_task_new (self, NULL, NULL, NULL);
  g_task_set_source_tag (task, clipper_store_drain);

  g_mutex_lock (&self->drain_mutex);
  self->drained = FALSE;
  run_in_worker (self, task, drain_thread);
  while (!self->drained)
    g_cond_wait (&self->drain_cond, &self->drain_mutex);
  g_mutex_unlock (&self->drain_mutex);
}

static void
clipper_store_finalize (GObject *object)
{
  ClipperStore *self = (ClipperStore *)object;

  /* Each task holds the store, so the worker is idle by now. */
  g_thread_pool_free (self->worker, FALSE, FALSE);
  g_clear_pointer (&self->statements, g_hash_table_unref);
  g_clear_pointer (&self->db, sqlite3_close_v2);
  g_clear_pointer (&self->rows_statements, g_hash_table_unref);
  g_clear_pointer (&self->rows_db, sqlite3_close_v2);
  g_mutex_clear (&self->rows_mutex);
  g_clear_pointer (&self->path, g_free);
  g_clear_pointer (&self->read_only_reason, g_free);
  g_mutex_clear (&self->mutex);
  g_mutex_clear (&self->drain_mutex);
  g_cond_clear (&self->drain_cond);

  G_OBJECT_CLASS (clipper_store_parent_class)->finalize (object);
}

static void
clipper_store_get_property (GObject    *object,
                            guint       prop_id,
                            GValue     *value,
                            GParamSpec *pspec)
{
  ClipperStore *self = CLIPPER_STORE (object);

  switch (prop_id)
    {
    case PROP_PATH:
      g_value_set_string (value, self->path);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
clipper_store_class_init (ClipperStoreClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = clipper_store_finalize;
  object_class->get_property = clipper_store_get_property;

  properties[PROP_PATH] =
    g_param_spec_string ("path", NULL, NULL,
                         NULL,
                         (G_PARAM_READABLE | G_PARAM_STATIC_STRINGS));

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
clipper_store_init (ClipperStore *self)
{
  g_mutex_init (&self->mutex);
  g_mutex_init (&self->rows_mutex);
  g_mutex_init (&self->drain_mutex);
  g_cond_init (&self->drain_cond);
  self->statements = g_hash_table_new_full (NULL, NULL, NULL,
                                            (GDestroyNotify)sqlite3_finalize);
  self->worker = g_thread_pool_new (run_work, NULL, 1, FALSE, NULL);
}

/**
 * clipper_store_dup_default_path:
 *
 * The library file: `$CLIPPER_LIBRARY` when set, else
 * `$XDG_DATA_HOME/clipper/library.db`.
 */
char *
clipper_store_dup_default_path (void)
{
  const char *env = g_getenv ("CLIPPER_LIBRARY");

  if (env != NULL && env[0] != '\0')
    return g_strdup (env);

  return g_build_filename (g_get_user_data_dir (), "clipper", "library.db", NULL);
}

static gboolean
open_connection (ClipperStore  *self,
                 const char    *uri,
                 GError       **error)
{
  int rc;

  g_clear_pointer (&self->db, sqlite3_close_v2);
  rc = sqlite3_open_v2 (uri, &self->db, SQLITE_OPEN_READONLY | SQLITE_OPEN_URI | SQLITE_OPEN_FULLMUTEX, NULL);
  if (rc != SQLITE_OK)
    {
      g_set_error (error, CLIPPER_ERROR, CLIPPER_ERROR_DATABASE,
                   _("Could not open the library “%s”: %s"),
                   self->path, self->db ? sqlite3_errmsg (self->db) : sqlite3_errstr (rc));
      return FALSE;
    }
  sqlite3_extended_result_codes (self->db, TRUE);
  sqlite3_busy_timeout (self->db, 5000);
  return _clipper_tokenizer_register (self->db);
}

/* A library in a place that cannot be written is still read: WAL needs
 * its -shm file beside the library, so where that cannot be made the
 * file is read as immutable (as it is, without the other processes'
 * uncommitted pages, of which there are none). */
static ClipperStore *
open_read_only (ClipperStore  *self,
                GError       **error)
{
  g_autoptr(ClipperStore) owned = self;
  g_autofree char *escaped = g_uri_escape_string (self->path, "/", FALSE);
  g_autofree char *read_only = g_strdup_printf ("file:%s?mode=ro", escaped);
  g_autofree char *immutable = g_strdup_printf ("file:%s?immutable=1", escaped);
  int version = -1;

  if (open_connection (self, read_only, NULL))
    version = read_user_version (self, NULL);
  if (version < 0)
    {
      if (!open_connection (self, immutable, error))
        return NULL;
      version = read_user_version (self, error);
      if (version < 0)
        return NULL;
    }

  if (version != CLIPPER_STORE_SCHEMA_VERSION)
    {
      g_set_error (error, CLIPPER_ERROR, CLIPPER_ERROR_READ_ONLY,
                   _("The library “%s” cannot be written, and it needs an upgrade (schema %d to %d) "
                     "before this version of Clipper can read it. It was left untouched."),
                   self->path, version, CLIPPER_STORE_SCHEMA_VERSION);
      return NULL;
    }

  exec (self, "PRAGMA foreign_keys = ON", NULL);
  self->read_only = TRUE;
  self->read_only_reason = g_strdup_printf (_("The library “%s” is in a place that cannot be "
                                              "written to, so it was opened read-only: changes "
                                              "cannot be saved."), self->path);
  return g_steal_pointer (&owned);
}

ClipperStore *
clipper_store_open (const char  *path,
                    GError     **error)
{
  g_autoptr(ClipperStore) self = NULL;
  g_autofree char *dir = NULL;
  int rc;

  g_return_val_if_fail (path != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  self = g_object_new (CLIPPER_TYPE_STORE, NULL);
  self->path = g_strdup (path);

  if (g_file_test (path, G_FILE_TEST_IS_DIR))
    {
      g_set_error (error, CLIPPER_ERROR, CLIPPER_ERROR_NOT_A_DATABASE,
                   _("“%s” is a folder, not a Clipper library."), path);
      return NULL;
    }

  dir = g_path_get_dirname (path);
  if (g_mkdir_with_parents (dir, 0700) != 0)
    {
      int errsv = errno;

      g_set_error (error, CLIPPER_ERROR, CLIPPER_ERROR_DATABASE,
                   _("Could not create the folder “%s”: %s"), dir, g_strerror (errsv));
      return NULL;
    }

  {
    GStatBuf info;

    /* SQLite would quietly make a new library in it; the user is told. */
    self->was_empty = g_stat (path, &info) == 0 && S_ISREG (info.st_mode) && info.st_size == 0;
  }

  rc = sqlite3_open_v2 (path, &self->db,
                        SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | SQLITE_OPEN_FULLMUTEX,
                        NULL);
  if (rc != SQLITE_OK)
    {
      g_set_error (error, CLIPPER_ERROR, CLIPPER_ERROR_DATABASE,
                   _("Could not open the library “%s”: %s"),
                   path, self->db ? sqlite3_errmsg (self->db) : sqlite3_errstr (rc));
      return NULL;
    }

  /* SQLite opens a file it may not write read-only without a word; a
   * folder it may not write fails later, on WAL's shared-memory file. */
  if (sqlite3_db_readonly (self->db, "main") == 1 || g_access (dir, W_OK) != 0)
    return open_read_only (g_steal_pointer (&self), error);

  sqlite3_extended_result_codes (self->db, TRUE);
  sqlite3_busy_timeout (self->db, 5000);
  if (!_clipper_tokenizer_register (self->db))
    {
      g_set_error (error, CLIPPER_ERROR, CLIPPER_ERROR_DATABASE,
                   _("Could not open the library “%s”: SQLite lacks full-text search (FTS5)."), path);
      return NULL;
    }

  if (!migrate (self, error))
    {
      /* A read-only file system answers only when a write is tried. */
      if (g_error_matches (*error, CLIPPER_ERROR, CLIPPER_ERROR_READ_ONLY) && !self->was_empty)
        {
          g_clear_error (error);
          return open_read_only (g_steal_pointer (&self), error);
        }
      return NULL;
    }

  return g_steal_pointer (&self);
}

/**
 * clipper_store_get_was_empty:
 *
 * Whether the library file was there but empty (0 bytes) when it was
 * opened: a new library was made in it, which the user should hear of.
 */
gboolean
clipper_store_get_was_empty (ClipperStore *self)
{
  g_return_val_if_fail (CLIPPER_IS_STORE (self), FALSE);

  return self->was_empty;
}

/**
 * clipper_store_get_read_only:
 *
 * Whether nothing can be written: the file's place cannot be written to,
 * or the library was found damaged.
 */
gboolean
clipper_store_get_read_only (ClipperStore *self)
{
  g_autoptr(GMutexLocker) locker = NULL;

  g_return_val_if_fail (CLIPPER_IS_STORE (self), FALSE);

  locker = g_mutex_locker_new (&self->mutex);
  return self->read_only;
}

/**
 * clipper_store_dup_read_only_reason:
 *
 * Why the library is read-only, as a sentence naming its file; %NULL
 * when it is not.
 */
char *
clipper_store_dup_read_only_reason (ClipperStore *self)
{
  g_autoptr(GMutexLocker) locker = NULL;

  g_return_val_if_fail (CLIPPER_IS_STORE (self), NULL);

  locker = g_mutex_locker_new (&self->mutex);
  return g_strdup (self->read_only_reason);
}

/**
 * clipper_store_set_read_only:
 * @reason: why, as a sentence naming the file
 *
 * From now on nothing is written to the library: a damaged library is
 * read as far as it can be, and never written to.
 */
void
clipper_store_set_read_only (ClipperStore *self,
                             const char   *reason)
{
  g_autoptr(GMutexLocker) locker = NULL;

  g_return_if_fail (CLIPPER_IS_STORE (self));

  locker = g_mutex_locker_new (&self->mutex);
  self->read_only = TRUE;
  g_free (self->read_only_reason);
  self->read_only_reason = g_strdup (reason);
  exec (self, "PRAGMA query_only = ON", NULL);
}

const char *
clipper_store_get_path (ClipperStore *self)
{
  g_return_val_if_fail (CLIPPER_IS_STORE (self), NULL);

  return self->path;
}

int
clipper_store_get_schema_version (ClipperStore *self)
{
  g_autoptr(GMutexLocker) locker = NULL;

  g_return_val_if_fail (CLIPPER_IS_STORE (self), -1);

  locker = g_mutex_locker_new (&self->mutex);
  return read_user_version (self, NULL);
}

static gboolean
write_body (ClipperStore     *self,
            gint64            id,
            ClipperClipping  *clipping,
            const char       *sql,
            GError          **error)
{
  sqlite3_stmt *stmt;
  int rc;

  if (!(stmt = get_statement (self, sql, error)))
    return FALSE;

  sqlite3_bind_int64 (stmt, 1, id);
  sqlite3_bind_text (stmt, 2, clipper_clipping_get_content (clipping) ?: "", -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 3, clipper_clipping_get_text (clipping) ?: "", -1, SQLITE_TRANSIENT);
  rc = sqlite3_step (stmt);
  release_statement (stmt);
  if (rc != SQLITE_DONE)
    return set_sqlite_error (error, self->db, rc, _("Could not save the clipping"));

  return TRUE;
}

gint64
clipper_store_add_clipping (ClipperStore     *self,
                            ClipperClipping  *clipping,
                            GError          **error)
{
  g_autoptr(GMutexLocker) locker = NULL;
  const char * const *tags;
  sqlite3_stmt *stmt;
  gint64 now;
  gint64 clipped_at;
  gint64 id;
  int rc;

  g_return_val_if_fail (CLIPPER_IS_STORE (self), 0);
  g_return_val_if_fail (CLIPPER_IS_CLIPPING (clipping), 0);

  locker = g_mutex_locker_new (&self->mutex);

  now = g_get_real_time () / G_USEC_PER_SEC;
  clipped_at = clipper_clipping_get_clipped_at (clipping);
  if (clipped_at == 0)
    clipped_at = now;

  if (!begin (self, error))
    return 0;

  if (!(stmt = get_statement (self,
                              "INSERT INTO clippings (id, url, title, byline, site_name, published, "
                              "  excerpt, lang, dir, clipped_at, updated_at, is_article) "
                              "VALUES ((SELECT last + 1 FROM id_marks WHERE name = 'clippings'), "
                              "  ?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11)",
                              error)))
    goto fail;

  sqlite3_bind_text (stmt, 1, clipper_clipping_get_url (clipping) ?: "", -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 2, clipper_clipping_get_title (clipping) ?: "", -1, SQLITE_TRANSIENT);
  bind_text_or_null (stmt, 3, clipper_clipping_get_byline (clipping));
  bind_text_or_null (stmt, 4, clipper_clipping_get_site_name (clipping));
  bind_text_or_null (stmt, 5, clipper_clipping_get_published (clipping));
  bind_text_or_null (stmt, 6, clipper_clipping_get_excerpt (clipping));
  bind_text_or_null (stmt, 7, clipper_clipping_get_lang (clipping));
  bind_text_or_null (stmt, 8, clipper_clipping_get_dir (clipping));
  sqlite3_bind_int64 (stmt, 9, clipped_at);
  sqlite3_bind_int64 (stmt, 10, now);
  sqlite3_bind_int (stmt, 11, clipper_clipping_get_is_article (clipping));

  rc = sqlite3_step (stmt);
  release_statement (stmt);
  if (rc != SQLITE_DONE)
    {
      set_sqlite_error (error, self->db, rc, _("Could not save the clipping"));
      goto fail;
    }

  id = sqlite3_last_insert_rowid (self->db);

  if (!write_body (self, id, clipping, "INSERT INTO clipping_bodies (clipping_id, content, text) "
                                      "VALUES (?1, ?2, ?3)", error))
    goto fail;

  tags = clipper_clipping_get_tags (clipping);
  for (guint i = 0; tags[i] != NULL; i++)
    {
      if (!add_tag (self, id, tags[i], error))
        goto fail;
    }

  if (!reindex (self, id, error) || !commit (self, error))
    goto fail;

  clipper_clipping_set_id (clipping, id);
  clipper_clipping_set_clipped_at (clipping, clipped_at);

  return id;

fail:
  rollback (self);
  return 0;
}

GPtrArray *
clipper_store_list_clippings (ClipperStore  *self,
                              GError       **error)
{
  g_autoptr(GMutexLocker) locker = NULL;
  g_autoptr(GPtrArray) clippings = NULL;
  sqlite3_stmt *stmt;
  int rc;

  g_return_val_if_fail (CLIPPER_IS_STORE (self), NULL);

  locker = g_mutex_locker_new (&self->mutex);

  if (!(stmt = get_statement (self,
                              "SELECT id, url, title, byline, site_name, published, excerpt, "
                              "  lang, dir, clipped_at, is_article "
                              "FROM clippings ORDER BY clipped_at DESC, id DESC",
                              error)))
    return NULL;

  clippings = g_ptr_array_new_with_free_func (g_object_unref);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    g_ptr_array_add (clippings, clipping_from_row (stmt, FALSE));
  release_statement (stmt);

  if (rc != SQLITE_DONE)
    {
      set_sqlite_error (error, self->db, rc, _("Could not read the library"));
      return NULL;
    }

  return g_steal_pointer (&clippings);
}

ClipperClipping *
clipper_store_get_clipping (ClipperStore  *self,
                            gint64         id,
                            GError       **error)
{
  g_autoptr(GMutexLocker) locker = NULL;
  g_autoptr(ClipperClipping) clipping = NULL;
  g_auto(GStrv) tags = NULL;
  sqlite3_stmt *stmt;
  int rc;

  g_return_val_if_fail (CLIPPER_IS_STORE (self), NULL);

  locker = g_mutex_locker_new (&self->mutex);

  if (!(stmt = get_statement (self,
                              "SELECT id, url, title, byline, site_name, published, excerpt, "
                              "  lang, dir, clipped_at, is_article, b.content, b.text "
                              "FROM clippings c LEFT JOIN clipping_bodies b ON b.clipping_id = c.id "
                              "WHERE id = ?1",
                              error)))
    return NULL;

  sqlite3_bind_int64 (stmt, 1, id);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    clipping = clipping_from_row (stmt, TRUE);
  release_statement (stmt);

  if (rc == SQLITE_DONE)
    {
      set_not_found (error, id);
      return NULL;
    }
  else if (rc != SQLITE_ROW)
    {
      set_sqlite_error (error, self->db, rc, _("Could not read the clipping"));
      return NULL;
    }

  if (!(tags = load_tags (self, id, error)))
    return NULL;
  clipper_clipping_set_tags (clipping, (const char * const *)tags);

  return g_steal_pointer (&clipping);
}

gboolean
clipper_store_delete_clipping (ClipperStore  *self,
                               gint64         id,
                               GError       **error)
{
  g_autoptr(GMutexLocker) locker = NULL;
  sqlite3_stmt *stmt;
  int changes;
  int rc;

  g_return_val_if_fail (CLIPPER_IS_STORE (self), FALSE);

  locker = g_mutex_locker_new (&self->mutex);

  if (!begin (self, error))
    return FALSE;

  if (!(stmt = get_statement (self, "DELETE FROM clippings WHERE id = ?1", error)))
    goto fail;

  sqlite3_bind_int64 (stmt, 1, id);
  rc = sqlite3_step (stmt);
  release_statement (stmt);
  if (rc != SQLITE_DONE)
    {
      set_sqlite_error (error, self->db, rc, _("Could not delete the clipping"));
      goto fail;
    }

  changes = sqlite3_changes (self->db);
  if (changes == 0)
    {
      set_not_found (error, id);
      goto fail;
    }

  /* Tags nobody uses any more go with their last clipping. */
  if (!exec (self,
             "DELETE FROM tags WHERE id NOT IN (SELECT tag_id FROM clipping_tags) "
             "AND id NOT IN (SELECT tag_id FROM highlight_tags)",
             error))
    goto fail;

  if (reindex (self, id, error) && commit (self, error))
    return TRUE;

fail:
  rollback (self);
  return FALSE;
}

gint64
clipper_store_count_clippings (ClipperStore  *self,
                               GError       **error)
{
  g_autoptr(GMutexLocker) locker = NULL;
  sqlite3_stmt *stmt;
  gint64 count = -1;
  int rc;

  g_return_val_if_fail (CLIPPER_IS_STORE (self), -1);

  locker = g_mutex_locker_new (&self->mutex);

  if (!(stmt = get_statement (self, "SELECT count(*) FROM clippings", error)))
    return -1;

  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    count = sqlite3_column_int64 (stmt, 0);
  else
    set_sqlite_error (error, self->db, rc, _("Could not read the library"));
  release_statement (stmt);

  return count;
}

/**
 * clipper_store_get_data_version:
 *
 * A number that changes when another connection (another window, the
 * command line) commits to the library; the same otherwise, whatever this
 * store writes. 0 on error.
 */
guint64
clipper_store_get_data_version (ClipperStore  *self,
                                GError       **error)
{
  g_autoptr(GMutexLocker) locker = NULL;
  sqlite3_stmt *stmt;
  guint64 version = 0;
  int rc;

  g_return_val_if_fail (CLIPPER_IS_STORE (self), 0);

  locker = g_mutex_locker_new (&self->mutex);

  if (!(stmt = get_statement (self, "PRAGMA data_version", error)))
    return 0;

  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    version = sqlite3_column_int64 (stmt, 0);
  else
    set_sqlite_error (error, self->db, rc, _("Could not read the library"));
  release_statement (stmt);

  return version;
}

GPtrArray *
clipper_store_list_tags (ClipperStore  *self,
                         GError       **error)
{
  g_autoptr(GMutexLocker) locker = NULL;
  g_autoptr(GPtrArray) tags = NULL;
  sqlite3_stmt *stmt;
  int rc;

  g_return_val_if_fail (CLIPPER_IS_STORE (self), NULL);

  locker = g_mutex_locker_new (&self->mutex);

  if (!(stmt = get_statement (self, "SELECT name FROM tags ORDER BY name COLLATE NOCASE", error)))
    return NULL;

  tags = g_ptr_array_new_with_free_func (g_free);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    g_ptr_array_add (tags, g_strdup (column_text (stmt, 0)));
  release_statement (stmt);

  if (rc != SQLITE_DONE)
    {
      set_sqlite_error (error, self->db, rc, _("Could not read the tags"));
      return NULL;
    }

  return g_steal_pointer (&tags);
}

/**
 * clipper_store_add_resource:
 * @hash: the content's SHA-256, in hex
 *
 * Stores an image (or another resource) once, by its content's hash.
 */
gboolean
clipper_store_add_resource (ClipperStore  *self,
                            const char    *hash,
                            const char    *mime_type,
                            GBytes        *data,
                            GError       **error)
{
  g_autoptr(GMutexLocker) locker = NULL;
  sqlite3_stmt *stmt;
  gsize size;
  const void *bytes;
  int rc;

  g_return_val_if_fail (CLIPPER_IS_STORE (self), FALSE);
  g_return_val_if_fail (hash != NULL && mime_type != NULL && data != NULL, FALSE);

  locker = g_mutex_locker_new (&self->mutex);

  if (!(stmt = get_statement (self,
                              "INSERT INTO resources (hash, mime_type, data) VALUES (?1, ?2, ?3) "
                              "ON CONFLICT (hash) DO NOTHING",
                              error)))
    return FALSE;

  bytes = g_bytes_get_data (data, &size);
  sqlite3_bind_text (stmt, 1, hash, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 2, mime_type, -1, SQLITE_TRANSIENT);
  sqlite3_bind_blob64 (stmt, 3, bytes ? bytes : "", size, SQLITE_TRANSIENT);
  rc = sqlite3_step (stmt);
  release_statement (stmt);

  if (rc != SQLITE_DONE)
    return set_sqlite_error (error, self->db, rc, _("Could not save an image"));

  return TRUE;
}

GBytes *
clipper_store_get_resource (ClipperStore  *self,
                            const char    *hash,
                            char         **mime_type,
                            GError       **error)
{
  g_autoptr(GMutexLocker) locker = NULL;
  GBytes *data = NULL;
  sqlite3_stmt *stmt;
  int rc;

  g_return_val_if_fail (CLIPPER_IS_STORE (self), NULL);
  g_return_val_if_fail (hash != NULL, NULL);

  locker = g_mutex_locker_new (&self->mutex);

  if (!(stmt = get_statement (self, "SELECT mime_type, data FROM resources WHERE hash = ?1", error)))
    return NULL;

  sqlite3_bind_text (stmt, 1, hash, -1, SQLITE_TRANSIENT);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    {
      data = g_bytes_new (sqlite3_column_blob (stmt, 1), sqlite3_column_bytes (stmt, 1));
      if (mime_type)
        *mime_type = g_strdup (column_text (stmt, 0));
    }
  release_statement (stmt);

  if (rc == SQLITE_DONE)
    g_set_error (error, CLIPPER_ERROR, CLIPPER_ERROR_NOT_FOUND,
                 _("The image is not in the library."));
  else if (rc != SQLITE_ROW)
    set_sqlite_error (error, self->db, rc, _("Could not read an image"));

  return data;
}

/* Inside the caller's transaction; the caller reindexes the clipping. */
static gint64
insert_highlight (ClipperStore      *self,
                  ClipperHighlight  *highlight,
                  gint64             now,
                  GError           **error)
{
  sqlite3_stmt *stmt;
  gint64 id;
  int rc;

  if (!(stmt = get_statement (self,
                              "INSERT INTO highlights (id, clipping_id, color, exact, prefix, suffix, "
                              "  start_offset, end_offset, orphaned, created_at, updated_at) "
                              "VALUES ((SELECT last + 1 FROM id_marks WHERE name = 'highlights'), "
                              "  ?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?9)",
                              error)))
    return 0;

  sqlite3_bind_int64 (stmt, 1, clipper_highlight_get_clipping_id (highlight));
  sqlite3_bind_text (stmt, 2, clipper_highlight_get_color (highlight), -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 3, clipper_highlight_get_exact (highlight) ?: "", -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 4, clipper_highlight_get_prefix (highlight) ?: "", -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 5, clipper_highlight_get_suffix (highlight) ?: "", -1, SQLITE_TRANSIENT);
  sqlite3_bind_int64 (stmt, 6, clipper_highlight_get_start (highlight));
  sqlite3_bind_int64 (stmt, 7, clipper_highlight_get_end (highlight));
  sqlite3_bind_int (stmt, 8, clipper_highlight_get_orphaned (highlight));
  sqlite3_bind_int64 (stmt, 9, now);
  rc = sqlite3_step (stmt);
  release_statement (stmt);
  if (rc != SQLITE_DONE)
    {
      set_sqlite_error (error, self->db, rc, _("Could not save the highlight"));
      return 0;
    }

  id = sqlite3_last_insert_rowid (self->db);

  if (!set_highlight_note (self, clipper_highlight_get_clipping_id (highlight), id,
                           clipper_highlight_get_note (highlight), error) ||
      !set_highlight_tags (self, id, clipper_highlight_get_tags (highlight), error))
    return 0;

  return id;
}

gint64
clipper_store_add_highlight (ClipperStore      *self,
                             ClipperHighlight  *highlight,
                             GError           **error)
{
  g_autoptr(GPtrArray) one = NULL;

  g_return_val_if_fail (CLIPPER_IS_STORE (self), 0);
  g_return_val_if_fail (CLIPPER_IS_HIGHLIGHT (highlight), 0);

  one = g_ptr_array_new ();
  g_ptr_array_add (one, highlight);
  if (!clipper_store_add_highlights (self, one, error))
    return 0;

  return clipper_highlight_get_id (highlight);
}

/**
 * clipper_store_add_highlights:
 * @highlights: (element-type ClipperHighlight): new highlights, of any clippings
 *
 * Saves all of @highlights, or none of them, in one transaction; each
 * clipping concerned is reindexed once. Each highlight gets its id.
 */
gboolean
clipper_store_add_highlights (ClipperStore  *self,
                              GPtrArray     *highlights,
                              GError       **error)
{
  g_autoptr(GMutexLocker) locker = NULL;
  g_autoptr(GArray) ids = NULL;
  g_autoptr(GHashTable) clippings = NULL;
  GHashTableIter iter;
  gpointer key;
  gint64 now;

  g_return_val_if_fail (CLIPPER_IS_STORE (self), FALSE);
  g_return_val_if_fail (highlights != NULL, FALSE);

  locker = g_mutex_locker_new (&self->mutex);
  now = g_get_real_time () / G_USEC_PER_SEC;
  ids = g_array_sized_new (FALSE, FALSE, sizeof (gint64), highlights->len);
  clippings = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, NULL);

  if (!begin (self, error))
    return FALSE;

  for (guint i = 0; i < highlights->len; i++)
    {
      ClipperHighlight *highlight = g_ptr_array_index (highlights, i);
      gint64 clipping_id = clipper_highlight_get_clipping_id (highlight);
      gint64 id;

      if ((id = insert_highlight (self, highlight, now, error)) == 0)
        goto fail;
      g_array_append_val (ids, id);
      if (!g_hash_table_contains (clippings, &clipping_id))
        g_hash_table_add (clippings, g_memdup2 (&clipping_id, sizeof clipping_id));
    }

  g_hash_table_iter_init (&iter, clippings);
  while (g_hash_table_iter_next (&iter, &key, NULL))
    if (!reindex (self, *(gint64 *)key, error))
      goto fail;

  if (!commit (self, error))
    goto fail;

  /* Only once it all stuck. */
  for (guint i = 0; i < highlights->len; i++)
    {
      clipper_highlight_set_id (g_ptr_array_index (highlights, i), g_array_index (ids, gint64, i));
      clipper_highlight_set_created_at (g_ptr_array_index (highlights, i), now);
    }

  return TRUE;

fail:
  rollback (self);
  return FALSE;
}

/* Color, anchor, note and tags of a stored highlight. */
gboolean
clipper_store_update_highlight (ClipperStore      *self,
                                ClipperHighlight  *highlight,
                                GError           **error)
{
  g_autoptr(GMutexLocker) locker = NULL;
  sqlite3_stmt *stmt;
  gint64 id;
  int rc;

  g_return_val_if_fail (CLIPPER_IS_STORE (self), FALSE);
  g_return_val_if_fail (CLIPPER_IS_HIGHLIGHT (highlight), FALSE);

  locker = g_mutex_locker_new (&self->mutex);
  id = clipper_highlight_get_id (highlight);

  if (!begin (self, error))
    return FALSE;

  if (!(stmt = get_statement (self,
                              "UPDATE highlights SET color = ?2, exact = ?3, prefix = ?4, suffix = ?5, "
                              "  start_offset = ?6, end_offset = ?7, orphaned = ?8, updated_at = ?9 "
                              "WHERE id = ?1",
                              error)))
    goto fail;

  sqlite3_bind_int64 (stmt, 1, id);
  sqlite3_bind_text (stmt, 2, clipper_highlight_get_color (highlight), -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 3, clipper_highlight_get_exact (highlight) ?: "", -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 4, clipper_highlight_get_prefix (highlight) ?: "", -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 5, clipper_highlight_get_suffix (highlight) ?: "", -1, SQLITE_TRANSIENT);
  sqlite3_bind_int64 (stmt, 6, clipper_highlight_get_start (highlight));
  sqlite3_bind_int64 (stmt, 7, clipper_highlight_get_end (highlight));
  sqlite3_bind_int (stmt, 8, clipper_highlight_get_orphaned (highlight));
  sqlite3_bind_int64 (stmt, 9, g_get_real_time () / G_USEC_PER_SEC);
  rc = sqlite3_step (stmt);
  release_statement (stmt);
  if (rc != SQLITE_DONE)
    {
      set_sqlite_error (error, self->db, rc, _("Could not save the highlight"));
      goto fail;
    }
  if (sqlite3_changes (self->db) == 0)
    {
      g_set_error (error, CLIPPER_ERROR, CLIPPER_ERROR_NOT_FOUND, _("The highlight no longer exists."));
      goto fail;
    }

  if (!set_highlight_note (self, clipper_highlight_get_clipping_id (highlight), id,
                           clipper_highlight_get_note (highlight), error) ||
      !set_highlight_tags (self, id, clipper_highlight_get_tags (highlight), error) ||
      !drop_unused_tags (self, error) ||
      !reindex (self, clipper_highlight_get_clipping_id (highlight), error) ||
      !commit (self, error))
    goto fail;

  return TRUE;

fail:
  rollback (self);
  return FALSE;
}

gboolean
clipper_store_delete_highlight (ClipperStore  *self,
                                gint64         id,
                                GError       **error)
{
  g_autoptr(GMutexLocker) locker = NULL;

  g_return_val_if_fail (CLIPPER_IS_STORE (self), FALSE);

  locker = g_mutex_locker_new (&self->mutex);

  if (!begin (self, error))
    return FALSE;

  /* The clipping it belonged to is reindexed without it. */
  if (!run_id_text (self,
                    "CREATE TEMP TABLE IF NOT EXISTS reindex_later (id INTEGER PRIMARY KEY)",
                    0, NULL, error) ||
      !run_id_text (self,
                    "INSERT OR IGNORE INTO reindex_later SELECT clipping_id FROM highlights WHERE id = ?1",
                    id, NULL, error) ||
      !run_id_text (self, "DELETE FROM highlights WHERE id = ?1", id, NULL, error))
    goto fail;
  if (sqlite3_changes (self->db) == 0)
    {
      g_set_error (error, CLIPPER_ERROR, CLIPPER_ERROR_NOT_FOUND, _("The highlight no longer exists."));
      goto fail;
    }
  if (!drop_unused_tags (self, error) || !reindex_pending (self, error) || !commit (self, error))
    goto fail;

  return TRUE;

fail:
  rollback (self);
  return FALSE;
}

/* A clipping's highlights in document order; orphans last. */
GPtrArray *
clipper_store_list_highlights (ClipperStore  *self,
                               gint64         clipping_id,
                               GError       **error)
{
  g_autoptr(GMutexLocker) locker = NULL;
  g_autoptr(GPtrArray) highlights = NULL;
  sqlite3_stmt *stmt;
  int rc;

  g_return_val_if_fail (CLIPPER_IS_STORE (self), NULL);

  locker = g_mutex_locker_new (&self->mutex);

  if (!(stmt = get_statement (self,
                              "SELECT h.id, h.clipping_id, h.color, h.exact, h.prefix, h.suffix, "
                              "  h.start_offset, h.end_offset, h.orphaned, h.created_at, n.body, "
                              "  (SELECT group_concat (name, char (31)) FROM "
                              "    (SELECT t.name FROM tags t JOIN highlight_tags ht ON ht.tag_id = t.id "
                              "     WHERE ht.highlight_id = h.id ORDER BY t.name COLLATE NOCASE)) "
                              "FROM highlights h LEFT JOIN notes n ON n.highlight_id = h.id "
                              "WHERE h.clipping_id = ?1 "
                              "ORDER BY h.orphaned, h.start_offset, h.end_offset, h.id",
                              error)))
    return NULL;

  sqlite3_bind_int64 (stmt, 1, clipping_id);
  highlights = g_ptr_array_new_with_free_func (g_object_unref);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      ClipperHighlight *highlight = clipper_highlight_new ();
      const char *tags = column_text (stmt, 11);

      clipper_highlight_set_id (highlight, sqlite3_column_int64 (stmt, 0));
      clipper_highlight_set_clipping_id (highlight, sqlite3_column_int64 (stmt, 1));
      clipper_highlight_set_color (highlight, column_text (stmt, 2));
      clipper_highlight_set_exact (highlight, column_text (stmt, 3));
      clipper_highlight_set_prefix (highlight, column_text (stmt, 4));
      clipper_highlight_set_suffix (highlight, column_text (stmt, 5));
      clipper_highlight_set_start (highlight, sqlite3_column_int64 (stmt, 6));
      clipper_highlight_set_end (highlight, sqlite3_column_int64 (stmt, 7));
      clipper_highlight_set_orphaned (highlight, sqlite3_column_int (stmt, 8));
      clipper_highlight_set_created_at (highlight, sqlite3_column_int64 (stmt, 9));
      clipper_highlight_set_note (highlight, column_text (stmt, 10));
      if (tags != NULL)
        {
          g_auto(GStrv) split = g_strsplit (tags, "\x1f", -1);

          clipper_highlight_set_tags (highlight, (const char * const *)split);
        }
      g_ptr_array_add (highlights, highlight);
    }
  release_statement (stmt);

  if (rc != SQLITE_DONE)
    {
      set_sqlite_error (error, self->db, rc, _("Could not read the highlights"));
      return NULL;
    }

  return g_steal_pointer (&highlights);
}

/* The note on a clipping as a whole; an empty one is removed. */
gboolean
clipper_store_set_clipping_note (ClipperStore  *self,
                                 gint64         clipping_id,
                                 const char    *note,
                                 GError       **error)
{
  g_autoptr(GMutexLocker) locker = NULL;
  sqlite3_stmt *stmt;
  int rc;

  g_return_val_if_fail (CLIPPER_IS_STORE (self), FALSE);

  locker = g_mutex_locker_new (&self->mutex);

  if (!begin (self, error))
    return FALSE;

  if (!(stmt = get_statement (self, "UPDATE clippings SET note = ?2, updated_at = ?3 WHERE id = ?1", error)))
    goto fail;

  sqlite3_bind_int64 (stmt, 1, clipping_id);
  if (note != NULL && note[0] != '\0')
    sqlite3_bind_text (stmt, 2, note, -1, SQLITE_TRANSIENT);
  else
    sqlite3_bind_null (stmt, 2);
  sqlite3_bind_int64 (stmt, 3, g_get_real_time () / G_USEC_PER_SEC);
  rc = sqlite3_step (stmt);
  release_statement (stmt);
  if (rc != SQLITE_DONE)
    {
      set_sqlite_error (error, self->db, rc, _("Could not save the note"));
      goto fail;
    }
  if (sqlite3_changes (self->db) == 0)
    {
      set_not_found (error, clipping_id);
      goto fail;
    }

  if (!reindex (self, clipping_id, error) || !commit (self, error))
    goto fail;
  return TRUE;

fail:
  rollback (self);
  return FALSE;
}

char *
clipper_store_dup_clipping_note (ClipperStore  *self,
                                 gint64         clipping_id,
                                 GError       **error)
{
  g_autoptr(GMutexLocker) locker = NULL;
  sqlite3_stmt *stmt;
  char *note = NULL;
  int rc;

  g_return_val_if_fail (CLIPPER_IS_STORE (self), NULL);

  locker = g_mutex_locker_new (&self->mutex);

  if (!(stmt = get_statement (self, "SELECT note FROM clippings WHERE id = ?1", error)))
    return NULL;

  sqlite3_bind_int64 (stmt, 1, clipping_id);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    note = g_strdup (column_text (stmt, 0) ? column_text (stmt, 0) : "");
  release_statement (stmt);

  if (rc == SQLITE_DONE)
    set_not_found (error, clipping_id);
  else if (rc != SQLITE_ROW)
    set_sqlite_error (error, self->db, rc, _("Could not read the note"));

  return note;
}

gboolean
clipper_store_add_clipping_tags (ClipperStore        *self,
                                 gint64               clipping_id,
                                 const char * const  *tags,
                                 GError             **error)
{
  g_autoptr(GMutexLocker) locker = NULL;
  sqlite3_stmt *stmt;
  int rc;

  g_return_val_if_fail (CLIPPER_IS_STORE (self), FALSE);

  locker = g_mutex_locker_new (&self->mutex);

  if (!begin (self, error))
    return FALSE;

  if (!(stmt = get_statement (self, "SELECT 1 FROM clippings WHERE id = ?1", error)))
    goto fail;
  sqlite3_bind_int64 (stmt, 1, clipping_id);
  rc = sqlite3_step (stmt);
  release_statement (stmt);
  if (rc != SQLITE_ROW)
    {
      set_not_found (error, clipping_id);
      goto fail;
    }

  for (guint i = 0; tags && tags[i]; i++)
    if (!add_tag (self, clipping_id, tags[i], error))
      goto fail;

  if (!reindex (self, clipping_id, error) || !commit (self, error))
    goto fail;
  return TRUE;

fail:
  rollback (self);
  return FALSE;
}

/**
 * clipper_store_replace_clipping:
 * @highlights: the clipping's highlights, re-anchored to the new text
 *
 * Refreshes a clipping with a new copy of its page: new content and
 * metadata, the same id, notes and tags, and its highlights' new anchors,
 * all in one transaction.
 */
gboolean
clipper_store_replace_clipping (ClipperStore     *self,
                                gint64            id,
                                ClipperClipping  *clipping,
                                GPtrArray        *highlights,
                                GError          **error)
{
  g_autoptr(GMutexLocker) locker = NULL;
  sqlite3_stmt *stmt;
  int rc;

  g_return_val_if_fail (CLIPPER_IS_STORE (self), FALSE);
  g_return_val_if_fail (CLIPPER_IS_CLIPPING (clipping), FALSE);

  locker = g_mutex_locker_new (&self->mutex);

  if (!begin (self, error))
    return FALSE;

  if (!(stmt = get_statement (self,
                              "UPDATE clippings SET title = ?2, byline = ?3, site_name = ?4, "
                              "  published = ?5, excerpt = ?6, lang = ?7, dir = ?8, "
                              "  is_article = ?9, updated_at = ?10 "
                              "WHERE id = ?1",
                              error)))
    goto fail;

  sqlite3_bind_int64 (stmt, 1, id);
  sqlite3_bind_text (stmt, 2, clipper_clipping_get_title (clipping) ?: "", -1, SQLITE_TRANSIENT);
  bind_text_or_null (stmt, 3, clipper_clipping_get_byline (clipping));
  bind_text_or_null (stmt, 4, clipper_clipping_get_site_name (clipping));
  bind_text_or_null (stmt, 5, clipper_clipping_get_published (clipping));
  bind_text_or_null (stmt, 6, clipper_clipping_get_excerpt (clipping));
  bind_text_or_null (stmt, 7, clipper_clipping_get_lang (clipping));
  bind_text_or_null (stmt, 8, clipper_clipping_get_dir (clipping));
  sqlite3_bind_int (stmt, 9, clipper_clipping_get_is_article (clipping));
  sqlite3_bind_int64 (stmt, 10, g_get_real_time () / G_USEC_PER_SEC);
  rc = sqlite3_step (stmt);
  release_statement (stmt);
  if (rc != SQLITE_DONE)
    {
      set_sqlite_error (error, self->db, rc, _("Could not save the clipping"));
      goto fail;
    }
  if (sqlite3_changes (self->db) == 0)
    {
      set_not_found (error, id);
      goto fail;
    }
  if (!write_body (self, id, clipping, "INSERT OR REPLACE INTO clipping_bodies (clipping_id, content, text) "
                                      "VALUES (?1, ?2, ?3)", error))
    goto fail;

  for (guint i = 0; highlights && i < highlights->len; i++)
    {
      ClipperHighlight *highlight = g_ptr_array_index (highlights, i);

      if (!(stmt = get_statement (self,
                                  "UPDATE highlights SET exact = ?2, prefix = ?3, suffix = ?4, "
                                  "  start_offset = ?5, end_offset = ?6, orphaned = ?7 "
                                  "WHERE id = ?1 AND clipping_id = ?8",
                                  error)))
        goto fail;

      sqlite3_bind_int64 (stmt, 1, clipper_highlight_get_id (highlight));
      sqlite3_bind_text (stmt, 2, clipper_highlight_get_exact (highlight) ?: "", -1, SQLITE_TRANSIENT);
      sqlite3_bind_text (stmt, 3, clipper_highlight_get_prefix (highlight) ?: "", -1, SQLITE_TRANSIENT);
      sqlite3_bind_text (stmt, 4, clipper_highlight_get_suffix (highlight) ?: "", -1, SQLITE_TRANSIENT);
      sqlite3_bind_int64 (stmt, 5, clipper_highlight_get_start (highlight));
      sqlite3_bind_int64 (stmt, 6, clipper_highlight_get_end (highlight));
      sqlite3_bind_int (stmt, 7, clipper_highlight_get_orphaned (highlight));
      sqlite3_bind_int64 (stmt, 8, id);
      rc = sqlite3_step (stmt);
      release_statement (stmt);
      if (rc != SQLITE_DONE)
        {
          set_sqlite_error (error, self->db, rc, _("Could not save the highlight"));
          goto fail;
        }
    }

  if (!reindex (self, id, error) || !commit (self, error))
    goto fail;

  clipper_clipping_set_id (clipping, id);
  return TRUE;

fail:
  rollback (self);
  return FALSE;
}

/* Replaces a clipping's tags. */
gboolean
clipper_store_set_clipping_tags (ClipperStore        *self,
                                 gint64               clipping_id,
                                 const char * const  *tags,
                                 GError             **error)
{
  g_autoptr(GMutexLocker) locker = NULL;

  g_return_val_if_fail (CLIPPER_IS_STORE (self), FALSE);

  locker = g_mutex_locker_new (&self->mutex);

  if (!begin (self, error))
    return FALSE;

  if (!run_id_text (self, "DELETE FROM clipping_tags WHERE clipping_id = ?1", clipping_id, NULL, error))
    goto fail;

  for (guint i = 0; tags && tags[i]; i++)
    if (!add_tag (self, clipping_id, tags[i], error))
      goto fail;

  if (!drop_unused_tags (self, error) || !reindex (self, clipping_id, error) || !commit (self, error))
    goto fail;
  return TRUE;

fail:
  rollback (self);
  return FALSE;
}

static gboolean
run_two_ids (ClipperStore  *self,
             const char    *sql,
             gint64         first,
             gint64         second,
             GError       **error)
{
  sqlite3_stmt *stmt;
  int rc;

  if (!(stmt = get_statement (self, sql, error)))
    return FALSE;

  sqlite3_bind_int64 (stmt, 1, first);
  sqlite3_bind_int64 (stmt, 2, second);
  rc = sqlite3_step (stmt);
  release_statement (stmt);
  if (rc != SQLITE_DONE)
    return set_sqlite_error (error, self->db, rc, _("Could not save the change"));

  return TRUE;
}

/* The id of the tag called @name, 0 for none, -1 on error. */
static gint64
lookup_tag (ClipperStore  *self,
            const char    *name,
            GError       **error)
{
  sqlite3_stmt *stmt;
  gint64 id = 0;
  int rc;

  if (!(stmt = get_statement (self, "SELECT id FROM tags WHERE name = trim (?1)", error)))
    return -1;

  sqlite3_bind_text (stmt, 1, name, -1, SQLITE_TRANSIENT);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    id = sqlite3_column_int64 (stmt, 0);
  release_statement (stmt);

  if (rc != SQLITE_ROW && rc != SQLITE_DONE)
    {
      set_sqlite_error (error, self->db, rc, _("Could not read the tags"));
      return -1;
    }

  return id;
}

/**
 * clipper_store_rename_tag:
 *
 * Renames the tag @name on every clipping and highlight that carries it.
 * When a tag called @new_name exists already, the two become one.
 */
gboolean
clipper_store_rename_tag (ClipperStore  *self,
                          const char    *name,
                          const char    *new_name,
                          GError       **error)
{
  g_autoptr(GMutexLocker) locker = NULL;
  g_autofree char *trimmed = NULL;
  gint64 old_id, new_id;

  g_return_val_if_fail (CLIPPER_IS_STORE (self), FALSE);
  g_return_val_if_fail (name != NULL, FALSE);
  g_return_val_if_fail (new_name != NULL, FALSE);

  trimmed = g_strstrip (g_strdup (new_name));
  if (trimmed[0] == '\0' || !g_utf8_validate (trimmed, -1, NULL))
    {
      g_set_error (error, CLIPPER_ERROR, CLIPPER_ERROR_INVALID_INPUT,
                   _("A tag needs a name."));
      return FALSE;
    }

  locker = g_mutex_locker_new (&self->mutex);

  if (!begin (self, error))
    return FALSE;

  if ((old_id = lookup_tag (self, name, error)) < 0 ||
      (new_id = lookup_tag (self, trimmed, error)) < 0)
    goto fail;
  if (old_id == 0)
    {
      g_set_error (error, CLIPPER_ERROR, CLIPPER_ERROR_NOT_FOUND,
                   _("There is no tag called “%s”."), name);
      goto fail;
    }

  /* Everything that carried the tag is found again under its new name. */
  if (!run_id_text (self,
                    "CREATE TEMP TABLE IF NOT EXISTS reindex_later (id INTEGER PRIMARY KEY)",
                    0, NULL, error) ||
      !run_id_text (self,
                    "INSERT OR IGNORE INTO reindex_later "
                    "SELECT clipping_id FROM clipping_tags WHERE tag_id = ?1 UNION "
                    "SELECT h.clipping_id FROM highlight_tags ht "
                    "  JOIN highlights h ON h.id = ht.highlight_id WHERE ht.tag_id = ?1",
                    old_id, NULL, error))
    goto fail;

  if (new_id == 0 || new_id == old_id)
    {
      if (!run_id_text (self, "UPDATE tags SET name = ?2 WHERE id = ?1", old_id, trimmed, error))
        goto fail;
    }
  else
    {
      if (!run_two_ids (self,
                        "INSERT OR IGNORE INTO clipping_tags (clipping_id, tag_id) "
                        "SELECT clipping_id, ?2 FROM clipping_tags WHERE tag_id = ?1",
                        old_id, new_id, error) ||
          !run_two_ids (self,
                        "INSERT OR IGNORE INTO highlight_tags (highlight_id, tag_id) "
                        "SELECT highlight_id, ?2 FROM highlight_tags WHERE tag_id = ?1",
                        old_id, new_id, error) ||
          !run_id_text (self, "DELETE FROM tags WHERE id = ?1", old_id, NULL, error))
        goto fail;
    }

  if (!reindex_pending (self, error) || !commit (self, error))
    goto fail;

  return TRUE;

fail:
  rollback (self);
  return FALSE;
}

void
clipper_search_result_free (ClipperSearchResult *result)
{
  if (result == NULL)
    return;

  g_clear_object (&result->clipping);
  g_free (result->snippet);
  g_free (result);
}

void
clipper_count_free (ClipperCount *count)
{
  if (count == NULL)
    return;

  g_free (count->name);
  g_free (count);
}

/* LIKE's wildcards, taken literally. */
static char *
like_pattern (const char *text)
{
  GString *out = g_string_new ("%");

  for (const char *p = text; *p; p++)
    {
      if (*p == '%' || *p == '_' || *p == '\\')
        g_string_append_c (out, '\\');
      g_string_append_c (out, *p);
    }
  g_string_append_c (out, '%');
  return g_string_free (out, FALSE);
}

/* The WHERE clause shared by every search, about the clipping whose id
 * is @id; what the user typed goes into @binds, never into the SQL. */
static void
append_filters (GString            *sql,
                GPtrArray          *binds,
                const ClipperQuery *query,
                const char         *id)
{
  if (query->exclude != NULL)
    {
      g_string_append_printf (sql, "AND %s NOT IN (SELECT rowid FROM search_index WHERE search_index MATCH ?) ", id);
      g_ptr_array_add (binds, g_strdup (query->exclude));
    }

  for (guint i = 0; i < query->tags->len; i++)
    {
      g_string_append_printf (sql,
                              "AND %s IN (SELECT ct.clipping_id FROM clipping_tags ct JOIN tags t ON t.id = ct.tag_id "
                              "  WHERE t.name = ? UNION SELECT h.clipping_id FROM highlights h "
                              "  JOIN highlight_tags ht ON ht.highlight_id = h.id JOIN tags t ON t.id = ht.tag_id "
                              "  WHERE t.name = ?) ", id);
      g_ptr_array_add (binds, g_strdup (g_ptr_array_index (query->tags, i)));
      g_ptr_array_add (binds, g_strdup (g_ptr_array_index (query->tags, i)));
    }

  for (guint i = 0; i < query->sites->len; i++)
    {
      g_string_append (sql, "AND (c.site_name LIKE ? ESCAPE '\\' OR c.url LIKE ? ESCAPE '\\') ");
      g_ptr_array_add (binds, like_pattern (g_ptr_array_index (query->sites, i)));
      g_ptr_array_add (binds, like_pattern (g_ptr_array_index (query->sites, i)));
    }

  for (guint i = 0; i < query->colors->len; i++)
    {
      g_string_append_printf (sql, "AND %s IN (SELECT clipping_id FROM highlights WHERE color = ?) ", id);
      g_ptr_array_add (binds, g_strdup (g_ptr_array_index (query->colors, i)));
    }

  if (query->has_highlights)
    g_string_append_printf (sql, "AND EXISTS (SELECT 1 FROM highlights WHERE clipping_id = %s) ", id);
  if (query->has_notes)
    g_string_append_printf (sql,
                            "AND (c.note IS NOT NULL AND c.note != '' "
                            "  OR EXISTS (SELECT 1 FROM notes WHERE clipping_id = %s)) ", id);
}

static void
append_order (GString     *sql,
              ClipperSort  sort)
{
  switch (sort)
    {
    case CLIPPER_SORT_PUBLISHED:
      g_string_append (sql, "ORDER BY c.published IS NULL, c.published DESC, c.id DESC ");
      break;
    case CLIPPER_SORT_TITLE:
      g_string_append (sql, "ORDER BY c.title COLLATE NOCASE, c.id ");
      break;
    case CLIPPER_SORT_SITE:
      g_string_append (sql, "ORDER BY coalesce (c.site_name, c.url) COLLATE NOCASE, c.clipped_at DESC ");
      break;
    case CLIPPER_SORT_CLIPPED:
    default:
      g_string_append (sql, "ORDER BY c.clipped_at DESC, c.id DESC ");
      break;
    }
}

static sqlite3_stmt *
prepare_search (ClipperStore  *self,
                const char    *sql,
                GPtrArray     *binds,
                GError       **error)
{
  sqlite3_stmt *stmt = NULL;
  int rc;

  rc = sqlite3_prepare_v2 (self->db, sql, -1, &stmt, NULL);
  if (rc != SQLITE_OK)
    {
      set_sqlite_error (error, self->db, rc, _("Could not search the library"));
      return NULL;
    }

  for (guint i = 0; i < binds->len; i++)
    sqlite3_bind_text (stmt, i + 1, g_ptr_array_index (binds, i), -1, SQLITE_TRANSIENT);

  return stmt;
}

/* A search with more matches than this ranks its newest this many and
 * lists the older ones after them, newest first: ranking costs about
 * 4 µs a match (a phrase twice that), and a word found in thousands of
 * clippings has a BM25 weight near zero anyway. */
#define RANKED_MATCHES 1000
#define RANKED_PHRASE_MATCHES 500

static int
ranked_matches (const ClipperQuery *query)
{
  return query->has_phrase ? RANKED_PHRASE_MATCHES : RANKED_MATCHES;
}

static char *
ids_to_json (const gint64 *ids,
             guint         n_ids)
{
  GString *json = g_string_new ("[");

  for (guint i = 0; i < n_ids; i++)
    g_string_append_printf (json, "%s%" G_GINT64_FORMAT, i ? "," : "", ids[i]);
  g_string_append_c (json, ']');

  return g_string_free (json, FALSE);
}

static gboolean
step_ids (ClipperStore  *self,
          sqlite3_stmt  *stmt,
          GArray        *ids,
          GError       **error)
{
  int rc;

  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      gint64 id = sqlite3_column_int64 (stmt, 0);

      g_array_append_val (ids, id);
    }

  if (rc != SQLITE_DONE)
    return set_sqlite_error (error, self->db, rc, _("Could not search the library"));

  return TRUE;
}

/* Every match, newest first, filters applied; nothing ranked yet. */
typedef struct
{
  gint64 id;
  double rank;
  guint  order;
} Ranked;

static int
compare_ranked (gconstpointer a,
                gconstpointer b)
{
  const Ranked *x = a, *y = b;

  if (x->rank != y->rank)
    return x->rank < y->rank ? -1 : 1;
  return x->order < y->order ? -1 : 1;
}

/* The newest ranked_matches() matches by rank, ranked as FTS5 walks its
 * lists (so in one pass) and sorted here; equal ranks keep newest first. */
static GArray *
ranked_head (ClipperStore        *self,
             const ClipperQuery  *query,
             GError             **error)
{
  g_autoptr(GString) sql = g_string_new (NULL);
  g_autoptr(GPtrArray) binds = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GArray) ranked = g_array_new (FALSE, FALSE, sizeof (Ranked));
  GArray *ids;
  sqlite3_stmt *stmt;
  int rc;

  g_ptr_array_add (binds, g_strdup (query->match));
  if (query->sites->len > 0 || query->has_notes)
    g_string_append (sql,
                     "SELECT search_index.rowid, search_index.rank FROM search_index "
                     "JOIN clippings c ON c.id = search_index.rowid WHERE search_index MATCH ? ");
  else
    g_string_append (sql, "SELECT rowid, rank FROM search_index WHERE search_index MATCH ? ");
  g_string_append (sql, "AND search_index.rank MATCH 'bm25 (10.0, 3.0, 2.0, 1.0, 6.0, 5.0)' ");
  append_filters (sql, binds, query, "+search_index.rowid");
  g_string_append_printf (sql, "ORDER BY search_index.rowid DESC LIMIT %d", ranked_matches (query));

  if (!(stmt = prepare_search (self, sql->str, binds, error)))
    return NULL;

  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      Ranked row = { sqlite3_column_int64 (stmt, 0), sqlite3_column_double (stmt, 1), ranked->len };

      g_array_append_val (ranked, row);
    }
  sqlite3_finalize (stmt);

  if (rc != SQLITE_DONE)
    {
      set_sqlite_error (error, self->db, rc, _("Could not search the library"));
      return NULL;
    }

  g_array_sort (ranked, compare_ranked);
  ids = g_array_sized_new (FALSE, FALSE, sizeof (gint64), ranked->len);
  for (guint i = 0; i < ranked->len; i++)
    g_array_append_val (ids, g_array_index (ranked, Ranked, i).id);

  return ids;
}

static GArray *
matching_ids (ClipperStore        *self,
              const ClipperQuery  *query,
              ClipperSort          sort,
              guint                offset,
              int                  limit,
              GError             **error)
{
  g_autoptr(GString) sql = g_string_new (NULL);
  g_autoptr(GPtrArray) binds = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GArray) ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  sqlite3_stmt *stmt;
  gboolean ok;

  if (query->match == NULL)
    {
      g_string_append (sql, "SELECT c.id FROM clippings c WHERE 1 ");
      append_filters (sql, binds, query, "c.id");
      append_order (sql, sort);
    }
  else
    {
      /* Clippings' rows are large: they are read only for filters on
       * their columns. FTS5 keeps its lists in id order, so this walks
       * them without ranking. */
      g_ptr_array_add (binds, g_strdup (query->match));
      if (query->sites->len > 0 || query->has_notes)
        g_string_append (sql,
                         "SELECT search_index.rowid FROM search_index "
                         "JOIN clippings c ON c.id = search_index.rowid WHERE search_index MATCH ? ");
      else
        g_string_append (sql, "SELECT rowid FROM search_index WHERE search_index MATCH ? ");
      /* "+" keeps the filters from FTS5, which would run the query once
       * for each id they allow. */
      append_filters (sql, binds, query, "+search_index.rowid");
      g_string_append_printf (sql, "ORDER BY search_index.rowid DESC LIMIT %d OFFSET %u", limit, offset);
    }

  if (!(stmt = prepare_search (self, sql->str, binds, error)))
    return NULL;
  ok = step_ids (self, stmt, ids, error);
  sqlite3_finalize (stmt);

  return ok ? g_steal_pointer (&ids) : NULL;
}

/* The ids of a search, or a part of them: by rank (the newest
 * ranked_matches()), then the rest newest first; or by @sort without words. */
static GArray *
search_ids_locked (ClipperStore        *self,
                   const ClipperQuery  *query,
                   ClipperSort          sort,
                   ClipperSearchPart    part,
                   GError             **error)
{
  g_autoptr(GArray) tail = NULL;
  GArray *ids;

  if (query->match == NULL)
    {
      if (part == CLIPPER_SEARCH_OLDER)
        return g_array_new (FALSE, FALSE, sizeof (gint64));
      return matching_ids (self, query, sort, 0, -1, error);
    }

  if (part == CLIPPER_SEARCH_OLDER)
    return matching_ids (self, query, sort, ranked_matches (query), -1, error);

  /* Only the newest are read: FTS5 stops walking once it has them. */
  if (!(ids = ranked_head (self, query, error)))
    return NULL;

  if (part == CLIPPER_SEARCH_ALL && ids->len == (guint)ranked_matches (query))
    {
      if (!(tail = matching_ids (self, query, sort, ranked_matches (query), -1, error)))
        {
          g_array_unref (ids);
          return NULL;
        }
      g_array_append_vals (ids, tail->data, tail->len);
    }

  return ids;
}

static gboolean
read_snippets (sqlite3             *db,
               GHashTable          *statements,
               const gint64        *ids,
               guint                n_ids,
               const char          *ids_json,
               const ClipperQuery  *query,
               GHashTable          *by_id,
               GError             **error)
{
  sqlite3_stmt *stmt;
  gint64 low = G_MAXINT64, high = 0;
  int rc;

  /* FTS5 only walks the ids between the lowest and the highest. */
  for (guint i = 0; i < n_ids; i++)
    {
      low = MIN (low, ids[i]);
      high = MAX (high, ids[i]);
    }

  /* Given the ids, FTS5 looks each one up in its lists: quick for words
   * and phrases, slow for a prefix, which it expands again for every id;
   * with a prefix, "+rowid" makes it walk the lists between the lowest and
   * highest id once instead. */
  if (strchr (query->match, '*') == NULL)
    stmt = get_statement_in (db, statements,
                             "SELECT rowid, snippet (search_index, -1, char (2), char (3), '…', 14) "
                          "FROM search_index WHERE search_index MATCH ?1 "
                          "  AND rowid IN (SELECT value FROM json_each (?2)) "
                          "  AND ?3 <= ?4",
                          error);
  else
    stmt = get_statement_in (db, statements,
                             "SELECT rowid, snippet (search_index, -1, char (2), char (3), '…', 14) "
                          "FROM search_index WHERE search_index MATCH ?1 "
                          "  AND rowid BETWEEN ?3 AND ?4 "
                          "  AND +rowid IN (SELECT value FROM json_each (?2))",
                          error);
  if (stmt == NULL)
    return FALSE;

  sqlite3_bind_text (stmt, 1, query->match, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 2, ids_json, -1, SQLITE_TRANSIENT);
  sqlite3_bind_int64 (stmt, 3, low);
  sqlite3_bind_int64 (stmt, 4, high);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      gint64 id = sqlite3_column_int64 (stmt, 0);
      ClipperSearchResult *result = g_hash_table_lookup (by_id, &id);

      if (result != NULL)
        {
          g_free (result->snippet);
          result->snippet = g_strdup (column_text (stmt, 1));
        }
    }
  release_statement (stmt);

  if (rc != SQLITE_DONE)
    return set_sqlite_error (error, db, rc, _("Could not search the library"));

  return TRUE;
}

static GPtrArray *
get_summaries_in (sqlite3             *db,
                  GHashTable          *statements,
                  const gint64        *ids,
                      guint                n_ids,
                      const ClipperQuery  *query,
                      GError             **error)
{
  g_autoptr(GHashTable) by_id = NULL;
  g_autoptr(GPtrArray) results = NULL;
  g_autofree char *ids_json = NULL;
  sqlite3_stmt *stmt;
  int rc;

  ids_json = ids_to_json (ids, n_ids);
  by_id = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free,
                                 (GDestroyNotify)clipper_search_result_free);

  if (!(stmt = get_statement_in (db, statements,
                                 "SELECT id, url, title, byline, site_name, published, excerpt, "
                              "  lang, dir, clipped_at, is_article, "
                              "  (SELECT count(*) FROM highlights WHERE clipping_id = c.id) "
                              "FROM clippings c WHERE id IN (SELECT value FROM json_each (?1))",
                              error)))
    return NULL;

  sqlite3_bind_text (stmt, 1, ids_json, -1, SQLITE_TRANSIENT);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      ClipperSearchResult *result = g_new0 (ClipperSearchResult, 1);
      gint64 id = sqlite3_column_int64 (stmt, 0);

      result->clipping = clipping_from_row (stmt, FALSE);
      clipper_clipping_set_highlight_count (result->clipping, sqlite3_column_int (stmt, 11));
      g_hash_table_insert (by_id, g_memdup2 (&id, sizeof id), result);
    }
  release_statement (stmt);

  if (rc != SQLITE_DONE)
    {
      set_sqlite_error (error, db, rc, _("Could not read the library"));
      return NULL;
    }

  if (query != NULL && query->match != NULL &&
      !read_snippets (db, statements, ids, n_ids, ids_json, query, by_id, error))
    return NULL;

  results = g_ptr_array_new_full (n_ids, (GDestroyNotify)clipper_search_result_free);
  for (guint i = 0; i < n_ids; i++)
    {
      g_autofree gpointer key = NULL;
      gpointer value;

      if (g_hash_table_steal_extended (by_id, &ids[i], &key, &value))
        g_ptr_array_add (results, value);
    }

  return g_steal_pointer (&results);
}

/**
 * clipper_store_search:
 * @query: what to look for; an empty query lists the whole library
 * @limit: at most this many results, 0 for all
 *
 * Full-text search ranked by BM25 (title, highlights, notes and tags
 * weigh more than body text), or the library sorted by @sort when the
 * query has no words. A query matching more than 1,000 clippings (500
 * with a phrase) ranks the newest of them and lists the rest after them,
 * newest first. The SQL
 * is put together from fixed pieces; all that the user typed is bound as
 * parameters.
 *
 * Returns: (transfer full): #ClipperSearchResult, best first
 */
GPtrArray *
clipper_store_search (ClipperStore        *self,
                      const ClipperQuery  *query,
                      ClipperSort          sort,
                      guint                limit,
                      GError             **error)
{
  g_autoptr(GMutexLocker) locker = NULL;
  g_autoptr(GArray) ids = NULL;

  g_return_val_if_fail (CLIPPER_IS_STORE (self), NULL);
  g_return_val_if_fail (query != NULL, NULL);

  locker = g_mutex_locker_new (&self->mutex);
  /* The ranked matches come first: a limit within them needs no more. */
  if (!(ids = search_ids_locked (self, query, sort,
                                 limit > 0 && limit <= (guint)ranked_matches (query) ? CLIPPER_SEARCH_RANKED
                                                                      : CLIPPER_SEARCH_ALL,
                                 error)))
    return NULL;

  /* Only the rows returned are read, and only theirs get snippets. */
  return get_summaries_in (self->db, self->statements, (const gint64 *)(gpointer)ids->data,
                               limit > 0 ? MIN (limit, ids->len) : ids->len, query, error);
}

/**
 * clipper_store_search_ids:
 *
 * The ids of what clipper_store_search() would find, in its order, without
 * reading any row: a list view pages the rows in as they are shown.
 *
 * Returns: (transfer full): an array of #gint64
 */
GArray *
clipper_store_search_ids (ClipperStore        *self,
                          const ClipperQuery  *query,
                          ClipperSort          sort,
                          GError             **error)
{
  return clipper_store_search_ids_part (self, query, sort, CLIPPER_SEARCH_ALL, error);
}

/**
 * clipper_store_search_ids_part:
 * @part: all the ids, the ranked ones that come first (all of them for a
 *   search without words), or the older matches that follow those
 *
 * clipper_store_search_ids() in two steps, so that a list can show the
 * best matches before the older ones of a broad search are read.
 *
 * Returns: (transfer full): an array of #gint64
 */
GArray *
clipper_store_search_ids_part (ClipperStore        *self,
                               const ClipperQuery  *query,
                               ClipperSort          sort,
                               ClipperSearchPart    part,
                               GError             **error)
{
  g_autoptr(GMutexLocker) locker = NULL;

  g_return_val_if_fail (CLIPPER_IS_STORE (self), NULL);
  g_return_val_if_fail (query != NULL, NULL);

  locker = g_mutex_locker_new (&self->mutex);
  return search_ids_locked (self, query, sort, part, error);
}

/**
 * clipper_store_get_summaries:
 * @ids: (array length=n_ids): the clippings wanted
 * @query: (nullable): a query whose snippets to add, or %NULL
 *
 * The rows a list shows for @ids, without their content: metadata, the
 * number of highlights and, with a @query that has words, a snippet. Ids
 * no longer in the library are left out.
 *
 * Returns: (transfer full): #ClipperSearchResult in the order of @ids
 */
/* Opens the connection rows are read on, with rows_mutex held; on failure
 * rows are read on the main connection, as before. */
static gboolean
open_rows_connection (ClipperStore  *self,
                      GError       **error)
{
  g_autofree char *escaped = g_uri_escape_string (self->path, "/", FALSE);
  g_autofree char *uri = g_strdup_printf ("file:%s?mode=ro", escaped);
  int rc;

  rc = sqlite3_open_v2 (uri, &self->rows_db, SQLITE_OPEN_READONLY | SQLITE_OPEN_URI | SQLITE_OPEN_NOMUTEX, NULL);
  if (rc == SQLITE_OK && _clipper_tokenizer_register (self->rows_db))
    {
      sqlite3_extended_result_codes (self->rows_db, TRUE);
      sqlite3_busy_timeout (self->rows_db, 5000);
      self->rows_statements = g_hash_table_new_full (NULL, NULL, NULL, (GDestroyNotify)sqlite3_finalize);
      return TRUE;
    }

  g_debug ("Rows are read on the main connection: %s",
           self->rows_db ? sqlite3_errmsg (self->rows_db) : sqlite3_errstr (rc));
  g_clear_pointer (&self->rows_db, sqlite3_close_v2);
  return FALSE;
}

GPtrArray *
clipper_store_get_summaries (ClipperStore        *self,
                             const gint64        *ids,
                             guint                n_ids,
                             const ClipperQuery  *query,
                             GError             **error)
{
  g_autoptr(GMutexLocker) locker = NULL;

  g_return_val_if_fail (CLIPPER_IS_STORE (self), NULL);
  g_return_val_if_fail (ids != NULL || n_ids == 0, NULL);

  /* A library read as it is (immutable) has no WAL to share. */
  if (!self->read_only)
    {
      locker = g_mutex_locker_new (&self->rows_mutex);
      if (self->rows_db != NULL || open_rows_connection (self, NULL))
        return get_summaries_in (self->rows_db, self->rows_statements, ids, n_ids, query, error);
      g_clear_pointer (&locker, g_mutex_locker_free);
    }

  locker = g_mutex_locker_new (&self->mutex);
  return get_summaries_in (self->db, self->statements, ids, n_ids, query, error);
}

/* Every tag with how many clippings and highlights carry it. */
GPtrArray *
clipper_store_count_tags (ClipperStore  *self,
                          GError       **error)
{
  g_autoptr(GMutexLocker) locker = NULL;
  g_autoptr(GPtrArray) counts = NULL;
  sqlite3_stmt *stmt;
  int rc;

  g_return_val_if_fail (CLIPPER_IS_STORE (self), NULL);

  locker = g_mutex_locker_new (&self->mutex);

  if (!(stmt = get_statement (self,
                              "SELECT t.name, "
                              "  (SELECT count(*) FROM clipping_tags WHERE tag_id = t.id), "
                              "  (SELECT count(*) FROM highlight_tags WHERE tag_id = t.id) "
                              "FROM tags t ORDER BY t.name COLLATE NOCASE",
                              error)))
    return NULL;

  counts = g_ptr_array_new_with_free_func ((GDestroyNotify)clipper_count_free);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      ClipperCount *count = g_new0 (ClipperCount, 1);

      count->name = g_strdup (column_text (stmt, 0));
      count->clippings = sqlite3_column_int64 (stmt, 1);
      count->highlights = sqlite3_column_int64 (stmt, 2);
      g_ptr_array_add (counts, count);
    }
  release_statement (stmt);

  if (rc != SQLITE_DONE)
    {
      set_sqlite_error (error, self->db, rc, _("Could not read the tags"));
      return NULL;
    }

  return g_steal_pointer (&counts);
}

static int
compare_site_counts (gconstpointer a,
                     gconstpointer b)
{
  const ClipperCount *first = *(ClipperCount **)a;
  const ClipperCount *second = *(ClipperCount **)b;

  if (first->clippings != second->clippings)
    return first->clippings > second->clippings ? -1 : 1;

  return g_utf8_collate (first->name, second->name);
}

/**
 * clipper_store_count_sites:
 *
 * The sites of the library's clippings, as clippings show them, with how
 * many clippings and highlights each has: most clippings first. Local
 * files without a site name are not a site and are left out.
 *
 * Returns: (transfer full) (element-type ClipperCount): the sites, by
 *   the name clippings show (the site's name, else its host)
 */
GPtrArray *
clipper_store_count_sites (ClipperStore  *self,
                           GError       **error)
{
  g_autoptr(GMutexLocker) locker = NULL;
  g_autoptr(GHashTable) by_name = NULL;
  g_autoptr(GPtrArray) counts = NULL;
  sqlite3_stmt *stmt;
  int rc;

  g_return_val_if_fail (CLIPPER_IS_STORE (self), NULL);

  locker = g_mutex_locker_new (&self->mutex);

  if (!(stmt = get_statement (self,
                              "SELECT c.site_name, c.url, coalesce(h.n, 0) FROM clippings c "
                              "LEFT JOIN (SELECT clipping_id, count(*) AS n FROM highlights "
                              "           GROUP BY clipping_id) h ON h.clipping_id = c.id",
                              error)))
    return NULL;

  counts = g_ptr_array_new_with_free_func ((GDestroyNotify)clipper_count_free);
  by_name = g_hash_table_new (g_str_hash, g_str_equal);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      const char *site_name = column_text (stmt, 0);
      const char *url = column_text (stmt, 1);
      g_autofree char *name = NULL;
      ClipperCount *count;

      if ((site_name == NULL || site_name[0] == '\0') && url != NULL && g_str_has_prefix (url, "file:"))
        continue;

      name = clipper_site_display_name (site_name, url);
      if (name[0] == '\0')
        continue;

      if (!(count = g_hash_table_lookup (by_name, name)))
        {
          count = g_new0 (ClipperCount, 1);
          count->name = g_steal_pointer (&name);
          g_hash_table_insert (by_name, count->name, count);
          g_ptr_array_add (counts, count);
        }
      count->clippings++;
      count->highlights += sqlite3_column_int64 (stmt, 2);
    }
  release_statement (stmt);

  if (rc != SQLITE_DONE)
    {
      set_sqlite_error (error, self->db, rc, _("Could not read the sites"));
      return NULL;
    }

  g_ptr_array_sort (counts, compare_site_counts);
  return g_steal_pointer (&counts);
}

/* The newest clipping of @url, or 0. */
gint64
clipper_store_find_clipping_by_url (ClipperStore  *self,
                                    const char    *url,
                                    GError       **error)
{
  g_autoptr(GMutexLocker) locker = NULL;
  sqlite3_stmt *stmt;
  gint64 id = 0;
  int rc;

  g_return_val_if_fail (CLIPPER_IS_STORE (self), 0);

  locker = g_mutex_locker_new (&self->mutex);

  if (!(stmt = get_statement (self,
                              "SELECT id FROM clippings WHERE url = ?1 ORDER BY clipped_at DESC, id DESC LIMIT 1",
                              error)))
    return 0;

  sqlite3_bind_text (stmt, 1, url, -1, SQLITE_TRANSIENT);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    id = sqlite3_column_int64 (stmt, 0);
  else if (rc != SQLITE_DONE)
    set_sqlite_error (error, self->db, rc, _("Could not read the library"));
  release_statement (stmt);

  return id;
}

typedef struct
{
  ClipperStoreJob  job;
  gpointer         data;
  GDestroyNotify   data_free;
  GDestroyNotify   result_free;
} Job;

static void
job_free (Job *job)
{
  if (job->data_free)
    job->data_free (job->data);
  g_free (job);
}

static void
job_thread (GTask        *task,
            gpointer      source_object,
            gpointer      task_data,
            GCancellable *cancellable)
{
  Job *job = task_data;
  GError *error = NULL;
  gpointer result;

  result = job->job (source_object, job->data, &error);
  if (error != NULL)
    g_task_return_error (task, error);
  else
    g_task_return_pointer (task, result, job->result_free);
}

/**
 * clipper_store_run_async:
 * @job: runs in a worker thread with the store; returns a result or sets
 *   an error
 *
 * Runs any store work off the main loop, for callers whose job is small
 * enough not to need an _async pair of its own.
 */
void
clipper_store_run_async (ClipperStore        *self,
                         ClipperStoreJob      job,
                         gpointer             data,
                         GDestroyNotify       data_free,
                         GDestroyNotify       result_free,
                         GCancellable        *cancellable,
                         GAsyncReadyCallback  callback,
                         gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  Job *state;

  g_return_if_fail (CLIPPER_IS_STORE (self));
  g_return_if_fail (job != NULL);

  state = g_new0 (Job, 1);
  state->job = job;
  state->data = data;
  state->data_free = data_free;
  state->result_free = result_free;

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, clipper_store_run_async);
  g_task_set_task_data (task, state, (GDestroyNotify)job_free);
  run_in_worker (self, task, job_thread);
}

gpointer
clipper_store_run_finish (ClipperStore  *self,
                          GAsyncResult  *result,
                          GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

/* Async wrappers: the sync calls above, run in GTask's thread pool. */

static void
add_clipping_thread (GTask        *task,
                     gpointer      source_object,
                     gpointer      task_data,
                     GCancellable *cancellable)
{
  GError *error = NULL;
  gint64 id;

  id = clipper_store_add_clipping (source_object, task_data, &error);
  if (id == 0)
    g_task_return_error (task, error);
  else
    g_task_return_int (task, id);
}

void
clipper_store_add_clipping_async (ClipperStore        *self,
                                  ClipperClipping     *clipping,
                                  GCancellable        *cancellable,
                                  GAsyncReadyCallback  callback,
                                  gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;

  g_return_if_fail (CLIPPER_IS_STORE (self));
  g_return_if_fail (CLIPPER_IS_CLIPPING (clipping));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, clipper_store_add_clipping_async);
  g_task_set_task_data (task, g_object_ref (clipping), g_object_unref);
  run_in_worker (self, task, add_clipping_thread);
}

gint64
clipper_store_add_clipping_finish (ClipperStore  *self,
                                   GAsyncResult  *result,
                                   GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), 0);

  return g_task_propagate_int (G_TASK (result), error);
}

static void
list_clippings_thread (GTask        *task,
                       gpointer      source_object,
                       gpointer      task_data,
                       GCancellable *cancellable)
{
  GError *error = NULL;
  GPtrArray *clippings;

  clippings = clipper_store_list_clippings (source_object, &error);
  if (clippings == NULL)
    g_task_return_error (task, error);
  else
    g_task_return_pointer (task, clippings, (GDestroyNotify)g_ptr_array_unref);
}

void
clipper_store_list_clippings_async (ClipperStore        *self,
                                    GCancellable        *cancellable,
                                    GAsyncReadyCallback  callback,
                                    gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;

  g_return_if_fail (CLIPPER_IS_STORE (self));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, clipper_store_list_clippings_async);
  run_in_worker (self, task, list_clippings_thread);
}

GPtrArray *
clipper_store_list_clippings_finish (ClipperStore  *self,
                                     GAsyncResult  *result,
                                     GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

static void
get_clipping_thread (GTask        *task,
                     gpointer      source_object,
                     gpointer      task_data,
                     GCancellable *cancellable)
{
  GError *error = NULL;
  ClipperClipping *clipping;

  clipping = clipper_store_get_clipping (source_object, *(gint64 *)task_data, &error);
  if (clipping == NULL)
    g_task_return_error (task, error);
  else
    g_task_return_pointer (task, clipping, g_object_unref);
}

void
clipper_store_get_clipping_async (ClipperStore        *self,
                                  gint64               id,
                                  GCancellable        *cancellable,
                                  GAsyncReadyCallback  callback,
                                  gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;

  g_return_if_fail (CLIPPER_IS_STORE (self));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, clipper_store_get_clipping_async);
  g_task_set_task_data (task, g_memdup2 (&id, sizeof id), g_free);
  run_in_worker (self, task, get_clipping_thread);
}

ClipperClipping *
clipper_store_get_clipping_finish (ClipperStore  *self,
                                   GAsyncResult  *result,
                                   GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

static void
delete_clipping_thread (GTask        *task,
                        gpointer      source_object,
                        gpointer      task_data,
                        GCancellable *cancellable)
{
  GError *error = NULL;

  if (clipper_store_delete_clipping (source_object, *(gint64 *)task_data, &error))
    g_task_return_boolean (task, TRUE);
  else
    g_task_return_error (task, error);
}

void
clipper_store_delete_clipping_async (ClipperStore        *self,
                                     gint64               id,
                                     GCancellable        *cancellable,
                                     GAsyncReadyCallback  callback,
                                     gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;

  g_return_if_fail (CLIPPER_IS_STORE (self));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, clipper_store_delete_clipping_async);
  g_task_set_task_data (task, g_memdup2 (&id, sizeof id), g_free);
  run_in_worker (self, task, delete_clipping_thread);
}

gboolean
clipper_store_delete_clipping_finish (ClipperStore  *self,
                                      GAsyncResult  *result,
                                      GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}
