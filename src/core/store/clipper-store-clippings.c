/* clipper-store-clippings.c
 *
 * Copyright 2026 The Clipper authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The clippings table: adding, replacing on re-clip, reading, notes, deleting,
 * and the sites they come from.
 */

#define G_LOG_DOMAIN "clipper-store"

#include "config.h"

#include <glib/gi18n.h>
#include <math.h>
#include <string.h>
#include <sqlite3.h>

#include "clipper-error.h"
#include "clipper-highlight.h"
#include "clipper-store.h"
#include "clipper-store-private.h"
#include "clipper-tokenizer.h"

ClipperClipping *
_clipper_store_clipping_from_row (sqlite3_stmt *stmt,
                                  gboolean      with_content)
{
  ClipperClipping *clipping = clipper_clipping_new ();

  clipper_clipping_set_id (clipping, sqlite3_column_int64 (stmt, 0));
  clipper_clipping_set_url (clipping, _clipper_store_column_text (stmt, 1));
  clipper_clipping_set_title (clipping, _clipper_store_column_text (stmt, 2));
  clipper_clipping_set_byline (clipping, _clipper_store_column_text (stmt, 3));
  clipper_clipping_set_site_name (clipping, _clipper_store_column_text (stmt, 4));
  clipper_clipping_set_published (clipping, _clipper_store_column_text (stmt, 5));
  clipper_clipping_set_excerpt (clipping, _clipper_store_column_text (stmt, 6));
  clipper_clipping_set_lang (clipping, _clipper_store_column_text (stmt, 7));
  clipper_clipping_set_dir (clipping, _clipper_store_column_text (stmt, 8));
  clipper_clipping_set_clipped_at (clipping, sqlite3_column_int64 (stmt, 9));
  clipper_clipping_set_is_article (clipping, sqlite3_column_int (stmt, 10));

  if (with_content)
    {
      clipper_clipping_set_content (clipping, _clipper_store_column_text (stmt, 11));
      clipper_clipping_set_text (clipping, _clipper_store_column_text (stmt, 12));
      clipper_clipping_set_fetched (clipping, sqlite3_column_bytes (stmt, 11) > 0);
    }

  return clipping;
}

static gboolean
write_body (ClipperStore     *self,
            gint64            id,
            ClipperClipping  *clipping,
            ClipperSql        key,
            const char       *sql,
            GError          **error)
{
  sqlite3_stmt *stmt;
  int rc;

  if (!(stmt = _clipper_store_get_statement (self, key, sql, error)))
    return FALSE;

  sqlite3_bind_int64 (stmt, 1, id);
  sqlite3_bind_text (stmt, 2, clipper_clipping_get_content (clipping) ?: "", -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 3, clipper_clipping_get_text (clipping) ?: "", -1, SQLITE_TRANSIENT);
  rc = sqlite3_step (stmt);
  _clipper_store_release_statement (stmt);
  if (rc != SQLITE_DONE)
    return _clipper_store_set_sqlite_error (error, self->db, rc, _("Could not save the clipping"));

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

  if (!_clipper_store_begin (self, error))
    return 0;

  if (!(stmt = _clipper_store_get_statement (self, CLIPPER_SQL_CLIPPING_INSERT,
                                             "INSERT INTO clippings (id, url, title, byline, site_name, published, "
                                             "  excerpt, lang, dir, clipped_at, updated_at, is_article, uuid) "
                                             "VALUES ((SELECT last + 1 FROM id_marks WHERE name = 'clippings'), "
                                             "  ?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12)",
                                             error)))
    goto fail;

  sqlite3_bind_text (stmt, 1, clipper_clipping_get_url (clipping) ?: "", -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 2, clipper_clipping_get_title (clipping) ?: "", -1, SQLITE_TRANSIENT);
  _clipper_store_bind_text_or_null (stmt, 3, clipper_clipping_get_byline (clipping));
  _clipper_store_bind_text_or_null (stmt, 4, clipper_clipping_get_site_name (clipping));
  _clipper_store_bind_text_or_null (stmt, 5, clipper_clipping_get_published (clipping));
  _clipper_store_bind_text_or_null (stmt, 6, clipper_clipping_get_excerpt (clipping));
  _clipper_store_bind_text_or_null (stmt, 7, clipper_clipping_get_lang (clipping));
  _clipper_store_bind_text_or_null (stmt, 8, clipper_clipping_get_dir (clipping));
  sqlite3_bind_int64 (stmt, 9, clipped_at);
  sqlite3_bind_int64 (stmt, 10, now);
  sqlite3_bind_int (stmt, 11, clipper_clipping_get_is_article (clipping));
  {
    g_autofree char *uuid = g_uuid_string_random ();

    sqlite3_bind_text (stmt, 12, uuid, -1, SQLITE_TRANSIENT);
  }

  rc = sqlite3_step (stmt);
  _clipper_store_release_statement (stmt);
  if (rc != SQLITE_DONE)
    {
      _clipper_store_set_sqlite_error (error, self->db, rc, _("Could not save the clipping"));
      goto fail;
    }

  id = sqlite3_last_insert_rowid (self->db);

  if (!write_body (self, id, clipping, CLIPPER_SQL_BODY_INSERT,
                   "INSERT INTO clipping_bodies (clipping_id, content, text) "
                                      "VALUES (?1, ?2, ?3)", error))
    goto fail;

  tags = clipper_clipping_get_tags (clipping);
  for (guint i = 0; tags[i] != NULL; i++)
    {
      if (!_clipper_store_add_tag (self, id, tags[i], error))
        goto fail;
    }

  if (!_clipper_store_capture_citation (self, id, clipping, clipped_at, FALSE, error) ||
      !_clipper_store_reindex (self, id, error) || !_clipper_store_commit (self, error))
    goto fail;

  clipper_clipping_set_id (clipping, id);
  clipper_clipping_set_clipped_at (clipping, clipped_at);

  return id;

fail:
  _clipper_store_rollback (self);
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

  if (!(stmt = _clipper_store_get_statement (self, CLIPPER_SQL_CLIPPING_LIST,
                                             "SELECT id, url, title, byline, site_name, published, excerpt, "
                                             "  lang, dir, clipped_at, is_article "
                                             "FROM clippings ORDER BY clipped_at DESC, id DESC",
                                             error)))
    return NULL;

  clippings = g_ptr_array_new_with_free_func (g_object_unref);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    g_ptr_array_add (clippings, _clipper_store_clipping_from_row (stmt, FALSE));
  _clipper_store_release_statement (stmt);

  if (rc != SQLITE_DONE)
    {
      _clipper_store_set_sqlite_error (error, self->db, rc, _("Could not read the library"));
      return NULL;
    }

  return g_steal_pointer (&clippings);
}

/* Clipping @id, read with or without its content and text. */
static ClipperClipping *
find_clipping (ClipperStore  *self,
               gint64         id,
               gboolean       with_content,
               GError       **error)
{
  g_autoptr(GMutexLocker) locker = NULL;
  g_autoptr(ClipperClipping) clipping = NULL;
  g_auto(GStrv) tags = NULL;
  sqlite3_stmt *stmt;
  int rc;

  g_return_val_if_fail (CLIPPER_IS_STORE (self), NULL);

  locker = g_mutex_locker_new (&self->mutex);

  if (with_content)
    stmt = _clipper_store_get_statement (self, CLIPPER_SQL_CLIPPING_FIND,
                                         "SELECT id, url, title, byline, site_name, published, excerpt, "
                                         "  lang, dir, clipped_at, is_article, b.content, b.text, "
                                         "  " CLIPPER_SQL_IS_ARCHIVED_C ", " CLIPPER_SQL_PROGRESS_C " "
                                         "FROM clippings c LEFT JOIN clipping_bodies b ON b.clipping_id = c.id "
                                         "WHERE id = ?1",
                                         error);
  else
    stmt = _clipper_store_get_statement (self, CLIPPER_SQL_CLIPPING_FIND_META,
                                         "SELECT id, url, title, byline, site_name, published, excerpt, "
                                         "  lang, dir, clipped_at, is_article, " CLIPPER_SQL_IS_UNFETCHED_C ", "
                                         "  " CLIPPER_SQL_IS_ARCHIVED_C ", " CLIPPER_SQL_PROGRESS_C " "
                                         "FROM clippings c WHERE id = ?1",
                                         error);
  if (stmt == NULL)
    return NULL;

  sqlite3_bind_int64 (stmt, 1, id);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    {
      clipping = _clipper_store_clipping_from_row (stmt, with_content);
      if (!with_content)
        clipper_clipping_set_fetched (clipping, !sqlite3_column_int (stmt, 11));
      clipper_clipping_set_archived (clipping, sqlite3_column_int (stmt, with_content ? 13 : 12));
      clipper_clipping_set_progress (clipping, sqlite3_column_double (stmt, with_content ? 14 : 13));
    }
  _clipper_store_release_statement (stmt);

  if (rc == SQLITE_DONE)
    {
      _clipper_store_set_not_found (error, id);
      return NULL;
    }
  else if (rc != SQLITE_ROW)
    {
      _clipper_store_set_sqlite_error (error, self->db, rc, _("Could not read the clipping"));
      return NULL;
    }

  if (!(tags = _clipper_store_load_tags (self, id, error)))
    return NULL;
  clipper_clipping_set_tags (clipping, (const char * const *)tags);

  return g_steal_pointer (&clipping);
}

ClipperClipping *
clipper_store_find_clipping (ClipperStore  *self,
                             gint64         id,
                             GError       **error)
{
  return find_clipping (self, id, TRUE, error);
}

/**
 * clipper_store_find_clipping_meta:
 *
 * Clipping @id with its tags but not its content or text, for what needs
 * only its address, title and dates.
 */
ClipperClipping *
clipper_store_find_clipping_meta (ClipperStore  *self,
                                  gint64         id,
                                  GError       **error)
{
  return find_clipping (self, id, FALSE, error);
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

  if (!_clipper_store_begin (self, error))
    return FALSE;

  if (!(stmt = _clipper_store_get_statement (self, CLIPPER_SQL_CLIPPING_DELETE,
                                             "DELETE FROM clippings WHERE id = ?1", error)))
    goto fail;

  sqlite3_bind_int64 (stmt, 1, id);
  rc = sqlite3_step (stmt);
  _clipper_store_release_statement (stmt);
  if (rc != SQLITE_DONE)
    {
      _clipper_store_set_sqlite_error (error, self->db, rc, _("Could not delete the clipping"));
      goto fail;
    }

  changes = sqlite3_changes (self->db);
  if (changes == 0)
    {
      _clipper_store_set_not_found (error, id);
      goto fail;
    }

  /* Tags nobody uses any more go with their last clipping. */
  if (!_clipper_store_exec (self,
                            "DELETE FROM tags WHERE id NOT IN (SELECT tag_id FROM clipping_tags) "
                            "AND id NOT IN (SELECT tag_id FROM highlight_tags)",
                            error))
    goto fail;

  if (_clipper_store_reindex (self, id, error) && _clipper_store_commit (self, error))
    return TRUE;

fail:
  _clipper_store_rollback (self);
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

  if (!(stmt = _clipper_store_get_statement (self, CLIPPER_SQL_CLIPPING_COUNT,
                                             "SELECT count(*) FROM clippings", error)))
    return -1;

  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    count = sqlite3_column_int64 (stmt, 0);
  else
    _clipper_store_set_sqlite_error (error, self->db, rc, _("Could not read the library"));
  _clipper_store_release_statement (stmt);

  return count;
}

/* The note on a clipping as a whole; an empty one is removed. */
/* Writes the note, inside the caller's transaction. */
static gboolean
write_note (ClipperStore  *self,
            gint64         clipping_id,
            const char    *note,
            GError       **error)
{
  sqlite3_stmt *stmt;
  int rc;

  if (!(stmt = _clipper_store_get_statement (self, CLIPPER_SQL_CLIPPING_SET_NOTE,
                                             "UPDATE clippings SET note = ?2, updated_at = ?3 WHERE id = ?1",
                                             error)))
    return FALSE;

  sqlite3_bind_int64 (stmt, 1, clipping_id);
  if (note != NULL && note[0] != '\0')
    sqlite3_bind_text (stmt, 2, note, -1, SQLITE_TRANSIENT);
  else
    sqlite3_bind_null (stmt, 2);
  sqlite3_bind_int64 (stmt, 3, g_get_real_time () / G_USEC_PER_SEC);
  rc = sqlite3_step (stmt);
  _clipper_store_release_statement (stmt);
  if (rc != SQLITE_DONE)
    return _clipper_store_set_sqlite_error (error, self->db, rc, _("Could not save the note"));
  if (sqlite3_changes (self->db) == 0)
    {
      _clipper_store_set_not_found (error, clipping_id);
      return FALSE;
    }
  return TRUE;
}

gboolean
clipper_store_set_clipping_note (ClipperStore  *self,
                                 gint64         clipping_id,
                                 const char    *note,
                                 GError       **error)
{
  g_autoptr(GMutexLocker) locker = NULL;

  g_return_val_if_fail (CLIPPER_IS_STORE (self), FALSE);

  locker = g_mutex_locker_new (&self->mutex);

  if (!_clipper_store_begin (self, error))
    return FALSE;

  if (!write_note (self, clipping_id, note, error) ||
      !_clipper_store_reindex (self, clipping_id, error) ||
      !_clipper_store_commit (self, error))
    {
      _clipper_store_rollback (self);
      return FALSE;
    }
  return TRUE;
}

/**
 * clipper_store_set_clipping_details:
 *
 * Sets a clipping's note and replaces its tags in one transaction: what
 * the user typed is kept whole or not at all.
 */
gboolean
clipper_store_set_clipping_details (ClipperStore        *self,
                                    gint64               clipping_id,
                                    const char          *note,
                                    const char * const  *tags,
                                    GError             **error)
{
  g_autoptr(GMutexLocker) locker = NULL;

  g_return_val_if_fail (CLIPPER_IS_STORE (self), FALSE);

  locker = g_mutex_locker_new (&self->mutex);

  if (!_clipper_store_begin (self, error))
    return FALSE;

  if (!write_note (self, clipping_id, note, error) ||
      !_clipper_store_replace_clipping_tags (self, clipping_id, tags, error) ||
      !_clipper_store_reindex (self, clipping_id, error) ||
      !_clipper_store_commit (self, error))
    {
      _clipper_store_rollback (self);
      return FALSE;
    }
  return TRUE;
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

  if (!(stmt = _clipper_store_get_statement (self, CLIPPER_SQL_CLIPPING_GET_NOTE,
                                             "SELECT note FROM clippings WHERE id = ?1", error)))
    return NULL;

  sqlite3_bind_int64 (stmt, 1, clipping_id);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    note = g_strdup (_clipper_store_column_text (stmt, 0) ? _clipper_store_column_text (stmt, 0) : "");
  _clipper_store_release_statement (stmt);

  if (rc == SQLITE_DONE)
    _clipper_store_set_not_found (error, clipping_id);
  else if (rc != SQLITE_ROW)
    _clipper_store_set_sqlite_error (error, self->db, rc, _("Could not read the note"));

  return note;
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

  if (!_clipper_store_begin (self, error))
    return FALSE;

  if (!(stmt = _clipper_store_get_statement (self, CLIPPER_SQL_CLIPPING_UPDATE,
                                             "UPDATE clippings SET title = ?2, byline = ?3, site_name = ?4, "
                                             "  published = ?5, excerpt = ?6, lang = ?7, dir = ?8, "
                                             "  is_article = ?9, updated_at = ?10 "
                                             "WHERE id = ?1",
                                             error)))
    goto fail;

  sqlite3_bind_int64 (stmt, 1, id);
  sqlite3_bind_text (stmt, 2, clipper_clipping_get_title (clipping) ?: "", -1, SQLITE_TRANSIENT);
  _clipper_store_bind_text_or_null (stmt, 3, clipper_clipping_get_byline (clipping));
  _clipper_store_bind_text_or_null (stmt, 4, clipper_clipping_get_site_name (clipping));
  _clipper_store_bind_text_or_null (stmt, 5, clipper_clipping_get_published (clipping));
  _clipper_store_bind_text_or_null (stmt, 6, clipper_clipping_get_excerpt (clipping));
  _clipper_store_bind_text_or_null (stmt, 7, clipper_clipping_get_lang (clipping));
  _clipper_store_bind_text_or_null (stmt, 8, clipper_clipping_get_dir (clipping));
  sqlite3_bind_int (stmt, 9, clipper_clipping_get_is_article (clipping));
  sqlite3_bind_int64 (stmt, 10, g_get_real_time () / G_USEC_PER_SEC);
  rc = sqlite3_step (stmt);
  _clipper_store_release_statement (stmt);
  if (rc != SQLITE_DONE)
    {
      _clipper_store_set_sqlite_error (error, self->db, rc, _("Could not save the clipping"));
      goto fail;
    }
  if (sqlite3_changes (self->db) == 0)
    {
      _clipper_store_set_not_found (error, id);
      goto fail;
    }
  if (!write_body (self, id, clipping, CLIPPER_SQL_BODY_REPLACE,
                   "INSERT OR REPLACE INTO clipping_bodies (clipping_id, content, text) "
                                      "VALUES (?1, ?2, ?3)", error))
    goto fail;

  for (guint i = 0; highlights && i < highlights->len; i++)
    {
      ClipperHighlight *highlight = g_ptr_array_index (highlights, i);

      if (!(stmt = _clipper_store_get_statement (self, CLIPPER_SQL_HIGHLIGHT_REANCHOR,
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
      _clipper_store_release_statement (stmt);
      if (rc != SQLITE_DONE)
        {
          _clipper_store_set_sqlite_error (error, self->db, rc, _("Could not save the highlight"));
          goto fail;
        }
    }

  if (!_clipper_store_capture_citation (self, id, clipping, clipper_clipping_get_clipped_at (clipping), TRUE,
                                        error) ||
      !_clipper_store_reindex (self, id, error) || !_clipper_store_commit (self, error))
    goto fail;

  clipper_clipping_set_id (clipping, id);
  return TRUE;

fail:
  _clipper_store_rollback (self);
  return FALSE;
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

  if (!(stmt = _clipper_store_get_statement (self, CLIPPER_SQL_CLIPPING_SITES,
                                             "SELECT c.site_name, c.url, coalesce(h.n, 0) FROM clippings c "
                                             "LEFT JOIN (SELECT clipping_id, count(*) AS n FROM highlights "
                                             "           GROUP BY clipping_id) h ON h.clipping_id = c.id",
                                             error)))
    return NULL;

  counts = g_ptr_array_new_with_free_func ((GDestroyNotify)clipper_count_free);
  by_name = g_hash_table_new (g_str_hash, g_str_equal);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      const char *site_name = _clipper_store_column_text (stmt, 0);
      const char *url = _clipper_store_column_text (stmt, 1);
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
  _clipper_store_release_statement (stmt);

  if (rc != SQLITE_DONE)
    {
      _clipper_store_set_sqlite_error (error, self->db, rc, _("Could not read the sites"));
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

  if (!(stmt = _clipper_store_get_statement (self, CLIPPER_SQL_CLIPPING_FIND_BY_URL,
                                             "SELECT id FROM clippings WHERE url = ?1 ORDER BY clipped_at DESC, id DESC LIMIT 1",
                                             error)))
    return 0;

  sqlite3_bind_text (stmt, 1, url, -1, SQLITE_TRANSIENT);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    id = sqlite3_column_int64 (stmt, 0);
  else if (rc != SQLITE_DONE)
    _clipper_store_set_sqlite_error (error, self->db, rc, _("Could not read the library"));
  _clipper_store_release_statement (stmt);

  return id;
}

/**
 * clipper_store_list_unfetched:
 * @ids: (nullable) (array length=n_ids): the clippings to look at, or
 *   %NULL for the whole library
 *
 * The pages imported as addresses whose text is still to be fetched,
 * oldest first, without their (empty) content.
 *
 * Returns: (transfer full) (element-type ClipperClipping): the clippings
 */
GPtrArray *
clipper_store_list_unfetched (ClipperStore  *self,
                              const gint64  *ids,
                              guint          n_ids,
                              GError       **error)
{
  g_autoptr(GMutexLocker) locker = NULL;
  g_autoptr(GPtrArray) clippings = NULL;
  g_autoptr(GString) wanted = g_string_new ("[");
  sqlite3_stmt *stmt;
  int rc;

  g_return_val_if_fail (CLIPPER_IS_STORE (self), NULL);

  for (guint i = 0; ids != NULL && i < n_ids; i++)
    g_string_append_printf (wanted, "%s%" G_GINT64_FORMAT, i ? "," : "", ids[i]);
  g_string_append_c (wanted, ']');

  locker = g_mutex_locker_new (&self->mutex);

  if (!(stmt = _clipper_store_get_statement (self, CLIPPER_SQL_UNFETCHED_LIST,
                                             "SELECT id, url, title, byline, site_name, published, excerpt, "
                                             "  lang, dir, clipped_at, is_article "
                                             "FROM clippings c WHERE " CLIPPER_SQL_IS_UNFETCHED_C " "
                                             "  AND (?1 IS NULL OR id IN (SELECT value FROM json_each (?1))) "
                                             "ORDER BY clipped_at, id",
                                             error)))
    return NULL;

  if (ids != NULL)
    sqlite3_bind_text (stmt, 1, wanted->str, -1, SQLITE_TRANSIENT);
  clippings = g_ptr_array_new_with_free_func (g_object_unref);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      ClipperClipping *clipping = _clipper_store_clipping_from_row (stmt, FALSE);

      clipper_clipping_set_fetched (clipping, FALSE);
      g_ptr_array_add (clippings, clipping);
    }
  _clipper_store_release_statement (stmt);

  if (rc != SQLITE_DONE)
    {
      _clipper_store_set_sqlite_error (error, self->db, rc, _("Could not read the library"));
      return NULL;
    }

  return g_steal_pointer (&clippings);
}

/* Runs @stmt, bound, as the last step of the transaction begun; commits,
 * or rolls back with @error set. */
static gboolean
finish_write (ClipperStore  *self,
              sqlite3_stmt  *stmt,
              GError       **error)
{
  int rc = sqlite3_step (stmt);

  _clipper_store_release_statement (stmt);
  if (rc != SQLITE_DONE)
    _clipper_store_set_sqlite_error (error, self->db, rc, _("Could not save the change"));
  if (rc != SQLITE_DONE || !_clipper_store_commit (self, error))
    {
      _clipper_store_rollback (self);
      return FALSE;
    }
  return TRUE;
}

/**
 * clipper_store_set_archived:
 *
 * Archives a clipping (kept and searchable, out of the Library's list) or
 * brings it back. Archiving one already archived keeps its first date.
 */
gboolean
clipper_store_set_archived (ClipperStore  *self,
                            gint64         id,
                            gboolean       archived,
                            GError       **error)
{
  g_autoptr(GMutexLocker) locker = NULL;
  sqlite3_stmt *stmt;

  g_return_val_if_fail (CLIPPER_IS_STORE (self), FALSE);

  locker = g_mutex_locker_new (&self->mutex);

  if (!_clipper_store_begin (self, error))
    return FALSE;

  if (!_clipper_store_check_clipping (self, id, error))
    goto fail;

  if (!(stmt = _clipper_store_get_statement (self, archived ? CLIPPER_SQL_ARCHIVE : CLIPPER_SQL_UNARCHIVE,
                                             archived ? "INSERT INTO archived (clipping_id, archived_at) "
                                                        "VALUES (?1, ?2) ON CONFLICT DO NOTHING"
                                                      : "DELETE FROM archived WHERE clipping_id = ?1",
                                             error)))
    goto fail;
  sqlite3_bind_int64 (stmt, 1, id);
  if (archived)
    sqlite3_bind_int64 (stmt, 2, g_get_real_time () / G_USEC_PER_SEC);
  return finish_write (self, stmt, error);

fail:
  _clipper_store_rollback (self);
  return FALSE;
}

/**
 * clipper_store_set_progress:
 * @progress: how far the clipping was read, from 0 to 1
 *
 * Keeps how far a clipping was read, for it to open there again and for
 * lists to show it.
 */
gboolean
clipper_store_set_progress (ClipperStore  *self,
                            gint64         id,
                            double         progress,
                            GError       **error)
{
  g_autoptr(GMutexLocker) locker = NULL;
  sqlite3_stmt *stmt;

  g_return_val_if_fail (CLIPPER_IS_STORE (self), FALSE);

  locker = g_mutex_locker_new (&self->mutex);

  if (!_clipper_store_begin (self, error))
    return FALSE;
  if (!_clipper_store_check_clipping (self, id, error) ||
      !(stmt = _clipper_store_get_statement (self, CLIPPER_SQL_SET_PROGRESS,
                                             "INSERT INTO reading (clipping_id, progress, read_at) VALUES (?1, ?2, ?3) "
                                             "ON CONFLICT DO UPDATE SET progress = excluded.progress, "
                                             "  read_at = excluded.read_at",
                                             error)))
    goto fail;
  sqlite3_bind_int64 (stmt, 1, id);
  sqlite3_bind_double (stmt, 2, isnan (progress) ? 0 : CLAMP (progress, 0.0, 1.0));
  sqlite3_bind_int64 (stmt, 3, g_get_real_time () / G_USEC_PER_SEC);
  return finish_write (self, stmt, error);

fail:
  _clipper_store_rollback (self);
  return FALSE;
}
