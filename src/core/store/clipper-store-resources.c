/* clipper-store-resources.c
 *
 * Copyright 2026 The Clipper authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Stored images and other resources, named by their SHA-256.
 */

#define G_LOG_DOMAIN "clipper-store"

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>
#include <sqlite3.h>

#include "clipper-error.h"
#include "clipper-highlight.h"
#include "clipper-store.h"
#include "clipper-store-private.h"
#include "clipper-tokenizer.h"

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

  if (!(stmt = _clipper_store_get_statement (self, CLIPPER_SQL_RESOURCE_INSERT,
                                             "INSERT INTO resources (hash, mime_type, data) VALUES (?1, ?2, ?3) "
                                             "ON CONFLICT (hash) DO NOTHING",
                                             error)))
    return FALSE;

  bytes = g_bytes_get_data (data, &size);
  sqlite3_bind_text (stmt, 1, hash, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 2, mime_type, -1, SQLITE_TRANSIENT);
  sqlite3_bind_blob64 (stmt, 3, bytes ? bytes : "", size, SQLITE_TRANSIENT);
  rc = sqlite3_step (stmt);
  _clipper_store_release_statement (stmt);

  if (rc != SQLITE_DONE)
    return _clipper_store_set_sqlite_error (error, self->db, rc, _("Could not save an image"));

  return TRUE;
}

GBytes *
clipper_store_dup_resource (ClipperStore  *self,
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

  if (!(stmt = _clipper_store_get_statement (self, CLIPPER_SQL_RESOURCE_FIND,
                                             "SELECT mime_type, data FROM resources WHERE hash = ?1", error)))
    return NULL;

  sqlite3_bind_text (stmt, 1, hash, -1, SQLITE_TRANSIENT);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    {
      data = g_bytes_new (sqlite3_column_blob (stmt, 1), sqlite3_column_bytes (stmt, 1));
      if (mime_type)
        *mime_type = g_strdup (_clipper_store_column_text (stmt, 0));
    }
  _clipper_store_release_statement (stmt);

  if (rc == SQLITE_DONE)
    g_set_error (error, CLIPPER_ERROR, CLIPPER_ERROR_NOT_FOUND,
                 _("The image is not in the library."));
  else if (rc != SQLITE_ROW)
    _clipper_store_set_sqlite_error (error, self->db, rc, _("Could not read an image"));

  return data;
}
