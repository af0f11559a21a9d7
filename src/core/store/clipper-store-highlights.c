/* clipper-store-highlights.c
 *
 * Copyright 2026 The Clipper authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Highlights, with their notes and tags.
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

static gboolean
set_highlight_tags (ClipperStore        *self,
                    gint64               highlight_id,
                    const char * const  *tags,
                    GError             **error)
{
  if (!_clipper_store_run_id_text (self, CLIPPER_SQL_HIGHLIGHT_TAGS_CLEAR,
                                   "DELETE FROM highlight_tags WHERE highlight_id = ?1", highlight_id, NULL, error))
    return FALSE;

  for (guint i = 0; tags && tags[i]; i++)
    if (!_clipper_store_ensure_tag (self, tags[i], error) ||
        !_clipper_store_run_id_text (self, CLIPPER_SQL_HIGHLIGHT_TAG_ADD,
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
    return _clipper_store_run_id_text (self, CLIPPER_SQL_NOTE_DELETE,
                                       "DELETE FROM notes WHERE highlight_id = ?1", highlight_id, NULL, error);

  if (!(stmt = _clipper_store_get_statement (self, CLIPPER_SQL_NOTE_SET,
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
  _clipper_store_release_statement (stmt);
  if (rc != SQLITE_DONE)
    return _clipper_store_set_sqlite_error (error, self->db, rc, _("Could not save the note"));

  return TRUE;
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

  if (!(stmt = _clipper_store_get_statement (self, CLIPPER_SQL_HIGHLIGHT_INSERT,
                                             "INSERT INTO highlights (id, clipping_id, color, exact, prefix, suffix, "
                                             "  start_offset, end_offset, orphaned, created_at, updated_at, uuid) "
                                             "VALUES ((SELECT last + 1 FROM id_marks WHERE name = 'highlights'), "
                                             "  ?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11)",
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
  /* An imported highlight keeps when it was made. */
  sqlite3_bind_int64 (stmt, 9, clipper_highlight_get_created_at (highlight) > 0
                               ? clipper_highlight_get_created_at (highlight)
                               : now);
  sqlite3_bind_int64 (stmt, 10, now);
  {
    g_autofree char *uuid = g_uuid_string_random ();

    sqlite3_bind_text (stmt, 11, uuid, -1, SQLITE_TRANSIENT);
  }
  rc = sqlite3_step (stmt);
  _clipper_store_release_statement (stmt);
  if (rc != SQLITE_DONE)
    {
      _clipper_store_set_sqlite_error (error, self->db, rc, _("Could not save the highlight"));
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

  if (!_clipper_store_begin (self, error))
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
    if (!_clipper_store_reindex (self, *(gint64 *)key, error))
      goto fail;

  if (!_clipper_store_commit (self, error))
    goto fail;

  /* Only once it all stuck. */
  for (guint i = 0; i < highlights->len; i++)
    {
      clipper_highlight_set_id (g_ptr_array_index (highlights, i), g_array_index (ids, gint64, i));
      clipper_highlight_set_created_at (g_ptr_array_index (highlights, i), now);
    }

  return TRUE;

fail:
  _clipper_store_rollback (self);
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

  if (!_clipper_store_begin (self, error))
    return FALSE;

  if (!(stmt = _clipper_store_get_statement (self, CLIPPER_SQL_HIGHLIGHT_UPDATE,
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
  _clipper_store_release_statement (stmt);
  if (rc != SQLITE_DONE)
    {
      _clipper_store_set_sqlite_error (error, self->db, rc, _("Could not save the highlight"));
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
      !_clipper_store_drop_unused_tags (self, error) ||
      !_clipper_store_reindex (self, clipper_highlight_get_clipping_id (highlight), error) ||
      !_clipper_store_commit (self, error))
    goto fail;

  return TRUE;

fail:
  _clipper_store_rollback (self);
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

  if (!_clipper_store_begin (self, error))
    return FALSE;

  /* The clipping it belonged to is reindexed without it. */
  if (!_clipper_store_run_id_text (self, CLIPPER_SQL_REINDEX_LATER_CREATE,
                                   "CREATE TEMP TABLE IF NOT EXISTS reindex_later (id INTEGER PRIMARY KEY)",
                                   0, NULL, error) ||
      !_clipper_store_run_id_text (self, CLIPPER_SQL_REINDEX_LATER_ADD_HIGHLIGHT,
                                   "INSERT OR IGNORE INTO reindex_later SELECT clipping_id FROM highlights WHERE id = ?1",
                                   id, NULL, error) ||
      !_clipper_store_run_id_text (self, CLIPPER_SQL_HIGHLIGHT_DELETE,
                                   "DELETE FROM highlights WHERE id = ?1", id, NULL, error))
    goto fail;
  if (sqlite3_changes (self->db) == 0)
    {
      g_set_error (error, CLIPPER_ERROR, CLIPPER_ERROR_NOT_FOUND, _("The highlight no longer exists."));
      goto fail;
    }
  if (!_clipper_store_drop_unused_tags (self, error) || !_clipper_store_reindex_pending (self, error) || !_clipper_store_commit (self, error))
    goto fail;

  return TRUE;

fail:
  _clipper_store_rollback (self);
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

  if (!(stmt = _clipper_store_get_statement (self, CLIPPER_SQL_HIGHLIGHT_LIST,
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
      const char *tags = _clipper_store_column_text (stmt, 11);
      g_auto(GStrv) split = tags ? g_strsplit (tags, "\x1f", -1) : NULL;
      ClipperHighlightFields fields = {
        .id = sqlite3_column_int64 (stmt, 0),
        .clipping_id = sqlite3_column_int64 (stmt, 1),
        .color = _clipper_store_column_text (stmt, 2),
        .exact = _clipper_store_column_text (stmt, 3),
        .prefix = _clipper_store_column_text (stmt, 4),
        .suffix = _clipper_store_column_text (stmt, 5),
        .start = sqlite3_column_int64 (stmt, 6),
        .end = sqlite3_column_int64 (stmt, 7),
        .orphaned = sqlite3_column_int (stmt, 8),
        .created_at = sqlite3_column_int64 (stmt, 9),
        .note = _clipper_store_column_text (stmt, 10),
        .tags = (const char * const *)split,
      };
      ClipperHighlight *highlight = clipper_highlight_new_from_fields (&fields);

      g_ptr_array_add (highlights, highlight);
    }
  _clipper_store_release_statement (stmt);

  if (rc != SQLITE_DONE)
    {
      _clipper_store_set_sqlite_error (error, self->db, rc, _("Could not read the highlights"));
      return NULL;
    }

  return g_steal_pointer (&highlights);
}
