/* clipper-store.c
 *
 * Copyright 2026 The Clipper authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The library: the type, opening (with a read-only fallback) and closing,
 * the worker thread and the generic async runner, and the helpers every
 * table's file uses (errors, statements, transactions). Each table has a
 * file of its own: -schema.c, -clippings.c, -highlights.c, -tags.c,
 * -search.c and -resources.c; -check.c finds and repairs damage.
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

gboolean
_clipper_store_set_sqlite_error (GError     **error,
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

void
_clipper_store_set_not_found (GError **error,
                              gint64   id)
{
  g_autofree char *number = g_strdup_printf ("%" G_GINT64_FORMAT, id);

  g_set_error (error, CLIPPER_ERROR, CLIPPER_ERROR_NOT_FOUND,
               _("There is no clipping with the id %s."), number);
}

/* A prepared statement of @db, kept in @statements for the next time. */
sqlite3_stmt *
_clipper_store_get_statement_in (sqlite3            *db,
                                 ClipperStatements  *statements,
                                 ClipperSql          key,
                                 const char         *sql,
                                 GError            **error)
{
  sqlite3_stmt *stmt;
  int rc;

  g_assert (key < CLIPPER_N_SQL);

  stmt = statements->stmts[key];
  if (stmt != NULL)
    {
      g_assert (g_str_equal (sqlite3_sql (stmt), sql));
      return stmt;
    }

  rc = sqlite3_prepare_v3 (db, sql, -1, SQLITE_PREPARE_PERSISTENT, &stmt, NULL);
  if (rc != SQLITE_OK)
    {
      _clipper_store_set_sqlite_error (error, db, rc, _("Could not read the library"));
      return NULL;
    }

  statements->stmts[key] = stmt;
  return stmt;
}

sqlite3_stmt *
_clipper_store_get_statement (ClipperStore  *self,
                              ClipperSql     key,
                              const char    *sql,
                              GError       **error)
{
  return _clipper_store_get_statement_in (self->db, &self->statements, key, sql, error);
}

void
_clipper_store_clear_statements (ClipperStatements *statements)
{
  for (guint i = 0; i < CLIPPER_N_SQL; i++)
    g_clear_pointer (&statements->stmts[i], sqlite3_finalize);
  g_clear_pointer (&statements->by_sql, g_hash_table_destroy);
}

/* FALSE with CLIPPER_ERROR_NOT_FOUND when there is no clipping @id. */
gboolean
_clipper_store_check_clipping (ClipperStore  *self,
                               gint64         id,
                               GError       **error)
{
  sqlite3_stmt *stmt;
  int rc;

  if (!(stmt = _clipper_store_get_statement (self, CLIPPER_SQL_CLIPPING_EXISTS,
                                             "SELECT 1 FROM clippings WHERE id = ?1", error)))
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, id);
  rc = sqlite3_step (stmt);
  _clipper_store_release_statement (stmt);
  if (rc == SQLITE_ROW)
    return TRUE;
  if (rc == SQLITE_DONE)
    _clipper_store_set_not_found (error, id);
  else
    _clipper_store_set_sqlite_error (error, self->db, rc, _("Could not read the library"));
  return FALSE;
}

void
_clipper_store_release_statement (sqlite3_stmt *stmt)
{
  sqlite3_reset (stmt);
  sqlite3_clear_bindings (stmt);
}

gboolean
_clipper_store_exec (ClipperStore  *self,
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

/* A step that is saved whole or not at all: its own transaction, or a
 * savepoint in a batch's. */
gboolean
_clipper_store_begin (ClipperStore  *self,
                      GError       **error)
{
  return _clipper_store_exec (self, self->in_batch ? "SAVEPOINT clipper_step" : "BEGIN IMMEDIATE", error);
}

gboolean
_clipper_store_commit (ClipperStore  *self,
                       GError       **error)
{
  return _clipper_store_exec (self, self->in_batch ? "RELEASE clipper_step" : "COMMIT", error);
}

void
_clipper_store_rollback (ClipperStore *self)
{
  if (sqlite3_get_autocommit (self->db))
    return;
  if (self->in_batch)
    _clipper_store_exec (self, "ROLLBACK TO clipper_step; RELEASE clipper_step", NULL);
  else
    _clipper_store_exec (self, "ROLLBACK", NULL);
}

/**
 * clipper_store_begin_batch:
 *
 * Starts a batch: the writes until clipper_store_end_batch() reach the
 * disk in one transaction, so that thousands of small ones (an import)
 * do not wait on the disk one by one. Each write is still whole or not
 * at all within it. Writes from other threads meanwhile join the batch.
 */
gboolean
clipper_store_begin_batch (ClipperStore  *self,
                           GError       **error)
{
  g_autoptr(GMutexLocker) locker = NULL;

  g_return_val_if_fail (CLIPPER_IS_STORE (self), FALSE);

  locker = g_mutex_locker_new (&self->mutex);
  g_return_val_if_fail (!self->in_batch, FALSE);
  if (!_clipper_store_exec (self, "BEGIN IMMEDIATE", error))
    return FALSE;
  self->in_batch = TRUE;
  return TRUE;
}

/* Ends the batch: its writes are saved, or, on an error, none of them. */
gboolean
clipper_store_end_batch (ClipperStore  *self,
                         GError       **error)
{
  g_autoptr(GMutexLocker) locker = NULL;

  g_return_val_if_fail (CLIPPER_IS_STORE (self), FALSE);

  locker = g_mutex_locker_new (&self->mutex);
  g_return_val_if_fail (self->in_batch, FALSE);
  self->in_batch = FALSE;
  if (_clipper_store_exec (self, "COMMIT", error))
    return TRUE;
  if (!sqlite3_get_autocommit (self->db))
    _clipper_store_exec (self, "ROLLBACK", NULL);
  return FALSE;
}

void
_clipper_store_bind_text_or_null (sqlite3_stmt *stmt,
                                  int           column,
                                  const char   *text)
{
  if (text != NULL)
    sqlite3_bind_text (stmt, column, text, -1, SQLITE_TRANSIENT);
  else
    sqlite3_bind_null (stmt, column);
}

const char *
_clipper_store_column_text (sqlite3_stmt *stmt,
                            int           column)
{
  return (const char *)sqlite3_column_text (stmt, column);
}

gboolean
_clipper_store_run_id_text (ClipperStore  *self,
                            ClipperSql     key,
                            const char    *sql,
                            gint64         id,
                            const char    *text,
                            GError       **error)
{
  sqlite3_stmt *stmt;
  int rc;

  if (!(stmt = _clipper_store_get_statement (self, key, sql, error)))
    return FALSE;

  sqlite3_bind_int64 (stmt, 1, id);
  if (text != NULL)
    sqlite3_bind_text (stmt, 2, text, -1, SQLITE_TRANSIENT);
  rc = sqlite3_step (stmt);
  _clipper_store_release_statement (stmt);
  if (rc != SQLITE_DONE)
    return _clipper_store_set_sqlite_error (error, self->db, rc, _("Could not save the change"));

  return TRUE;
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
  _clipper_store_clear_statements (&self->statements);
  g_clear_pointer (&self->db, sqlite3_close_v2);
  _clipper_store_clear_statements (&self->rows_statements);
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
    version = _clipper_store_read_user_version (self, NULL);
  if (version < 0)
    {
      if (!open_connection (self, immutable, error))
        return NULL;
      version = _clipper_store_read_user_version (self, error);
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

  _clipper_store_exec (self, "PRAGMA foreign_keys = ON", NULL);
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

  if (!_clipper_store_migrate (self, error))
    {
      /* A read-only file system answers only when a write is tried. */
      if (g_error_matches (*error, CLIPPER_ERROR, CLIPPER_ERROR_READ_ONLY) && !self->was_empty)
        {
          g_clear_error (error);
          return open_read_only (g_steal_pointer (&self), error);
        }
      return NULL;
    }

  /* Clippings from before citations were kept get theirs now. A damaged
   * library still opens, so that its damage can be found and repaired;
   * they are filled the next time. */
  {
    g_autoptr(GError) fill_error = NULL;

    if (!_clipper_store_fill_citations (self, &fill_error))
      g_message ("Citations were not filled in: %s", fill_error->message);
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
  _clipper_store_exec (self, "PRAGMA query_only = ON", NULL);
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
  return _clipper_store_read_user_version (self, NULL);
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

  if (!(stmt = _clipper_store_get_statement (self, CLIPPER_SQL_DATA_VERSION,
                                             "PRAGMA data_version", error)))
    return 0;

  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    version = sqlite3_column_int64 (stmt, 0);
  else
    _clipper_store_set_sqlite_error (error, self->db, rc, _("Could not read the library"));
  _clipper_store_release_statement (stmt);

  return version;
}

gboolean
_clipper_store_run_two_ids (ClipperStore  *self,
                            ClipperSql     key,
                            const char    *sql,
                            gint64         first,
                            gint64         second,
                            GError       **error)
{
  sqlite3_stmt *stmt;
  int rc;

  if (!(stmt = _clipper_store_get_statement (self, key, sql, error)))
    return FALSE;

  sqlite3_bind_int64 (stmt, 1, first);
  sqlite3_bind_int64 (stmt, 2, second);
  rc = sqlite3_step (stmt);
  _clipper_store_release_statement (stmt);
  if (rc != SQLITE_DONE)
    return _clipper_store_set_sqlite_error (error, self->db, rc, _("Could not save the change"));

  return TRUE;
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
