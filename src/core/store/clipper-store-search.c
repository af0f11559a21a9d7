/* clipper-store-search.c
 *
 * Copyright 2026 The Clipper authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Full-text search (FTS5, ranked by BM25) and the Library list's rows,
 * read on a connection of their own.
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

/* Brings the search index in step with a clipping, inside the caller's
 * transaction; a clipping that is gone leaves the index. */
gboolean
_clipper_store_reindex (ClipperStore  *self,
                        gint64         clipping_id,
                        GError       **error)
{
  if (!_clipper_store_run_id_text (self, CLIPPER_SQL_INDEX_DELETE,
                                   "DELETE FROM search_index WHERE rowid = ?1", clipping_id, NULL, error))
    return FALSE;

  return _clipper_store_run_id_text (self, CLIPPER_SQL_INDEX_INSERT,
                                     "INSERT INTO search_index (rowid, title, byline, site, body, annotations, tags) "
                                     INDEX_SELECT " WHERE c.id = ?1",
                                     clipping_id, NULL, error);
}

gboolean
_clipper_store_reindex_pending (ClipperStore  *self,
                                GError       **error)
{
  sqlite3_stmt *stmt;
  g_autoptr(GArray) ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  int rc;

  if (!(stmt = _clipper_store_get_statement (self, CLIPPER_SQL_REINDEX_LATER_LIST,
                                             "SELECT id FROM reindex_later", error)))
    return FALSE;
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      gint64 id = sqlite3_column_int64 (stmt, 0);

      g_array_append_val (ids, id);
    }
  _clipper_store_release_statement (stmt);
  if (rc != SQLITE_DONE)
    return _clipper_store_set_sqlite_error (error, self->db, rc, _("Could not update the search index"));

  for (guint i = 0; i < ids->len; i++)
    if (!_clipper_store_reindex (self, g_array_index (ids, gint64, i), error))
      return FALSE;

  return _clipper_store_exec (self, "DELETE FROM reindex_later", error);
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
  if (query->unfetched)
    g_string_append_printf (sql, "AND " CLIPPER_SQL_IS_UNFETCHED " ", id);
  if (query->unread)
    g_string_append_printf (sql, "AND " CLIPPER_SQL_PROGRESS " = 0 ", id);
  /* The Library's list leaves the archived out; words search them too. */
  if (query->archived)
    g_string_append_printf (sql, "AND " CLIPPER_SQL_IS_ARCHIVED " ", id);
  else if (query->match == NULL && !query->with_archived)
    g_string_append_printf (sql, "AND NOT " CLIPPER_SQL_IS_ARCHIVED " ", id);
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
      _clipper_store_set_sqlite_error (error, self->db, rc, _("Could not search the library"));
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
    return _clipper_store_set_sqlite_error (error, self->db, rc, _("Could not search the library"));

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
      _clipper_store_set_sqlite_error (error, self->db, rc, _("Could not search the library"));
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
               ClipperStatements   *statements,
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
    stmt = _clipper_store_get_statement_in (db, statements, CLIPPER_SQL_INDEX_SNIPPETS,
                                            "SELECT rowid, snippet (search_index, -1, char (2), char (3), '…', 14) "
                                            "FROM search_index WHERE search_index MATCH ?1 "
                                            "  AND rowid IN (SELECT value FROM json_each (?2)) "
                                            "  AND ?3 <= ?4",
                                            error);
  else
    stmt = _clipper_store_get_statement_in (db, statements, CLIPPER_SQL_INDEX_SNIPPETS_RANGE,
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
          result->snippet = g_strdup (_clipper_store_column_text (stmt, 1));
        }
    }
  _clipper_store_release_statement (stmt);

  if (rc != SQLITE_DONE)
    return _clipper_store_set_sqlite_error (error, db, rc, _("Could not search the library"));

  return TRUE;
}

static GPtrArray *
read_summaries_in (sqlite3             *db,
                   ClipperStatements   *statements,
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

  if (!(stmt = _clipper_store_get_statement_in (db, statements, CLIPPER_SQL_SUMMARIES,
                                                "SELECT id, url, title, byline, site_name, published, excerpt, "
                                                "  lang, dir, clipped_at, is_article, "
                                                "  (SELECT count(*) FROM highlights WHERE clipping_id = c.id), "
                                                "  " CLIPPER_SQL_IS_UNFETCHED_C ", " CLIPPER_SQL_IS_ARCHIVED_C ", "
                                                "  " CLIPPER_SQL_PROGRESS_C " "
                                                "FROM clippings c WHERE id IN (SELECT value FROM json_each (?1))",
                                                error)))
    return NULL;

  sqlite3_bind_text (stmt, 1, ids_json, -1, SQLITE_TRANSIENT);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      ClipperSearchResult *result = g_new0 (ClipperSearchResult, 1);
      gint64 id = sqlite3_column_int64 (stmt, 0);

      result->clipping = _clipper_store_clipping_from_row (stmt, FALSE);
      clipper_clipping_set_highlight_count (result->clipping, sqlite3_column_int (stmt, 11));
      clipper_clipping_set_fetched (result->clipping, !sqlite3_column_int (stmt, 12));
      clipper_clipping_set_archived (result->clipping, sqlite3_column_int (stmt, 13));
      clipper_clipping_set_progress (result->clipping, sqlite3_column_double (stmt, 14));
      g_hash_table_insert (by_id, g_memdup2 (&id, sizeof id), result);
    }
  _clipper_store_release_statement (stmt);

  if (rc != SQLITE_DONE)
    {
      _clipper_store_set_sqlite_error (error, db, rc, _("Could not read the library"));
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
  return read_summaries_in (self->db, &self->statements, (const gint64 *)(gpointer)ids->data,
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
      return TRUE;
    }

  g_debug ("Rows are read on the main connection: %s",
           self->rows_db ? sqlite3_errmsg (self->rows_db) : sqlite3_errstr (rc));
  g_clear_pointer (&self->rows_db, sqlite3_close_v2);
  return FALSE;
}

/**
 * clipper_store_list_summaries:
 * @ids: (array length=n_ids): the clippings wanted
 * @query: (nullable): a query whose snippets to add, or %NULL
 *
 * The rows a list shows for @ids, without their content: metadata, the
 * number of highlights and, with a @query that has words, a snippet. Ids
 * no longer in the library are left out.
 *
 * Returns: (transfer full): #ClipperSearchResult in the order of @ids
 */
GPtrArray *
clipper_store_list_summaries (ClipperStore        *self,
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
        return read_summaries_in (self->rows_db, &self->rows_statements, ids, n_ids, query, error);
      g_clear_pointer (&locker, g_mutex_locker_free);
    }

  locker = g_mutex_locker_new (&self->mutex);
  return read_summaries_in (self->db, &self->statements, ids, n_ids, query, error);
}
