/* clipper-store-citations.c
 *
 * Copyright 2026 The Clipper authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Each clipping's citation: written when it is clipped, refreshed when it
 * is clipped again except for the fields a person set, and a key unique
 * in the library.
 */

#define G_LOG_DOMAIN "clipper-store"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <sqlite3.h>
#include <string.h>

#include "clipper-anchor.h"
#include "clipper-citation.h"
#include "clipper-error.h"
#include "clipper-store.h"
#include "clipper-store-private.h"

#define CITATION_COLUMNS \
  "clipping_id, citation_key, item_type, authors, title, container, publisher, issued, " \
  "accessed, url, language, text_sha256, captured_at, edited"

static ClipperCitation *
citation_from_row (sqlite3_stmt *stmt)
{
  ClipperCitation *citation = clipper_citation_new ();

  citation->clipping_id = sqlite3_column_int64 (stmt, 0);
  citation->key = g_strdup (_clipper_store_column_text (stmt, 1));
  if (!clipper_item_type_from_csl (_clipper_store_column_text (stmt, 2), &citation->type))
    citation->type = CLIPPER_ITEM_WEBPAGE;
  g_ptr_array_unref (citation->authors);
  citation->authors = clipper_names_from_json (_clipper_store_column_text (stmt, 3));
  citation->title = g_strdup (_clipper_store_column_text (stmt, 4));
  citation->container = g_strdup (_clipper_store_column_text (stmt, 5));
  citation->publisher = g_strdup (_clipper_store_column_text (stmt, 6));
  citation->issued = g_strdup (_clipper_store_column_text (stmt, 7));
  citation->accessed = sqlite3_column_int64 (stmt, 8);
  citation->url = g_strdup (_clipper_store_column_text (stmt, 9));
  citation->language = g_strdup (_clipper_store_column_text (stmt, 10));
  citation->text_sha256 = g_strdup (_clipper_store_column_text (stmt, 11));
  citation->captured_at = sqlite3_column_int64 (stmt, 12);
  citation->edited = sqlite3_column_int (stmt, 13);
  return citation;
}

/* The citation of @clipping_id, or %NULL (with @error set only when the
 * library could not be read). */
static ClipperCitation *
read_citation (ClipperStore  *self,
               gint64         clipping_id,
               GError       **error)
{
  ClipperCitation *citation = NULL;
  sqlite3_stmt *stmt;
  int rc;

  if (!(stmt = _clipper_store_get_statement (self, CLIPPER_SQL_CITATION_FIND,
                                             "SELECT " CITATION_COLUMNS " FROM citations WHERE clipping_id = ?1",
                                             error)))
    return NULL;

  sqlite3_bind_int64 (stmt, 1, clipping_id);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    citation = citation_from_row (stmt);
  else if (rc != SQLITE_DONE)
    _clipper_store_set_sqlite_error (error, self->db, rc, _("Could not read the library"));
  _clipper_store_release_statement (stmt);
  return citation;
}

/* The clipping whose citation has @key, other than @except; 0 for none,
 * -1 on error. */
static gint64
key_owner (ClipperStore  *self,
           const char    *key,
           gint64         except,
           GError       **error)
{
  sqlite3_stmt *stmt;
  gint64 owner = 0;
  int rc;

  if (!(stmt = _clipper_store_get_statement (self, CLIPPER_SQL_CITATION_KEY_OWNER,
                                             "SELECT clipping_id FROM citations "
                                             "WHERE citation_key = ?1 AND clipping_id != ?2",
                                             error)))
    return -1;

  sqlite3_bind_text (stmt, 1, key, -1, SQLITE_TRANSIENT);
  sqlite3_bind_int64 (stmt, 2, except);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    owner = sqlite3_column_int64 (stmt, 0);
  else if (rc != SQLITE_DONE)
    {
      _clipper_store_set_sqlite_error (error, self->db, rc, _("Could not read the library"));
      owner = -1;
    }
  _clipper_store_release_statement (stmt);
  return owner;
}

/* "a" … "z", "aa" … : the suffixes Better BibTeX gives keys that collide. */
static char *
suffixed (const char *base,
          guint       n)
{
  GString *suffix = g_string_new (NULL);

  for (n++; n > 0; n = (n - 1) / 26)
    g_string_prepend_c (suffix, 'a' + (n - 1) % 26);
  return g_strconcat (base, suffix->str, NULL);
}

/* Whether suffix @n of @base belongs to another clipping: 1 yes, 0 no,
 * -1 on error. */
static int
suffix_taken (ClipperStore  *self,
              const char    *base,
              guint          n,
              gint64         except,
              GError       **error)
{
  g_autofree char *key = suffixed (base, n);
  gint64 owner = key_owner (self, key, except, error);

  return owner < 0 ? -1 : owner > 0;
}

/* A key for @citation no other clipping has: its base, else with the
 * first suffix after those taken. Suffixes are given in order, so the
 * taken ones run from "a": the end of the run is found by doubling and
 * halving, a few lookups for thousands of colliding keys (a library of
 * undated pages all titled alike, say). */
static char *
unique_key (ClipperStore     *self,
            ClipperCitation  *citation,
            GError          **error)
{
  g_autofree char *base = clipper_citation_dup_key_base (citation);
  gint64 owner;
  guint lo = 0, hi = 1;
  int taken;

  if ((owner = key_owner (self, base, citation->clipping_id, error)) <= 0)
    return owner < 0 ? NULL : g_steal_pointer (&base);
  if ((taken = suffix_taken (self, base, 0, citation->clipping_id, error)) <= 0)
    return taken < 0 ? NULL : suffixed (base, 0);

  /* Suffix lo is taken; find a free hi, then the first free one between. */
  while ((taken = suffix_taken (self, base, hi, citation->clipping_id, error)) > 0)
    {
      lo = hi;
      if (hi > G_MAXUINT / 4)
        {
          g_set_error (error, CLIPPER_ERROR, CLIPPER_ERROR_FAILED, _("No free citation key for “%s”"), base);
          return NULL;
        }
      hi *= 2;
    }
  if (taken < 0)
    return NULL;
  while (hi - lo > 1)
    {
      guint mid = lo + (hi - lo) / 2;

      if ((taken = suffix_taken (self, base, mid, citation->clipping_id, error)) < 0)
        return NULL;
      if (taken)
        lo = mid;
      else
        hi = mid;
    }
  return suffixed (base, hi);
}

static gboolean
write_citation (ClipperStore     *self,
                ClipperCitation  *citation,
                GError          **error)
{
  g_autofree char *authors = clipper_names_to_json (citation->authors);
  sqlite3_stmt *stmt;
  int rc;

  if (!(stmt = _clipper_store_get_statement (self, CLIPPER_SQL_CITATION_WRITE,
                                             "INSERT OR REPLACE INTO citations (" CITATION_COLUMNS ") "
                                             "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14)",
                                             error)))
    return FALSE;

  sqlite3_bind_int64 (stmt, 1, citation->clipping_id);
  sqlite3_bind_text (stmt, 2, citation->key, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 3, clipper_item_type_to_csl (citation->type), -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 4, authors, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 5, citation->title ? citation->title : "", -1, SQLITE_TRANSIENT);
  _clipper_store_bind_text_or_null (stmt, 6, citation->container);
  _clipper_store_bind_text_or_null (stmt, 7, citation->publisher);
  _clipper_store_bind_text_or_null (stmt, 8, citation->issued);
  sqlite3_bind_int64 (stmt, 9, citation->accessed);
  sqlite3_bind_text (stmt, 10, citation->url ? citation->url : "", -1, SQLITE_TRANSIENT);
  _clipper_store_bind_text_or_null (stmt, 11, citation->language);
  sqlite3_bind_text (stmt, 12, citation->text_sha256 ? citation->text_sha256 : "", -1, SQLITE_TRANSIENT);
  sqlite3_bind_int64 (stmt, 13, citation->captured_at);
  sqlite3_bind_int (stmt, 14, citation->edited);

  rc = sqlite3_step (stmt);
  _clipper_store_release_statement (stmt);
  if (rc != SQLITE_DONE)
    return _clipper_store_set_sqlite_error (error, self->db, rc, _("Could not save the citation"));
  return TRUE;
}

/* Each field a person set stays as they set it. */
static void
keep_edited (ClipperCitation       *fresh,
             const ClipperCitation *old)
{
#define KEEP(bit, field)                                  \
  if (old->edited & (bit))                                \
    {                                                     \
      g_free (fresh->field);                              \
      fresh->field = g_strdup (old->field);               \
    }
  KEEP (CLIPPER_CITATION_FIELD_TITLE, title)
  KEEP (CLIPPER_CITATION_FIELD_CONTAINER, container)
  KEEP (CLIPPER_CITATION_FIELD_PUBLISHER, publisher)
  KEEP (CLIPPER_CITATION_FIELD_ISSUED, issued)
  KEEP (CLIPPER_CITATION_FIELD_URL, url)
  KEEP (CLIPPER_CITATION_FIELD_LANGUAGE, language)
#undef KEEP
  if (old->edited & CLIPPER_CITATION_FIELD_TYPE)
    fresh->type = old->type;
  if (old->edited & CLIPPER_CITATION_FIELD_AUTHORS)
    {
      g_ptr_array_unref (fresh->authors);
      fresh->authors = g_ptr_array_ref (old->authors);
    }
  fresh->edited = old->edited;
}

/* The SHA-256 of @clipping's canonical text, the text highlights count in. */
static char *
text_digest (ClipperClipping *clipping)
{
  const char *content = clipper_clipping_get_content (clipping);
  g_autoptr(ClipperAnchorText) text = clipper_anchor_text_new_from_html (content ? content : "");

  return g_compute_checksum_for_string (G_CHECKSUM_SHA256, clipper_anchor_text_get_utf8 (text), -1);
}

/**
 * _clipper_store_capture_citation:
 * @refresh: the clipping was clipped again
 *
 * In a transaction: the citation of clipping @id as just captured. A new
 * clipping gets a new key; one clipped again keeps its key, its access
 * date and every field a person set, and takes the rest afresh. Either
 * way the provenance is the text just stored.
 */
gboolean
_clipper_store_capture_citation (ClipperStore     *self,
                                 gint64            id,
                                 ClipperClipping  *clipping,
                                 gint64            accessed,
                                 gboolean          refresh,
                                 GError          **error)
{
  g_autoptr(ClipperCitation) fresh = clipper_citation_new_for_clipping (clipping);
  g_autoptr(ClipperCitation) old = NULL;
  g_autoptr(GError) local_error = NULL;

  fresh->clipping_id = id;
  fresh->accessed = accessed;
  fresh->text_sha256 = text_digest (clipping);
  fresh->captured_at = g_get_real_time () / G_USEC_PER_SEC;

  if (refresh && (old = read_citation (self, id, &local_error)) != NULL)
    {
      keep_edited (fresh, old);
      fresh->key = g_strdup (old->key);
      fresh->accessed = old->accessed;
    }
  else if (local_error != NULL)
    {
      g_propagate_error (error, g_steal_pointer (&local_error));
      return FALSE;
    }
  else if (!(fresh->key = unique_key (self, fresh, error)))
    return FALSE;

  return write_citation (self, fresh, error);
}

/**
 * _clipper_store_fill_citations:
 *
 * Citations for the clippings that have none (those clipped before
 * citations were kept), from their stored metadata. Their provenance is
 * unknown: it was not recorded when they were clipped.
 */
gboolean
_clipper_store_fill_citations (ClipperStore  *self,
                               GError       **error)
{
  g_autoptr(GPtrArray) missing = g_ptr_array_new_with_free_func (g_object_unref);
  sqlite3_stmt *stmt;
  int rc;

  rc = sqlite3_prepare_v2 (self->db,
                           "SELECT id, url, title, byline, site_name, published, excerpt, lang, dir, "
                           "  clipped_at, is_article FROM clippings "
                           "WHERE id NOT IN (SELECT clipping_id FROM citations) ORDER BY id",
                           -1, &stmt, NULL);
  if (rc != SQLITE_OK)
    return _clipper_store_set_sqlite_error (error, self->db, rc, _("Could not read the library"));
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    g_ptr_array_add (missing, _clipper_store_clipping_from_row (stmt, FALSE));
  sqlite3_finalize (stmt);
  if (rc != SQLITE_DONE)
    return _clipper_store_set_sqlite_error (error, self->db, rc, _("Could not read the library"));

  if (missing->len == 0)
    return TRUE;

  if (!_clipper_store_begin (self, error))
    return FALSE;

  for (guint i = 0; i < missing->len; i++)
    {
      ClipperClipping *clipping = g_ptr_array_index (missing, i);
      g_autoptr(ClipperCitation) citation = clipper_citation_new_for_clipping (clipping);

      if (!(citation->key = unique_key (self, citation, error)) || !write_citation (self, citation, error))
        {
          _clipper_store_rollback (self);
          return FALSE;
        }
    }

  return _clipper_store_commit (self, error);
}

/**
 * clipper_store_find_citation:
 *
 * Returns: (transfer full): the citation of clipping @clipping_id, or
 *   %NULL with @error set (%CLIPPER_ERROR_NOT_FOUND for no such clipping)
 */
ClipperCitation *
clipper_store_find_citation (ClipperStore  *self,
                             gint64         clipping_id,
                             GError       **error)
{
  g_autoptr(GMutexLocker) locker = NULL;
  g_autoptr(GError) local_error = NULL;
  ClipperCitation *citation;

  g_return_val_if_fail (CLIPPER_IS_STORE (self), NULL);

  locker = g_mutex_locker_new (&self->mutex);
  citation = read_citation (self, clipping_id, &local_error);
  if (citation == NULL && local_error == NULL)
    _clipper_store_set_not_found (error, clipping_id);
  else if (local_error != NULL)
    g_propagate_error (error, g_steal_pointer (&local_error));
  return citation;
}

/**
 * clipper_store_list_citations:
 * @ids: (array length=n_ids): clippings, in the order wanted
 *
 * Returns: (transfer full) (element-type ClipperCitation): their
 *   citations, in that order; a clipping no longer in the library is
 *   left out
 */
GPtrArray *
clipper_store_list_citations (ClipperStore  *self,
                              const gint64  *ids,
                              guint          n_ids,
                              GError       **error)
{
  g_autoptr(GMutexLocker) locker = NULL;
  g_autoptr(GPtrArray) citations = g_ptr_array_new_with_free_func ((GDestroyNotify)clipper_citation_free);

  g_return_val_if_fail (CLIPPER_IS_STORE (self), NULL);

  locker = g_mutex_locker_new (&self->mutex);
  for (guint i = 0; i < n_ids; i++)
    {
      g_autoptr(GError) local_error = NULL;
      ClipperCitation *citation = read_citation (self, ids[i], &local_error);

      if (local_error != NULL)
        {
          g_propagate_error (error, g_steal_pointer (&local_error));
          return NULL;
        }
      if (citation != NULL)
        g_ptr_array_add (citations, citation);
    }
  return g_steal_pointer (&citations);
}

/**
 * clipper_store_set_citation:
 *
 * Saves @citation as a person edited it. Its key must be free: one
 * another clipping has fails with %CLIPPER_ERROR_INVALID_INPUT.
 */
gboolean
clipper_store_set_citation (ClipperStore     *self,
                            ClipperCitation  *citation,
                            GError          **error)
{
  g_autoptr(GMutexLocker) locker = NULL;
  g_autoptr(ClipperCitation) old = NULL;
  g_autoptr(GError) local_error = NULL;
  gint64 owner;

  g_return_val_if_fail (CLIPPER_IS_STORE (self), FALSE);
  g_return_val_if_fail (citation != NULL && citation->key != NULL, FALSE);

  locker = g_mutex_locker_new (&self->mutex);

  if (!(old = read_citation (self, citation->clipping_id, &local_error)))
    {
      if (local_error != NULL)
        g_propagate_error (error, g_steal_pointer (&local_error));
      else
        _clipper_store_set_not_found (error, citation->clipping_id);
      return FALSE;
    }

  if ((owner = key_owner (self, citation->key, citation->clipping_id, error)) < 0)
    return FALSE;
  if (owner > 0)
    {
      g_autofree char *number = g_strdup_printf ("%" G_GINT64_FORMAT, owner);

      g_set_error (error, CLIPPER_ERROR, CLIPPER_ERROR_INVALID_INPUT,
                   _("The citation key “%s” is taken by clipping %s."), citation->key, number);
      return FALSE;
    }

  /* The provenance is the capture's, never a person's. */
  g_free (citation->text_sha256);
  citation->text_sha256 = g_strdup (old->text_sha256);
  citation->captured_at = old->captured_at;

  if (!_clipper_store_begin (self, error))
    return FALSE;
  if (!write_citation (self, citation, error) || !_clipper_store_commit (self, error))
    {
      _clipper_store_rollback (self);
      return FALSE;
    }
  return TRUE;
}
