/* clipper-store-tags.c
 *
 * Copyright 2026 The Clipper authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Tags: of clippings and of highlights, listing, counting and renaming.
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

gboolean
_clipper_store_add_tag (ClipperStore  *self,
                        gint64         clipping_id,
                        const char    *name,
                        GError       **error)
{
  sqlite3_stmt *insert_tag;
  sqlite3_stmt *link;
  int rc;

  if (!(insert_tag = _clipper_store_get_statement (self, CLIPPER_SQL_TAG_INSERT,
                                                   "INSERT INTO tags (name) VALUES (trim (?1)) "
                                                   "ON CONFLICT (name) DO NOTHING",
                                                   error)))
    return FALSE;

  sqlite3_bind_text (insert_tag, 1, name, -1, SQLITE_TRANSIENT);
  rc = sqlite3_step (insert_tag);
  _clipper_store_release_statement (insert_tag);
  if (rc != SQLITE_DONE)
    return _clipper_store_set_sqlite_error (error, self->db, rc, _("Could not save the tag"));

  if (!(link = _clipper_store_get_statement (self, CLIPPER_SQL_CLIPPING_TAG_ADD,
                                             "INSERT OR IGNORE INTO clipping_tags (clipping_id, tag_id) "
                                             "SELECT ?1, id FROM tags WHERE name = trim (?2)",
                                             error)))
    return FALSE;

  sqlite3_bind_int64 (link, 1, clipping_id);
  sqlite3_bind_text (link, 2, name, -1, SQLITE_TRANSIENT);
  rc = sqlite3_step (link);
  _clipper_store_release_statement (link);
  if (rc != SQLITE_DONE)
    return _clipper_store_set_sqlite_error (error, self->db, rc, _("Could not save the tag"));

  return TRUE;
}

gboolean
_clipper_store_ensure_tag (ClipperStore  *self,
                           const char    *name,
                           GError       **error)
{
  sqlite3_stmt *stmt;
  int rc;

  if (!(stmt = _clipper_store_get_statement (self, CLIPPER_SQL_TAG_INSERT,
                                             "INSERT INTO tags (name) VALUES (trim (?1)) "
                                             "ON CONFLICT (name) DO NOTHING",
                                             error)))
    return FALSE;

  sqlite3_bind_text (stmt, 1, name, -1, SQLITE_TRANSIENT);
  rc = sqlite3_step (stmt);
  _clipper_store_release_statement (stmt);
  if (rc != SQLITE_DONE)
    return _clipper_store_set_sqlite_error (error, self->db, rc, _("Could not save the tag"));

  return TRUE;
}

gboolean
_clipper_store_drop_unused_tags (ClipperStore  *self,
                                 GError       **error)
{
  return _clipper_store_exec (self,
                              "DELETE FROM tags WHERE id NOT IN (SELECT tag_id FROM clipping_tags) "
                              "AND id NOT IN (SELECT tag_id FROM highlight_tags)",
                              error);
}

char **
_clipper_store_load_tags (ClipperStore  *self,
                          gint64         clipping_id,
                          GError       **error)
{
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
  sqlite3_stmt *stmt;
  int rc;

  if (!(stmt = _clipper_store_get_statement (self, CLIPPER_SQL_CLIPPING_TAGS_LIST,
                                             "SELECT t.name FROM tags t JOIN clipping_tags ct ON ct.tag_id = t.id "
                                             "WHERE ct.clipping_id = ?1 ORDER BY t.name COLLATE NOCASE",
                                             error)))
    return NULL;

  sqlite3_bind_int64 (stmt, 1, clipping_id);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    g_strv_builder_add (builder, _clipper_store_column_text (stmt, 0));
  _clipper_store_release_statement (stmt);

  if (rc != SQLITE_DONE)
    {
      _clipper_store_set_sqlite_error (error, self->db, rc, _("Could not read the tags"));
      return NULL;
    }

  return g_strv_builder_end (builder);
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

  if (!(stmt = _clipper_store_get_statement (self, CLIPPER_SQL_TAG_LIST,
                                             "SELECT name FROM tags ORDER BY name COLLATE NOCASE", error)))
    return NULL;

  tags = g_ptr_array_new_with_free_func (g_free);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    g_ptr_array_add (tags, g_strdup (_clipper_store_column_text (stmt, 0)));
  _clipper_store_release_statement (stmt);

  if (rc != SQLITE_DONE)
    {
      _clipper_store_set_sqlite_error (error, self->db, rc, _("Could not read the tags"));
      return NULL;
    }

  return g_steal_pointer (&tags);
}

gboolean
clipper_store_add_clipping_tags (ClipperStore        *self,
                                 gint64               clipping_id,
                                 const char * const  *tags,
                                 GError             **error)
{
  g_autoptr(GMutexLocker) locker = NULL;

  g_return_val_if_fail (CLIPPER_IS_STORE (self), FALSE);

  locker = g_mutex_locker_new (&self->mutex);

  if (!_clipper_store_begin (self, error))
    return FALSE;

  if (!_clipper_store_check_clipping (self, clipping_id, error))
    goto fail;

  for (guint i = 0; tags && tags[i]; i++)
    if (!_clipper_store_add_tag (self, clipping_id, tags[i], error))
      goto fail;

  if (!_clipper_store_reindex (self, clipping_id, error) || !_clipper_store_commit (self, error))
    goto fail;
  return TRUE;

fail:
  _clipper_store_rollback (self);
  return FALSE;
}

/* Replaces a clipping's tags, inside the caller's transaction; tags no
 * longer used go. */
gboolean
_clipper_store_replace_clipping_tags (ClipperStore        *self,
                                      gint64               clipping_id,
                                      const char * const  *tags,
                                      GError             **error)
{
  if (!_clipper_store_run_id_text (self, CLIPPER_SQL_CLIPPING_TAGS_CLEAR,
                                   "DELETE FROM clipping_tags WHERE clipping_id = ?1", clipping_id, NULL, error))
    return FALSE;

  for (guint i = 0; tags && tags[i]; i++)
    if (!_clipper_store_add_tag (self, clipping_id, tags[i], error))
      return FALSE;

  return _clipper_store_drop_unused_tags (self, error);
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

  if (!_clipper_store_begin (self, error))
    return FALSE;

  if (!_clipper_store_replace_clipping_tags (self, clipping_id, tags, error) ||
      !_clipper_store_reindex (self, clipping_id, error) ||
      !_clipper_store_commit (self, error))
    {
      _clipper_store_rollback (self);
      return FALSE;
    }
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

  if (!(stmt = _clipper_store_get_statement (self, CLIPPER_SQL_TAG_FIND,
                                             "SELECT id FROM tags WHERE name = trim (?1)", error)))
    return -1;

  sqlite3_bind_text (stmt, 1, name, -1, SQLITE_TRANSIENT);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    id = sqlite3_column_int64 (stmt, 0);
  _clipper_store_release_statement (stmt);

  if (rc != SQLITE_ROW && rc != SQLITE_DONE)
    {
      _clipper_store_set_sqlite_error (error, self->db, rc, _("Could not read the tags"));
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

  if (!_clipper_store_begin (self, error))
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
  if (!_clipper_store_run_id_text (self, CLIPPER_SQL_REINDEX_LATER_CREATE,
                                   "CREATE TEMP TABLE IF NOT EXISTS reindex_later (id INTEGER PRIMARY KEY)",
                                   0, NULL, error) ||
      !_clipper_store_run_id_text (self, CLIPPER_SQL_REINDEX_LATER_ADD_TAG,
                                   "INSERT OR IGNORE INTO reindex_later "
                                   "SELECT clipping_id FROM clipping_tags WHERE tag_id = ?1 UNION "
                                   "SELECT h.clipping_id FROM highlight_tags ht "
                                   "  JOIN highlights h ON h.id = ht.highlight_id WHERE ht.tag_id = ?1",
                                   old_id, NULL, error))
    goto fail;

  if (new_id == 0 || new_id == old_id)
    {
      if (!_clipper_store_run_id_text (self, CLIPPER_SQL_TAG_RENAME,
                                       "UPDATE tags SET name = ?2 WHERE id = ?1", old_id, trimmed, error))
        goto fail;
    }
  else
    {
      if (!_clipper_store_run_two_ids (self, CLIPPER_SQL_CLIPPING_TAGS_MOVE,
                                       "INSERT OR IGNORE INTO clipping_tags (clipping_id, tag_id) "
                                       "SELECT clipping_id, ?2 FROM clipping_tags WHERE tag_id = ?1",
                                       old_id, new_id, error) ||
          !_clipper_store_run_two_ids (self, CLIPPER_SQL_HIGHLIGHT_TAGS_MOVE,
                                       "INSERT OR IGNORE INTO highlight_tags (highlight_id, tag_id) "
                                       "SELECT highlight_id, ?2 FROM highlight_tags WHERE tag_id = ?1",
                                       old_id, new_id, error) ||
          !_clipper_store_run_id_text (self, CLIPPER_SQL_TAG_DELETE,
                                       "DELETE FROM tags WHERE id = ?1", old_id, NULL, error))
        goto fail;
    }

  if (!_clipper_store_reindex_pending (self, error) || !_clipper_store_commit (self, error))
    goto fail;

  return TRUE;

fail:
  _clipper_store_rollback (self);
  return FALSE;
}

void
clipper_count_free (ClipperCount *count)
{
  if (count == NULL)
    return;

  g_free (count->name);
  g_free (count);
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

  if (!(stmt = _clipper_store_get_statement (self, CLIPPER_SQL_TAG_COUNTS,
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

      count->name = g_strdup (_clipper_store_column_text (stmt, 0));
      count->clippings = sqlite3_column_int64 (stmt, 1);
      count->highlights = sqlite3_column_int64 (stmt, 2);
      g_ptr_array_add (counts, count);
    }
  _clipper_store_release_statement (stmt);

  if (rc != SQLITE_DONE)
    {
      _clipper_store_set_sqlite_error (error, self->db, rc, _("Could not read the tags"));
      return NULL;
    }

  return g_steal_pointer (&counts);
}
