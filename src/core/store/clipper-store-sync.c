/* clipper-store-sync.c
 *
 * Copyright 2026 The Clipper authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The library's side of sync. Triggers mark each field changed here
 * (sync_dirty); a segment takes them, stamps them with the hybrid
 * logical clock and keeps them, with the article texts they name, until
 * the target has them (sync_outbox, sync_blobs). Changes from other
 * machines are applied field by field: the newer stamp wins, a note
 * edited on both sides is merged, a deletion loses to edits not sent
 * yet. All of it in transactions: a sync killed at any point leaves
 * either all of a step or none of it.
 */

#define G_LOG_DOMAIN "clipper-store"

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>
#include <sqlite3.h>

#include "clipper-error.h"
#include "clipper-json.h"
#include "clipper-store-private.h"
#include "clipper-store-sync.h"

static void
stmt_free (sqlite3_stmt *stmt)
{
  sqlite3_finalize (stmt);
}

typedef sqlite3_stmt SyncStmt;
G_DEFINE_AUTOPTR_CLEANUP_FUNC (SyncStmt, stmt_free)

static const char * const clipping_columns[] = {
  "url", "title", "byline", "site_name", "published", "excerpt", "lang", "dir", NULL,
};

static gint64
now_ms (void)
{
  return g_get_real_time () / 1000;
}

static SyncStmt *
prepare (ClipperStore  *self,
         const char    *sql,
         GError       **error)
{
  sqlite3_stmt *stmt = NULL;
  int rc = sqlite3_prepare_v2 (self->db, sql, -1, &stmt, NULL);

  if (rc != SQLITE_OK)
    {
      _clipper_store_set_sqlite_error (error, self->db, rc, _("Could not read the library"));
      return NULL;
    }
  return stmt;
}

/* @sql prepared once and kept, its parameters bound to the texts in @args
 * (NULL binds null): a sync runs the same few queries for each of many
 * thousand fields. Reset by the caller. */
static sqlite3_stmt *
cached_bound (ClipperStore  *self,
              GError       **error,
              const char    *sql,
              va_list        args)
{
  sqlite3_stmt *stmt;

  if (self->statements.by_sql == NULL)
    self->statements.by_sql = g_hash_table_new_full (g_str_hash, g_str_equal, g_free,
                                                     (GDestroyNotify)sqlite3_finalize);
  if (!(stmt = g_hash_table_lookup (self->statements.by_sql, sql)))
    {
      int rc = sqlite3_prepare_v3 (self->db, sql, -1, SQLITE_PREPARE_PERSISTENT, &stmt, NULL);

      if (rc != SQLITE_OK)
        {
          _clipper_store_set_sqlite_error (error, self->db, rc, _("Could not read the library"));
          return NULL;
        }
      g_hash_table_insert (self->statements.by_sql, g_strdup (sql), stmt);
    }
  for (int i = 1; i <= sqlite3_bind_parameter_count (stmt); i++)
    _clipper_store_bind_text_or_null (stmt, i, va_arg (args, const char *));
  return stmt;
}

/* Runs @sql with text parameters; FALSE with @error set. */
static gboolean
run (ClipperStore  *self,
     GError       **error,
     const char    *sql,
     ...)
{
  sqlite3_stmt *stmt;
  va_list args;
  int rc;

  va_start (args, sql);
  stmt = cached_bound (self, error, sql, args);
  va_end (args);
  if (stmt == NULL)
    return FALSE;
  rc = sqlite3_step (stmt);
  _clipper_store_release_statement (stmt);
  if (rc != SQLITE_DONE && rc != SQLITE_ROW)
    return _clipper_store_set_sqlite_error (error, self->db, rc, _("Could not save the sync state"));
  return TRUE;
}

/* The first column of the first row, or NULL. */
static char *
query_text (ClipperStore  *self,
            GError       **error,
            const char    *sql,
            ...)
{
  sqlite3_stmt *stmt;
  char *text = NULL;
  va_list args;
  int rc;

  va_start (args, sql);
  stmt = cached_bound (self, error, sql, args);
  va_end (args);
  if (stmt == NULL)
    return NULL;
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    text = g_strdup ((const char *)sqlite3_column_text (stmt, 0));
  else if (rc != SQLITE_DONE)
    _clipper_store_set_sqlite_error (error, self->db, rc, _("Could not read the library"));
  _clipper_store_release_statement (stmt);
  return text;
}

void
clipper_sync_change_free (ClipperSyncChange *change)
{
  if (change == NULL)
    return;

  g_free (change->stamp);
  g_free (change->kind);
  g_free (change->uuid);
  g_free (change->field);
  g_free (change->parent);
  g_clear_pointer (&change->value, json_node_unref);
  g_free (change);
}

/* A change from its JSON object; NULL when it is not one. */
ClipperSyncChange *
clipper_sync_change_from_json (JsonNode *node)
{
  const char *stamp, *kind, *uuid, *field;
  ClipperSyncChange *change;

  if (node == NULL || !JSON_NODE_HOLDS_OBJECT (node))
    return NULL;
  stamp = clipper_json_get_member_string (node, "stamp");
  kind = clipper_json_get_member_string (node, "kind");
  uuid = clipper_json_get_member_string (node, "id");
  field = clipper_json_get_member_string (node, "field");
  if (!clipper_hlc_parse (stamp, NULL, NULL, NULL) || uuid == NULL || field == NULL || kind == NULL ||
      (!g_str_equal (kind, "clipping") && !g_str_equal (kind, "highlight")) ||
      clipper_json_get_member (node, "value") == NULL)
    return NULL;

  change = g_new0 (ClipperSyncChange, 1);
  change->stamp = g_strdup (stamp);
  change->kind = g_strdup (kind);
  change->uuid = g_strdup (uuid);
  change->field = g_strdup (field);
  change->value = json_node_copy (clipper_json_get_member (node, "value"));
  change->parent = g_strdup (clipper_json_get_member_string (node, "parent"));
  return change;
}

/**
 * clipper_sync_parse_segment:
 * @device: (out): the device that wrote it
 * @seq: (out): its number
 *
 * Returns: (transfer full) (element-type ClipperSyncChange): its changes;
 *   those that cannot be read are left out
 */
GPtrArray *
clipper_sync_parse_segment (const char  *text,
                            gsize        length,
                            char       **device,
                            gint64      *seq,
                            GError     **error)
{
  g_autoptr(JsonNode) root = NULL;
  g_autoptr(GPtrArray) changes = g_ptr_array_new_with_free_func ((GDestroyNotify)clipper_sync_change_free);
  JsonNode *list;
  JsonObject *object;
  JsonArray *array;

  if (!(root = clipper_json_parse_sized (text, length, CLIPPER_SYNC_MAX_FILE, error)))
    return NULL;
  list = clipper_json_get_member (root, "changes");
  if (list == NULL || !JSON_NODE_HOLDS_ARRAY (list) || clipper_json_get_member_string (root, "device") == NULL)
    {
      g_set_error (error, CLIPPER_ERROR, CLIPPER_ERROR_INVALID_INPUT, _("A sync segment is not one Clipper wrote."));
      return NULL;
    }
  object = json_node_get_object (root);
  array = json_node_get_array (list);
  if (json_object_get_int_member_with_default (object, "format", 0) > CLIPPER_SYNC_FORMAT)
    {
      g_set_error (error, CLIPPER_ERROR, CLIPPER_ERROR_NEWER_DATABASE,
                   _("A sync segment was written by a newer version of Clipper."));
      return NULL;
    }

  *device = g_strdup (clipper_json_get_member_string (root, "device"));
  *seq = json_object_get_int_member_with_default (object, "seq", 0);
  for (guint i = 0; i < json_array_get_length (array); i++)
    {
      ClipperSyncChange *change = clipper_sync_change_from_json (json_array_get_element (array, i));

      if (change != NULL)
        g_ptr_array_add (changes, change);
    }
  return g_steal_pointer (&changes);
}

/* Text merging: a three-way merge by lines, as diff3 does. */

static char **
split_lines (const char *text)
{
  return g_strsplit (text ? text : "", "\n", -1);
}

/* For each line of @a, the line of @b it is matched with in a longest
 * common subsequence, or -1. */
static int *
match_lines (char **a,
             guint  n_a,
             char **b,
             guint  n_b)
{
  g_autofree guint *table = g_new0 (guint, (gsize)(n_a + 1) * (n_b + 1));
  int *match = g_new (int, n_a + 1);
  guint i, j;

#define T(x, y) table[(gsize)(x) * (n_b + 1) + (y)]
  for (i = n_a; i-- > 0;)
    for (j = n_b; j-- > 0;)
      T (i, j) = g_str_equal (a[i], b[j]) ? T (i + 1, j + 1) + 1 : MAX (T (i + 1, j), T (i, j + 1));

  for (i = 0; i < n_a; i++)
    match[i] = -1;
  i = j = 0;
  while (i < n_a && j < n_b)
    {
      if (g_str_equal (a[i], b[j]))
        match[i++] = j++;
      else if (T (i + 1, j) >= T (i, j + 1))
        i++;
      else
        j++;
    }
#undef T
  return match;
}

static gboolean
same_range (char **a,
            guint  a_from,
            guint  a_to,
            char **b,
            guint  b_from,
            guint  b_to)
{
  if (a_to - a_from != b_to - b_from)
    return FALSE;
  for (guint k = 0; k < a_to - a_from; k++)
    if (!g_str_equal (a[a_from + k], b[b_from + k]))
      return FALSE;
  return TRUE;
}

static void
append_range (GString *out,
              char   **lines,
              guint    from,
              guint    to,
              gboolean *first)
{
  for (guint k = from; k < to; k++)
    {
      if (!*first)
        g_string_append_c (out, '\n');
      g_string_append (out, lines[k]);
      *first = FALSE;
    }
}

/**
 * clipper_sync_merge_text:
 * @base: (nullable): the text both came from
 * @separator: the line put between both texts when they cannot be merged
 * @conflict: (out): whether they could not be, and both were kept
 *
 * Merges two edits of @base: changes to different lines are both kept;
 * when both changed the same lines differently, @local is kept whole with
 * @remote after @separator, so that nothing typed is lost.
 *
 * Returns: (transfer full): the merged text
 */
char *
clipper_sync_merge_text (const char *base,
                         const char *local,
                         const char *remote,
                         const char *separator,
                         gboolean   *conflict)
{
  g_auto(GStrv) b = NULL;
  g_auto(GStrv) l = NULL;
  g_auto(GStrv) r = NULL;
  g_autofree int *to_l = NULL;
  g_autofree int *to_r = NULL;
  g_autoptr(GString) out = g_string_new (NULL);
  guint n_b, n_l, n_r, bi = 0, li = 0, ri = 0;
  gboolean first = TRUE;

  *conflict = FALSE;
  base = base ? base : "";
  local = local ? local : "";
  remote = remote ? remote : "";
  if (g_str_equal (local, remote) || g_str_equal (remote, base))
    return g_strdup (local);
  if (g_str_equal (local, base))
    return g_strdup (remote);

  b = split_lines (base);
  l = split_lines (local);
  r = split_lines (remote);
  n_b = g_strv_length (b);
  n_l = g_strv_length (l);
  n_r = g_strv_length (r);
  to_l = match_lines (b, n_b, l, n_l);
  to_r = match_lines (b, n_b, r, n_r);

  /* Walk the base from one line kept by both to the next. */
  while (bi <= n_b)
    {
      guint next = bi;
      guint l_end, r_end;

      while (next < n_b && !(to_l[next] >= 0 && to_r[next] >= 0 && (guint)to_l[next] >= li && (guint)to_r[next] >= ri))
        next++;
      l_end = next < n_b ? (guint)to_l[next] : n_l;
      r_end = next < n_b ? (guint)to_r[next] : n_r;

      if (same_range (b, bi, next, l, li, l_end))
        append_range (out, r, ri, r_end, &first);
      else if (same_range (b, bi, next, r, ri, r_end) || same_range (l, li, l_end, r, ri, r_end))
        append_range (out, l, li, l_end, &first);
      else
        {
          /* Both changed these lines: the whole of both, one after the other. */
          g_autoptr(GString) kept = g_string_new (local);

          *conflict = TRUE;
          g_string_append_printf (kept, "\n\n%s\n\n%s", separator, remote);
          return g_string_free (g_steal_pointer (&kept), FALSE);
        }

      if (next == n_b)
        break;
      append_range (out, b, next, next + 1, &first);
      bi = next + 1;
      li = l_end + 1;
      ri = r_end + 1;
    }

  return g_string_free (g_steal_pointer (&out), FALSE);
}

/* Meta */

char *
clipper_store_sync_dup_meta (ClipperStore  *self,
                             const char    *key,
                             GError       **error)
{
  g_autoptr(GMutexLocker) locker = NULL;

  g_return_val_if_fail (CLIPPER_IS_STORE (self), NULL);

  locker = g_mutex_locker_new (&self->mutex);
  return query_text (self, error, "SELECT value FROM sync_meta WHERE key = ?1", key);
}

static gboolean
set_meta (ClipperStore  *self,
          const char    *key,
          const char    *value,
          GError       **error)
{
  if (value == NULL)
    return run (self, error, "DELETE FROM sync_meta WHERE key = ?1", key);
  return run (self, error,
              "INSERT INTO sync_meta (key, value) VALUES (?1, ?2) "
              "ON CONFLICT (key) DO UPDATE SET value = excluded.value",
              key, value);
}

gboolean
clipper_store_sync_set_meta (ClipperStore  *self,
                             const char    *key,
                             const char    *value,
                             GError       **error)
{
  g_autoptr(GMutexLocker) locker = NULL;

  g_return_val_if_fail (CLIPPER_IS_STORE (self), FALSE);

  locker = g_mutex_locker_new (&self->mutex);
  if (self->read_only)
    {
      g_set_error (error, CLIPPER_ERROR, CLIPPER_ERROR_READ_ONLY, "%s", self->read_only_reason);
      return FALSE;
    }
  return set_meta (self, key, value, error);
}

/* This library's device id on sync targets, made the first time. */
char *
clipper_store_sync_ensure_device (ClipperStore  *self,
                                  GError       **error)
{
  g_autoptr(GMutexLocker) locker = NULL;
  GError *local_error = NULL;
  char *device;

  g_return_val_if_fail (CLIPPER_IS_STORE (self), NULL);

  locker = g_mutex_locker_new (&self->mutex);
  device = query_text (self, &local_error, "SELECT value FROM sync_meta WHERE key = 'device'");
  if (device != NULL || local_error != NULL)
    {
      if (local_error != NULL)
        g_propagate_error (error, local_error);
      return device;
    }

  device = g_uuid_string_random ();
  if (!set_meta (self, "device", device, error))
    g_clear_pointer (&device, g_free);
  return device;
}

/* Pushing */

#define DIRTY_UPSERT " ON CONFLICT DO UPDATE SET edited_at = excluded.edited_at"

/* Every field of the records to be sent: on a first sync those never
 * sent nor received (@everything FALSE), or all of them for a target that
 * was wiped. Each as of when the record was last changed. */
gboolean
clipper_store_sync_mark_all (ClipperStore  *self,
                             gboolean       everything,
                             GError       **error)
{
  g_autoptr(GMutexLocker) locker = NULL;
  const char *all = everything ? "1" : "0";

  g_return_val_if_fail (CLIPPER_IS_STORE (self), FALSE);

  locker = g_mutex_locker_new (&self->mutex);
  if (!_clipper_store_begin (self, error))
    return FALSE;
#define UNSYNCED(kind, alias) \
  "(?1 OR NOT EXISTS (SELECT 1 FROM sync_clock k WHERE k.kind = '" kind "' AND k.uuid = " alias ".uuid))"
  if (!run (self, error,
            "INSERT INTO sync_dirty (kind, uuid, field, edited_at) "
            "SELECT 'clipping', c.uuid, '*', max (c.updated_at, c.clipped_at) * 1000 FROM clippings c "
            "WHERE " UNSYNCED ("clipping", "c") DIRTY_UPSERT,
            all) ||
      !run (self, error,
            "INSERT INTO sync_dirty (kind, uuid, field, edited_at) "
            "SELECT 'highlight', h.uuid, '*', h.updated_at * 1000 FROM highlights h "
            "WHERE " UNSYNCED ("highlight", "h") DIRTY_UPSERT,
            all) ||
      !_clipper_store_commit (self, error))
    {
      _clipper_store_rollback (self);
      return FALSE;
    }
#undef UNSYNCED
  return TRUE;
}

gint64
clipper_store_sync_count_dirty (ClipperStore  *self,
                                GError       **error)
{
  g_autoptr(GMutexLocker) locker = NULL;
  g_autofree char *count = NULL;

  g_return_val_if_fail (CLIPPER_IS_STORE (self), -1);

  locker = g_mutex_locker_new (&self->mutex);
  count = query_text (self, error, "SELECT count(*) FROM sync_dirty");
  return count ? g_ascii_strtoll (count, NULL, 10) : -1;
}

static char *
sha256_hex (const void *data,
            gsize       length)
{
  return g_compute_checksum_for_data (G_CHECKSUM_SHA256, data, length);
}

/* The images an article's HTML points at, by hash. */
static void
add_resources (ClipperStore *self,
               JsonBuilder  *builder,
               const char   *content,
               GPtrArray    *hashes)
{
  const char *at = content;
  g_autoptr(GHashTable) seen = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);

  json_builder_set_member_name (builder, "resources");
  json_builder_begin_array (builder);
  while ((at = strstr (at, "clipper://resource/")) != NULL)
    {
      g_autofree char *hash = NULL;
      g_autofree char *type = NULL;

      at += strlen ("clipper://resource/");
      hash = g_strndup (at, strspn (at, "0123456789abcdef"));
      if (strlen (hash) != 64 || g_hash_table_contains (seen, hash))
        continue;
      type = query_text (self, NULL, "SELECT mime_type FROM resources WHERE hash = ?1", hash);
      if (type == NULL)
        continue;
      json_builder_begin_object (builder);
      clipper_json_add_string_member (builder, "hash", hash);
      clipper_json_add_string_member (builder, "type", type);
      json_builder_end_object (builder);
      g_hash_table_add (seen, g_strdup (hash));
      g_ptr_array_add (hashes, g_steal_pointer (&hash));
    }
  json_builder_end_array (builder);
}

/* The current value of a field here, into @builder; FALSE when the record
 * is gone. An article's text becomes a blob in @blobs (hash → bytes), its
 * images hashes in @resources. */
static gboolean
add_value (ClipperStore  *self,
           JsonBuilder   *builder,
           const char    *kind,
           const char    *uuid,
           const char    *field,
           GHashTable    *blobs,
           GPtrArray     *resources,
           GError       **error)
{
  gboolean clipping = g_str_equal (kind, "clipping");
  g_autofree char *sql = NULL;
  g_autoptr(SyncStmt) stmt = NULL;
  int rc;

  if (g_str_equal (field, "deleted"))
    {
      json_builder_add_boolean_value (builder, TRUE);
      return TRUE;
    }

  if (g_str_has_prefix (field, "tag:"))
    sql = g_strdup_printf ("SELECT r.id, (SELECT t.name FROM %s x JOIN tags t ON t.id = x.tag_id "
                           "  WHERE x.%s = r.id AND lower (t.name) = ?2) FROM %s r WHERE r.uuid = ?1",
                           clipping ? "clipping_tags" : "highlight_tags", clipping ? "clipping_id" : "highlight_id",
                           clipping ? "clippings" : "highlights");
  else if (clipping && g_strv_contains (clipping_columns, field))
    sql = g_strdup_printf ("SELECT id, %s FROM clippings WHERE uuid = ?1", field);
  else if (clipping && (g_str_equal (field, "note") || g_str_equal (field, "is_article") ||
                        g_str_equal (field, "clipped_at")))
    sql = g_strdup_printf ("SELECT id, %s FROM clippings WHERE uuid = ?1", field);
  else if (clipping && g_str_equal (field, "archived"))
    sql = g_strdup ("SELECT c.id, a.archived_at FROM clippings c "
                    "LEFT JOIN archived a ON a.clipping_id = c.id WHERE c.uuid = ?1");
  else if (clipping && g_str_equal (field, "content"))
    sql = g_strdup ("SELECT c.id, b.content, b.text FROM clippings c "
                    "LEFT JOIN clipping_bodies b ON b.clipping_id = c.id WHERE c.uuid = ?1");
  else if (clipping && g_str_equal (field, "citation"))
    sql = g_strdup ("SELECT c.id, x.item_type, x.authors, x.title, x.container, x.publisher, x.issued, "
                    "  x.accessed, x.url, x.language, x.text_sha256, x.captured_at, x.edited, x.citation_key "
                    "FROM clippings c LEFT JOIN citations x ON x.clipping_id = c.id WHERE c.uuid = ?1");
  else if (!clipping && g_str_equal (field, "clipping"))
    sql = g_strdup ("SELECT h.id, c.uuid FROM highlights h JOIN clippings c ON c.id = h.clipping_id "
                    "WHERE h.uuid = ?1");
  else if (!clipping && g_str_equal (field, "color"))
    sql = g_strdup ("SELECT id, color FROM highlights WHERE uuid = ?1");
  else if (!clipping && g_str_equal (field, "created_at"))
    sql = g_strdup ("SELECT id, created_at FROM highlights WHERE uuid = ?1");
  else if (!clipping && g_str_equal (field, "anchor"))
    sql = g_strdup ("SELECT id, exact, prefix, suffix, start_offset, end_offset, orphaned FROM highlights "
                    "WHERE uuid = ?1");
  else if (!clipping && g_str_equal (field, "note"))
    sql = g_strdup ("SELECT h.id, n.body FROM highlights h LEFT JOIN notes n ON n.highlight_id = h.id "
                    "WHERE h.uuid = ?1");
  else
    return FALSE;

  if (!(stmt = prepare (self, sql, error)))
    return FALSE;
  sqlite3_bind_text (stmt, 1, uuid, -1, SQLITE_TRANSIENT);
  if (g_str_has_prefix (field, "tag:"))
    sqlite3_bind_text (stmt, 2, field + 4, -1, SQLITE_TRANSIENT);
  rc = sqlite3_step (stmt);
  if (rc != SQLITE_ROW)
    {
      if (rc != SQLITE_DONE)
        _clipper_store_set_sqlite_error (error, self->db, rc, _("Could not read the library"));
      return FALSE;
    }

  if (clipping && g_str_equal (field, "is_article"))
    json_builder_add_boolean_value (builder, sqlite3_column_int (stmt, 1) != 0);
  else if (clipping && g_str_equal (field, "archived"))
    {
      /* When it was archived, or null: not archived. */
      if (sqlite3_column_type (stmt, 1) == SQLITE_NULL)
        json_builder_add_null_value (builder);
      else
        json_builder_add_int_value (builder, sqlite3_column_int64 (stmt, 1));
    }
  else if (g_str_equal (field, "clipped_at") || g_str_equal (field, "created_at"))
    json_builder_add_int_value (builder, sqlite3_column_int64 (stmt, 1));
  else if (clipping && g_str_equal (field, "content"))
    {
      const char *content = _clipper_store_column_text (stmt, 1);
      g_autoptr(JsonBuilder) body = json_builder_new ();
      g_autofree char *blob = NULL;
      g_autofree char *hash = NULL;

      if (content == NULL || content[0] == '\0')
        {
          json_builder_add_null_value (builder);
          return TRUE;
        }
      json_builder_begin_object (body);
      clipper_json_add_string_member (body, "content", content);
      clipper_json_add_string_member (body, "text", _clipper_store_column_text (stmt, 2));
      json_builder_end_object (body);
      blob = clipper_json_builder_to_string (body);
      hash = sha256_hex (blob, strlen (blob));

      json_builder_begin_object (builder);
      clipper_json_add_string_member (builder, "blob", hash);
      add_resources (self, builder, content, resources);
      json_builder_end_object (builder);
      g_hash_table_replace (blobs, g_steal_pointer (&hash), g_bytes_new_take (g_steal_pointer (&blob), strlen (blob)));
    }
  else if (clipping && g_str_equal (field, "citation"))
    {
      static const char * const names[] = {
        "type", "authors", "title", "container", "publisher", "issued", "accessed", "url", "language",
        "text_sha256", "captured_at", "edited", "key",
      };

      if (sqlite3_column_type (stmt, 1) == SQLITE_NULL)
        {
          json_builder_add_null_value (builder);
          return TRUE;
        }
      json_builder_begin_object (builder);
      for (guint i = 0; i < G_N_ELEMENTS (names); i++)
        {
          int column = i + 1;

          json_builder_set_member_name (builder, names[i]);
          if (sqlite3_column_type (stmt, column) == SQLITE_INTEGER)
            json_builder_add_int_value (builder, sqlite3_column_int64 (stmt, column));
          else if (sqlite3_column_type (stmt, column) == SQLITE_NULL)
            json_builder_add_null_value (builder);
          else
            json_builder_add_string_value (builder, _clipper_store_column_text (stmt, column));
        }
      json_builder_end_object (builder);
    }
  else if (!clipping && g_str_equal (field, "anchor"))
    {
      json_builder_begin_object (builder);
      clipper_json_add_string_member (builder, "exact", _clipper_store_column_text (stmt, 1));
      clipper_json_add_string_member (builder, "prefix", _clipper_store_column_text (stmt, 2));
      clipper_json_add_string_member (builder, "suffix", _clipper_store_column_text (stmt, 3));
      json_builder_set_member_name (builder, "start");
      json_builder_add_int_value (builder, sqlite3_column_int64 (stmt, 4));
      json_builder_set_member_name (builder, "end");
      json_builder_add_int_value (builder, sqlite3_column_int64 (stmt, 5));
      json_builder_set_member_name (builder, "orphaned");
      json_builder_add_boolean_value (builder, sqlite3_column_int (stmt, 6) != 0);
      json_builder_end_object (builder);
    }
  else if (sqlite3_column_type (stmt, 1) == SQLITE_NULL)
    json_builder_add_null_value (builder);
  else
    json_builder_add_string_value (builder, _clipper_store_column_text (stmt, 1));

  return TRUE;
}

/* The fields a dirty mark stands for: itself, or for "*" (a record new
 * here, or to be sent again whole) all of the record's, tags included. */
static char **
expand_fields (ClipperStore *self,
               const char   *kind,
               const char   *uuid,
               const char   *field)
{
  static const char * const clipping_fields[] = {
    "url", "title", "byline", "site_name", "published", "excerpt", "lang", "dir", "is_article", "clipped_at",
    "note", "content", "citation", "archived", NULL,
  };
  static const char * const highlight_fields[] = { "clipping", "color", "anchor", "created_at", "note", NULL };
  gboolean clipping = g_str_equal (kind, "clipping");
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
  g_autoptr(SyncStmt) tags = NULL;

  if (!g_str_equal (field, "*"))
    {
      g_strv_builder_add (builder, field);
      return g_strv_builder_end (builder);
    }

  g_strv_builder_addv (builder, (const char **)(clipping ? clipping_fields : highlight_fields));
  tags = prepare (self,
                  clipping ? "SELECT 'tag:' || lower (t.name) FROM clipping_tags x JOIN tags t ON t.id = x.tag_id "
                             "JOIN clippings r ON r.id = x.clipping_id WHERE r.uuid = ?1"
                           : "SELECT 'tag:' || lower (t.name) FROM highlight_tags x JOIN tags t ON t.id = x.tag_id "
                             "JOIN highlights r ON r.id = x.highlight_id WHERE r.uuid = ?1",
                  NULL);
  if (tags != NULL)
    {
      sqlite3_bind_text (tags, 1, uuid, -1, SQLITE_TRANSIENT);
      while (sqlite3_step (tags) == SQLITE_ROW)
        g_strv_builder_add (builder, (const char *)sqlite3_column_text (tags, 0));
    }
  return g_strv_builder_end (builder);
}

/* One field into the segment @builder writes, stamped; 0 when its record
 * is gone (its deletion is a change of its own), -1 on an error. */
static int
emit_change (ClipperStore  *self,
             JsonBuilder   *builder,
             ClipperHlc    *clock,
             const char    *kind,
             const char    *uuid,
             const char    *field,
             gint64         edited_at,
             GHashTable    *blobs,
             GPtrArray     *resources,
             char         **last_stamp,
             GError       **error)
{
  g_autoptr(JsonBuilder) one = json_builder_new ();
  g_autoptr(JsonNode) value_node = NULL;
  g_autofree char *stamp = NULL;
  GError *local_error = NULL;

  /* Built inside {"v": …}: a builder makes no bare values. */
  json_builder_begin_object (one);
  json_builder_set_member_name (one, "v");
  if (!add_value (self, one, kind, uuid, field, blobs, resources, &local_error))
    {
      if (local_error != NULL)
        {
          g_propagate_error (error, local_error);
          return -1;
        }
      return 0;
    }
  json_builder_end_object (one);
  {
    g_autoptr(JsonNode) wrapper = json_builder_get_root (one);

    value_node = json_node_copy (clipper_json_get_member (wrapper, "v"));
  }
  stamp = clipper_hlc_tick (clock, edited_at);

  json_builder_begin_object (builder);
  clipper_json_add_string_member (builder, "stamp", stamp);
  clipper_json_add_string_member (builder, "kind", kind);
  clipper_json_add_string_member (builder, "id", uuid);
  clipper_json_add_string_member (builder, "field", field);
  if (g_str_equal (field, "note"))
    {
      /* What it was written over, so that a machine that has that text
       * knows this one follows it rather than competes. */
      g_autofree char *parent = query_text (self, NULL, "SELECT stamp FROM sync_clock WHERE kind = ?1 AND "
                                            "uuid = ?2 AND field = 'note'", kind, uuid);
      const char *text = JSON_NODE_HOLDS_VALUE (value_node) ? json_node_get_string (value_node) : NULL;

      if (parent != NULL)
        clipper_json_add_string_member (builder, "parent", parent);
      if (!run (self, error,
                "INSERT INTO sync_base (kind, uuid, field, value, stamp) VALUES (?1, ?2, 'note', ?3, ?4) "
                "ON CONFLICT DO UPDATE SET value = excluded.value, stamp = excluded.stamp",
                kind, uuid, text ? text : "", stamp))
        return -1;
    }
  json_builder_set_member_name (builder, "value");
  json_builder_add_value (builder, g_steal_pointer (&value_node));
  json_builder_end_object (builder);

  if (!run (self, error,
            "INSERT INTO sync_clock (kind, uuid, field, stamp) VALUES (?1, ?2, ?3, ?4) "
            "ON CONFLICT DO UPDATE SET stamp = excluded.stamp",
            kind, uuid, field, stamp))
    return -1;
  g_free (*last_stamp);
  *last_stamp = g_steal_pointer (&stamp);
  return 1;
}

/**
 * clipper_store_sync_take_segment:
 * @clock: stamps the changes, and is moved on by them
 * @seq: (out): the segment's number
 *
 * The next segment to send: one taken before and not yet sent, or up to
 * @max_changes fields changed here, stamped and kept until
 * clipper_store_sync_segment_sent() says the target has them.
 *
 * Returns: (transfer full) (nullable): its JSON, or %NULL when there is
 *   nothing to send (and @error is not set)
 */
char *
clipper_store_sync_take_segment (ClipperStore  *self,
                                 ClipperHlc    *clock,
                                 guint          max_changes,
                                 gint64        *seq,
                                 GError       **error)
{
  g_autoptr(GMutexLocker) locker = NULL;
  g_autoptr(SyncStmt) dirty = NULL;
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autoptr(GHashTable) blobs = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, (GDestroyNotify)g_bytes_unref);
  g_autoptr(GPtrArray) resources = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GPtrArray) taken = g_ptr_array_new_with_free_func ((GDestroyNotify)g_strfreev);
  g_autoptr(GHashTable) emitted_keys = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_autofree char *pending = NULL;
  g_autofree char *pending_seq = NULL;
  g_autofree char *last = NULL;
  g_autofree char *seq_text = NULL;
  g_autofree char *segment = NULL;
  g_autofree char *last_stamp = NULL;
  GHashTableIter iter;
  gpointer key, value;
  GError *local_error = NULL;
  guint n = 0;
  int rc;

  g_return_val_if_fail (CLIPPER_IS_STORE (self), NULL);

  locker = g_mutex_locker_new (&self->mutex);

  /* One taken already and not sent (a sync that failed or was killed). */
  pending_seq = query_text (self, &local_error, "SELECT seq FROM sync_outbox ORDER BY seq LIMIT 1");
  if (pending_seq != NULL)
    {
      *seq = g_ascii_strtoll (pending_seq, NULL, 10);
      return query_text (self, error, "SELECT segment FROM sync_outbox WHERE seq = ?1", pending_seq);
    }
  if (local_error != NULL)
    {
      g_propagate_error (error, local_error);
      return NULL;
    }

  if (!_clipper_store_begin (self, error))
    return NULL;

  last = query_text (self, NULL, "SELECT value FROM sync_meta WHERE key = 'last_seq'");
  *seq = (last ? g_ascii_strtoll (last, NULL, 10) : 0) + 1;

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "format");
  json_builder_add_int_value (builder, CLIPPER_SYNC_FORMAT);
  clipper_json_add_string_member (builder, "device", clock->device);
  json_builder_set_member_name (builder, "seq");
  json_builder_add_int_value (builder, *seq);
  json_builder_set_member_name (builder, "changes");
  json_builder_begin_array (builder);

  if (!(dirty = prepare (self,
                         "SELECT kind, uuid, field, edited_at FROM sync_dirty "
                         "ORDER BY edited_at, kind, uuid, field LIMIT ?1",
                         error)))
    goto fail;
  sqlite3_bind_int (dirty, 1, max_changes);
  while ((rc = sqlite3_step (dirty)) == SQLITE_ROW)
    {
      char *row[5] = {
        (char *)sqlite3_column_text (dirty, 0), (char *)sqlite3_column_text (dirty, 1),
        (char *)sqlite3_column_text (dirty, 2), (char *)sqlite3_column_text (dirty, 3), NULL,
      };

      g_ptr_array_add (taken, g_strdupv (row));
    }
  if (rc != SQLITE_DONE)
    {
      _clipper_store_set_sqlite_error (error, self->db, rc, _("Could not read the library"));
      goto fail;
    }
  g_clear_pointer (&dirty, stmt_free);

  for (guint i = 0; i < taken->len; i++)
    {
      char **row = g_ptr_array_index (taken, i);
      g_auto(GStrv) fields = expand_fields (self, row[0], row[1], row[2]);

      for (guint k = 0; fields[k] != NULL; k++)
        {
          g_autofree char *done_key = g_strconcat (row[0], "/", row[1], "/", fields[k], NULL);
          int emitted;

          if (g_hash_table_contains (emitted_keys, done_key))
            continue;
          emitted = emit_change (self, builder, clock, row[0], row[1], fields[k], g_ascii_strtoll (row[3], NULL, 10),
                                 blobs, resources, &last_stamp, error);
          if (emitted < 0)
            goto fail;
          g_hash_table_add (emitted_keys, g_steal_pointer (&done_key));
          n += emitted;
        }
    }


  for (guint i = 0; i < taken->len; i++)
    {
      char **row = g_ptr_array_index (taken, i);

      if (!run (self, error, "DELETE FROM sync_dirty WHERE kind = ?1 AND uuid = ?2 AND field = ?3", row[0], row[1],
                row[2]))
        goto fail;
    }

  if (n == 0)
    {
      /* Only records gone since: nothing to send. */
      if (!_clipper_store_commit (self, error))
        goto fail;
      return NULL;
    }

  json_builder_end_array (builder);
  json_builder_end_object (builder);
  segment = clipper_json_builder_to_string (builder);
  seq_text = g_strdup_printf ("%" G_GINT64_FORMAT, *seq);

  if (!run (self, error, "INSERT INTO sync_outbox (seq, segment) VALUES (?1, ?2)", seq_text, segment) ||
      !set_meta (self, "last_seq", seq_text, error) || !set_meta (self, "clock", last_stamp, error))
    goto fail;

  g_hash_table_iter_init (&iter, blobs);
  while (g_hash_table_iter_next (&iter, &key, &value))
    {
      g_autoptr(SyncStmt) insert = prepare (self,
                                           "INSERT INTO sync_blobs (hash, seq, data) VALUES (?1, ?2, ?3) "
                                           "ON CONFLICT DO UPDATE SET seq = excluded.seq, data = excluded.data",
                                           error);
      gsize size;
      const void *data = g_bytes_get_data (value, &size);

      if (insert == NULL)
        goto fail;
      sqlite3_bind_text (insert, 1, key, -1, SQLITE_TRANSIENT);
      sqlite3_bind_int64 (insert, 2, *seq);
      sqlite3_bind_blob64 (insert, 3, data, size, SQLITE_TRANSIENT);
      if ((rc = sqlite3_step (insert)) != SQLITE_DONE)
        {
          _clipper_store_set_sqlite_error (error, self->db, rc, _("Could not save the sync state"));
          goto fail;
        }
    }
  for (guint i = 0; i < resources->len; i++)
    if (!run (self, error,
              "INSERT INTO sync_blobs (hash, seq, data) VALUES (?1, ?2, NULL) ON CONFLICT DO UPDATE SET seq = excluded.seq",
              g_ptr_array_index (resources, i), seq_text))
      goto fail;

  if (!_clipper_store_commit (self, error))
    goto fail;
  return g_steal_pointer (&segment);

fail:
  _clipper_store_rollback (self);
  return NULL;
}

/* The blobs a segment names, to be on the target before it. */
char **
clipper_store_sync_segment_blobs (ClipperStore  *self,
                                  gint64         seq,
                                  GError       **error)
{
  g_autoptr(GMutexLocker) locker = NULL;
  g_autoptr(SyncStmt) stmt = NULL;
  g_autoptr(GPtrArray) hashes = g_ptr_array_new_with_free_func (g_free);
  int rc;

  g_return_val_if_fail (CLIPPER_IS_STORE (self), NULL);

  locker = g_mutex_locker_new (&self->mutex);
  if (!(stmt = prepare (self, "SELECT hash FROM sync_blobs WHERE seq = ?1", error)))
    return NULL;
  sqlite3_bind_int64 (stmt, 1, seq);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    g_ptr_array_add (hashes, g_strdup ((const char *)sqlite3_column_text (stmt, 0)));
  if (rc != SQLITE_DONE)
    {
      _clipper_store_set_sqlite_error (error, self->db, rc, _("Could not read the library"));
      return NULL;
    }
  g_ptr_array_add (hashes, NULL);
  return (char **)g_ptr_array_free (g_steal_pointer (&hashes), FALSE);
}

/* A blob to send: an article's text kept for it, or an image. */
GBytes *
clipper_store_sync_dup_blob (ClipperStore  *self,
                             const char    *hash,
                             GError       **error)
{
  g_autoptr(GMutexLocker) locker = NULL;
  const char *queries[] = {
    "SELECT data FROM sync_blobs WHERE hash = ?1 AND data IS NOT NULL",
    "SELECT data FROM resources WHERE hash = ?1",
  };

  g_return_val_if_fail (CLIPPER_IS_STORE (self), NULL);

  locker = g_mutex_locker_new (&self->mutex);
  for (guint i = 0; i < G_N_ELEMENTS (queries); i++)
    {
      g_autoptr(SyncStmt) stmt = prepare (self, queries[i], error);
      int rc;

      if (stmt == NULL)
        return NULL;
      sqlite3_bind_text (stmt, 1, hash, -1, SQLITE_TRANSIENT);
      rc = sqlite3_step (stmt);
      if (rc == SQLITE_ROW)
        return g_bytes_new (sqlite3_column_blob (stmt, 0), sqlite3_column_bytes (stmt, 0));
      if (rc != SQLITE_DONE)
        {
          _clipper_store_set_sqlite_error (error, self->db, rc, _("Could not read the library"));
          return NULL;
        }
    }
  g_set_error (error, CLIPPER_ERROR, CLIPPER_ERROR_NOT_FOUND, _("The library no longer has %s."), hash);
  return NULL;
}

gboolean
clipper_store_sync_segment_sent (ClipperStore  *self,
                                 gint64         seq,
                                 GError       **error)
{
  g_autoptr(GMutexLocker) locker = NULL;
  g_autofree char *seq_text = g_strdup_printf ("%" G_GINT64_FORMAT, seq);

  g_return_val_if_fail (CLIPPER_IS_STORE (self), FALSE);

  locker = g_mutex_locker_new (&self->mutex);
  if (!_clipper_store_begin (self, error))
    return FALSE;
  if (!run (self, error, "DELETE FROM sync_outbox WHERE seq = ?1", seq_text) ||
      !run (self, error, "DELETE FROM sync_blobs WHERE seq = ?1", seq_text) ||
      !set_meta (self, "sent_seq", seq_text, error) || !_clipper_store_commit (self, error))
    {
      _clipper_store_rollback (self);
      return FALSE;
    }
  return TRUE;
}

/* Pulling */

static const char *
value_string (JsonNode *value,
              const char *member)
{
  return clipper_json_get_member_string (value, member);
}

/* A blob's name as another machine wrote it: a SHA-256 in hex, nothing
 * else, since it becomes a path on the target. */
static gboolean
is_sha256 (const char *hash)
{
  return hash != NULL && strlen (hash) == 64 && strspn (hash, "0123456789abcdef") == 64;
}

/* The blobs @changes need that this library lacks: article texts newer
 * than what is here, and images not stored. */
char **
clipper_store_sync_missing_blobs (ClipperStore  *self,
                                  GPtrArray     *changes,
                                  GError       **error)
{
  g_autoptr(GMutexLocker) locker = NULL;
  g_autoptr(GPtrArray) missing = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GHashTable) seen = g_hash_table_new (g_str_hash, g_str_equal);

  g_return_val_if_fail (CLIPPER_IS_STORE (self), NULL);

  locker = g_mutex_locker_new (&self->mutex);
  for (guint i = 0; i < changes->len; i++)
    {
      ClipperSyncChange *change = g_ptr_array_index (changes, i);
      const char *blob = value_string (change->value, "blob");
      g_autofree char *have = NULL;
      JsonNode *resources;

      if (!g_str_equal (change->field, "content") || !is_sha256 (blob))
        continue;
      have = query_text (self, NULL, "SELECT stamp FROM sync_clock WHERE kind = 'clipping' AND uuid = ?1 "
                         "AND field = 'content'", change->uuid);
      if (have != NULL && strcmp (have, change->stamp) >= 0)
        continue;
      if (!g_hash_table_contains (seen, blob))
        {
          g_hash_table_add (seen, (gpointer)blob);
          g_ptr_array_add (missing, g_strdup (blob));
        }
      resources = clipper_json_get_member (change->value, "resources");
      for (guint j = 0; j < clipper_json_get_length (resources); j++)
        {
          JsonNode *node = clipper_json_get_element (resources, j);
          const char *hash = value_string (node, "hash");
          g_autofree char *stored = NULL;

          if (!is_sha256 (hash) || g_hash_table_contains (seen, hash))
            continue;
          g_hash_table_add (seen, (gpointer)hash);
          stored = query_text (self, NULL, "SELECT hash FROM resources WHERE hash = ?1", hash);
          if (stored == NULL)
            g_ptr_array_add (missing, g_strdup (hash));
        }
    }
  g_ptr_array_add (missing, NULL);
  return (char **)g_ptr_array_free (g_steal_pointer (&missing), FALSE);
}

static int
compare_changes (gconstpointer a,
                 gconstpointer b)
{
  const ClipperSyncChange *x = *(ClipperSyncChange * const *)a;
  const ClipperSyncChange *y = *(ClipperSyncChange * const *)b;
  int order;

  /* Clippings before the highlights on them, a record's fields together,
   * oldest first. */
  if ((order = strcmp (x->kind, y->kind)) != 0)
    return order;
  if ((order = strcmp (x->uuid, y->uuid)) != 0)
    return order;
  return strcmp (x->stamp, y->stamp);
}

static gint64
record_id (ClipperStore *self,
           const char   *kind,
           const char   *uuid)
{
  g_autofree char *id = query_text (self, NULL,
                                    g_str_equal (kind, "clipping") ? "SELECT id FROM clippings WHERE uuid = ?1"
                                                                   : "SELECT id FROM highlights WHERE uuid = ?1",
                                    uuid);

  return id ? g_ascii_strtoll (id, NULL, 10) : 0;
}

static char *
id_text (gint64 id)
{
  return g_strdup_printf ("%" G_GINT64_FORMAT, id);
}

/* The value of a note field here, or "" when there is none. */
static char *
note_here (ClipperStore *self,
           const char   *kind,
           const char   *uuid)
{
  char *note = query_text (self, NULL,
                           g_str_equal (kind, "clipping")
                             ? "SELECT note FROM clippings WHERE uuid = ?1"
                             : "SELECT n.body FROM notes n JOIN highlights h ON h.id = n.highlight_id WHERE h.uuid = ?1",
                           uuid);

  return note ? note : g_strdup ("");
}

static gboolean
write_note (ClipperStore  *self,
            const char    *kind,
            gint64         id,
            const char    *note,
            GError       **error)
{
  g_autofree char *id_str = id_text (id);
  g_autofree char *now = g_strdup_printf ("%" G_GINT64_FORMAT, g_get_real_time () / G_USEC_PER_SEC);

  if (g_str_equal (kind, "clipping"))
    return run (self, error, "UPDATE clippings SET note = ?2 WHERE id = ?1", id_str, note && note[0] ? note : NULL);
  if (note == NULL || note[0] == '\0')
    return run (self, error, "DELETE FROM notes WHERE highlight_id = ?1", id_str);
  return run (self, error,
              "INSERT INTO notes (clipping_id, highlight_id, body, created_at, updated_at) "
              "SELECT clipping_id, id, ?2, ?3, ?3 FROM highlights WHERE id = ?1 "
              "ON CONFLICT (highlight_id) DO UPDATE SET body = excluded.body, updated_at = excluded.updated_at",
              id_str, note, now);
}

static gboolean
write_tag (ClipperStore  *self,
           const char    *kind,
           gint64         id,
           const char    *key,
           const char    *name,
           GError       **error)
{
  gboolean clipping = g_str_equal (kind, "clipping");
  g_autofree char *id_str = id_text (id);

  if (!run (self, error,
            clipping ? "DELETE FROM clipping_tags WHERE clipping_id = ?1 AND tag_id IN "
                       "  (SELECT id FROM tags WHERE lower (name) = ?2)"
                     : "DELETE FROM highlight_tags WHERE highlight_id = ?1 AND tag_id IN "
                       "  (SELECT id FROM tags WHERE lower (name) = ?2)",
            id_str, key))
    return FALSE;
  if (name == NULL || name[0] == '\0')
    return TRUE;
  /* A tag is one name in any case: it takes the case it arrives in. */
  return run (self, error, "INSERT OR IGNORE INTO tags (name) VALUES (?1)", name) &&
         run (self, error, "UPDATE tags SET name = ?1 WHERE name = ?1 AND name IS NOT ?1 COLLATE BINARY", name) &&
         run (self, error,
              clipping ? "INSERT OR IGNORE INTO clipping_tags (clipping_id, tag_id) "
                         "  SELECT ?1, id FROM tags WHERE name = ?2"
                       : "INSERT OR IGNORE INTO highlight_tags (highlight_id, tag_id) "
                         "  SELECT ?1, id FROM tags WHERE name = ?2",
              id_str, name);
}

static gboolean
write_citation (ClipperStore  *self,
                gint64         id,
                JsonNode      *value,
                GError       **error)
{
  g_autofree char *id_str = id_text (id);
  g_autoptr(SyncStmt) stmt = NULL;
  g_autofree char *key = NULL;
  g_autofree char *taken = NULL;
  JsonObject *object;
  int rc;

  if (value == NULL || !JSON_NODE_HOLDS_OBJECT (value))
    return run (self, error, "DELETE FROM citations WHERE clipping_id = ?1", id_str);
  object = json_node_get_object (value);
#define MEMBER(name) clipper_json_get_member_string (value, name)

  /* A key another clipping has here stays with it; this one keeps its own. */
  key = g_strdup (MEMBER ("key"));
  taken = key ? query_text (self, NULL, "SELECT clipping_id FROM citations WHERE citation_key = ?1", key) : NULL;
  if (key == NULL || (taken != NULL && !g_str_equal (taken, id_str)))
    {
      g_free (key);
      key = query_text (self, NULL, "SELECT citation_key FROM citations WHERE clipping_id = ?1", id_str);
      if (key == NULL)
        key = g_strdup_printf ("clipping%s", id_str);
    }

  if (!(stmt = prepare (self,
                        "INSERT INTO citations (clipping_id, citation_key, item_type, authors, title, container, "
                        "  publisher, issued, accessed, url, language, text_sha256, captured_at, edited) "
                        "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14) "
                        "ON CONFLICT (clipping_id) DO UPDATE SET citation_key = excluded.citation_key, "
                        "  item_type = excluded.item_type, authors = excluded.authors, title = excluded.title, "
                        "  container = excluded.container, publisher = excluded.publisher, issued = excluded.issued, "
                        "  accessed = excluded.accessed, url = excluded.url, language = excluded.language, "
                        "  text_sha256 = excluded.text_sha256, captured_at = excluded.captured_at, "
                        "  edited = excluded.edited",
                        error)))
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, id);
  sqlite3_bind_text (stmt, 2, key, -1, SQLITE_TRANSIENT);
  _clipper_store_bind_text_or_null (stmt, 3, MEMBER ("type"));
  sqlite3_bind_text (stmt, 4, MEMBER ("authors") ?: "[]", -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 5, MEMBER ("title") ?: "", -1, SQLITE_TRANSIENT);
  _clipper_store_bind_text_or_null (stmt, 6, MEMBER ("container"));
  _clipper_store_bind_text_or_null (stmt, 7, MEMBER ("publisher"));
  _clipper_store_bind_text_or_null (stmt, 8, MEMBER ("issued"));
  sqlite3_bind_int64 (stmt, 9, json_object_get_int_member_with_default (object, "accessed", 0));
  sqlite3_bind_text (stmt, 10, MEMBER ("url") ?: "", -1, SQLITE_TRANSIENT);
  _clipper_store_bind_text_or_null (stmt, 11, MEMBER ("language"));
  sqlite3_bind_text (stmt, 12, MEMBER ("text_sha256") ?: "", -1, SQLITE_TRANSIENT);
  sqlite3_bind_int64 (stmt, 13, json_object_get_int_member_with_default (object, "captured_at", 0));
  sqlite3_bind_int64 (stmt, 14, json_object_get_int_member_with_default (object, "edited", 0));
#undef MEMBER
  if ((rc = sqlite3_step (stmt)) != SQLITE_DONE)
    return _clipper_store_set_sqlite_error (error, self->db, rc, _("Could not save the citation"));
  return TRUE;
}

static gboolean
write_content (ClipperStore  *self,
               gint64         id,
               JsonNode      *value,
               GHashTable    *blobs,
               GError       **error)
{
  g_autofree char *id_str = id_text (id);
  const char *hash = value_string (value, "blob");
  g_autoptr(JsonNode) body = NULL;
  GBytes *bytes;
  JsonNode *resources;
  gsize size;
  const char *data;

  if (hash == NULL)
    return run (self, error,
                "INSERT INTO clipping_bodies (clipping_id, content, text) VALUES (?1, '', '') "
                "ON CONFLICT (clipping_id) DO UPDATE SET content = '', text = ''",
                id_str);

  /* Fetched before: a blob that could not be is a change not applied. */
  if (!(bytes = g_hash_table_lookup (blobs, hash)))
    return TRUE;
  data = g_bytes_get_data (bytes, &size);
  if (!(body = clipper_json_parse_sized (data, size, CLIPPER_SYNC_MAX_FILE, NULL)) || !JSON_NODE_HOLDS_OBJECT (body))
    return TRUE;

  resources = clipper_json_get_member (value, "resources");
  for (guint j = 0; j < clipper_json_get_length (resources); j++)
    {
      JsonNode *node = clipper_json_get_element (resources, j);
      const char *image = value_string (node, "hash");
      const char *type = value_string (node, "type");
      GBytes *image_bytes = image ? g_hash_table_lookup (blobs, image) : NULL;
      g_autoptr(SyncStmt) insert = NULL;
      gsize image_size;
      const void *image_data;
      int rc;

      if (image_bytes == NULL || type == NULL)
        continue;
      image_data = g_bytes_get_data (image_bytes, &image_size);
      if (!(insert = prepare (self, "INSERT OR IGNORE INTO resources (hash, mime_type, data) VALUES (?1, ?2, ?3)",
                              error)))
        return FALSE;
      sqlite3_bind_text (insert, 1, image, -1, SQLITE_TRANSIENT);
      sqlite3_bind_text (insert, 2, type, -1, SQLITE_TRANSIENT);
      sqlite3_bind_blob64 (insert, 3, image_data ? image_data : "", image_size, SQLITE_TRANSIENT);
      if ((rc = sqlite3_step (insert)) != SQLITE_DONE)
        return _clipper_store_set_sqlite_error (error, self->db, rc, _("Could not save the sync state"));
    }

  return run (self, error,
              "INSERT INTO clipping_bodies (clipping_id, content, text) VALUES (?1, ?2, ?3) "
              "ON CONFLICT (clipping_id) DO UPDATE SET content = excluded.content, text = excluded.text",
              id_str, clipper_json_get_member_string (body, "content") ?: "",
              clipper_json_get_member_string (body, "text") ?: "");
}

/* Writes @change's value into record @id. */
static gboolean
write_field (ClipperStore       *self,
             gint64              id,
             ClipperSyncChange  *change,
             GHashTable         *blobs,
             GError            **error)
{
  gboolean clipping = g_str_equal (change->kind, "clipping");
  const char *field = change->field;
  JsonNode *value = change->value;
  g_autofree char *id_str = id_text (id);
  const char *text = value && JSON_NODE_HOLDS_VALUE (value) && json_node_get_value_type (value) == G_TYPE_STRING
                       ? json_node_get_string (value) : NULL;

  if (g_str_has_prefix (field, "tag:"))
    return write_tag (self, change->kind, id, field + 4, text, error);
  if (g_str_equal (field, "note"))
    return write_note (self, change->kind, id, text, error);

  if (clipping)
    {
      if (g_strv_contains (clipping_columns, field))
        {
          g_autofree char *sql = g_strdup_printf ("UPDATE clippings SET %s = ?2 WHERE id = ?1", field);

          /* url and title are never null. */
          if (text == NULL && (g_str_equal (field, "url") || g_str_equal (field, "title")))
            text = "";
          return run (self, error, sql, id_str, text);
        }
      if (g_str_equal (field, "is_article") || g_str_equal (field, "clipped_at"))
        {
          g_autofree char *sql = g_strdup_printf ("UPDATE clippings SET %s = ?2 WHERE id = ?1", field);
          g_autofree char *number = g_strdup_printf ("%" G_GINT64_FORMAT,
                                                     value && JSON_NODE_HOLDS_VALUE (value)
                                                       ? (g_str_equal (field, "is_article")
                                                            ? (gint64)json_node_get_boolean (value)
                                                            : json_node_get_int (value))
                                                       : 0);

          return run (self, error, sql, id_str, number);
        }
      if (g_str_equal (field, "archived"))
        {
          g_autofree char *when = NULL;

          if (value == NULL || !JSON_NODE_HOLDS_VALUE (value) || json_node_get_value_type (value) != G_TYPE_INT64)
            return run (self, error, "DELETE FROM archived WHERE clipping_id = ?1", id_str);
          when = g_strdup_printf ("%" G_GINT64_FORMAT, json_node_get_int (value));
          return run (self, error,
                      "INSERT INTO archived (clipping_id, archived_at) VALUES (?1, ?2) "
                      "ON CONFLICT DO UPDATE SET archived_at = excluded.archived_at",
                      id_str, when);
        }
      if (g_str_equal (field, "content"))
        return write_content (self, id, value, blobs, error);
      if (g_str_equal (field, "citation"))
        return write_citation (self, id, value, error);
      return TRUE;
    }

  if (g_str_equal (field, "color"))
    return text == NULL || run (self, error, "UPDATE highlights SET color = ?2 WHERE id = ?1", id_str, text);
  if (g_str_equal (field, "created_at"))
    {
      g_autofree char *number = g_strdup_printf ("%" G_GINT64_FORMAT,
                                                 value && JSON_NODE_HOLDS_VALUE (value) ? json_node_get_int (value) : 0);

      return run (self, error, "UPDATE highlights SET created_at = ?2 WHERE id = ?1", id_str, number);
    }
  if (g_str_equal (field, "clipping"))
    {
      gint64 owner = text ? record_id (self, "clipping", text) : 0;
      g_autofree char *owner_str = id_text (owner);

      return owner == 0 || run (self, error, "UPDATE highlights SET clipping_id = ?2 WHERE id = ?1", id_str, owner_str);
    }
  if (g_str_equal (field, "anchor") && value && JSON_NODE_HOLDS_OBJECT (value))
    {
      JsonObject *anchor = json_node_get_object (value);
      const char *exact = clipper_json_get_member_string (value, "exact");
      const char *prefix = clipper_json_get_member_string (value, "prefix");
      const char *suffix = clipper_json_get_member_string (value, "suffix");
      g_autofree char *start = g_strdup_printf ("%" G_GINT64_FORMAT, json_object_get_int_member_with_default (anchor, "start", 0));
      g_autofree char *end = g_strdup_printf ("%" G_GINT64_FORMAT, json_object_get_int_member_with_default (anchor, "end", 0));

      return run (self, error,
                  "UPDATE highlights SET exact = ?2, prefix = ?3, suffix = ?4, start_offset = ?5, end_offset = ?6, "
                  "  orphaned = ?7 WHERE id = ?1",
                  id_str, exact ? exact : "", prefix ? prefix : "", suffix ? suffix : "",
                  start, end, json_object_get_boolean_member_with_default (anchor, "orphaned", FALSE) ? "1" : "0");
    }
  return TRUE;
}

/* A record first heard of: a row to put its fields in. A highlight needs
 * its clipping here; without it, it waits. */
static gint64
create_record (ClipperStore  *self,
               const char    *kind,
               const char    *uuid,
               GPtrArray     *group,
               GError       **error)
{
  g_autofree char *now = g_strdup_printf ("%" G_GINT64_FORMAT, g_get_real_time () / G_USEC_PER_SEC);

  if (g_str_equal (kind, "clipping"))
    {
      g_autofree char *local = NULL;

      /* The same page in this library, never synced (a second machine's
       * first sync): one clipping, under the id the others know. */
      for (guint i = group->len; i-- > 0 && local == NULL;)
        {
          ClipperSyncChange *change = g_ptr_array_index (group, i);

          if (g_str_equal (change->field, "url") && change->value && JSON_NODE_HOLDS_VALUE (change->value) &&
              json_node_get_value_type (change->value) == G_TYPE_STRING && json_node_get_string (change->value)[0])
            local = query_text (self, NULL,
                                "SELECT c.uuid FROM clippings c WHERE c.url = ?1 AND NOT EXISTS "
                                "  (SELECT 1 FROM sync_clock k WHERE k.kind = 'clipping' AND k.uuid = c.uuid) "
                                "ORDER BY c.id LIMIT 1",
                                json_node_get_string (change->value));
        }
      if (local != NULL)
        {
          if (!run (self, error, "UPDATE clippings SET uuid = ?2 WHERE uuid = ?1", local, uuid) ||
              !run (self, error, "UPDATE OR REPLACE sync_dirty SET uuid = ?2 WHERE kind = 'clipping' AND uuid = ?1",
                    local, uuid))
            return -1;
          return record_id (self, kind, uuid);
        }

      if (!run (self, error,
                "INSERT INTO clippings (uuid, url, title, clipped_at, updated_at) VALUES (?1, '', '', ?2, ?2)",
                uuid, now))
        return -1;
    }
  else
    {
      g_autofree char *owner = NULL;

      for (guint i = group->len; i-- > 0 && owner == NULL;)
        {
          ClipperSyncChange *change = g_ptr_array_index (group, i);

          if (g_str_equal (change->field, "clipping") && change->value && JSON_NODE_HOLDS_VALUE (change->value))
            owner = query_text (self, NULL, "SELECT id FROM clippings WHERE uuid = ?1",
                                json_node_get_string (change->value));
        }
      if (owner == NULL)
        return 0;
      if (!run (self, error,
                "INSERT INTO highlights (uuid, clipping_id, exact, created_at, updated_at) VALUES (?1, ?2, '', ?3, ?3)",
                uuid, owner, now))
        return -1;
    }
  return record_id (self, kind, uuid);
}

static gboolean
set_clock (ClipperStore  *self,
           const char    *kind,
           const char    *uuid,
           const char    *field,
           const char    *stamp,
           GError       **error)
{
  return run (self, error,
              "INSERT INTO sync_clock (kind, uuid, field, stamp) VALUES (?1, ?2, ?3, ?4) "
              "ON CONFLICT DO UPDATE SET stamp = excluded.stamp",
              kind, uuid, field, stamp);
}

/* The fields of a record edited here and not sent: a deletion from
 * elsewhere does not take them; the whole record is sent again instead. */
static gboolean
keep_record (ClipperStore  *self,
             const char    *kind,
             const char    *uuid,
             gboolean      *kept,
             GError       **error)
{
  g_autofree char *dirty = query_text (self, NULL, "SELECT field FROM sync_dirty WHERE kind = ?1 AND uuid = ?2 LIMIT 1",
                                       kind, uuid);
  g_autofree char *now = g_strdup_printf ("%" G_GINT64_FORMAT, now_ms ());

  *kept = dirty != NULL;
  if (!*kept)
    return TRUE;

  return run (self, error, "INSERT INTO sync_dirty (kind, uuid, field, edited_at) VALUES (?1, ?2, '*', ?3)" DIRTY_UPSERT,
              kind, uuid, now);
}

/* One field from elsewhere against the one here. */
static gboolean
apply_change (ClipperStore           *self,
              gint64                 *id,
              ClipperSyncChange      *change,
              GPtrArray              *group,
              GHashTable             *blobs,
              const char             *separator,
              ClipperSyncApplyStats  *stats,
              GError                **error)
{
  const char *kind = change->kind;
  const char *uuid = change->uuid;
  g_autofree char *have = NULL;
  g_autofree char *tombstone = NULL;
  g_autofree char *dirty_at = NULL;
  gint64 remote_wall = 0;

  have = query_text (self, NULL, "SELECT stamp FROM sync_clock WHERE kind = ?1 AND uuid = ?2 AND field = ?3", kind,
                     uuid, change->field);
  if (have != NULL && strcmp (change->stamp, have) <= 0)
    return TRUE;

  if (g_str_equal (change->field, "deleted"))
    {
      if (*id > 0)
        {
          gboolean kept;

          if (!keep_record (self, kind, uuid, &kept, error))
            return FALSE;
          if (kept)
            {
              stats->kept++;
              return TRUE;
            }
          if (!run (self, error, g_str_equal (kind, "clipping") ? "DELETE FROM clippings WHERE uuid = ?1"
                                                               : "DELETE FROM highlights WHERE uuid = ?1",
                    uuid))
            return FALSE;
          stats->deleted++;
          *id = 0;
        }
      return set_clock (self, kind, uuid, "deleted", change->stamp, error) &&
             run (self, error, "DELETE FROM sync_dirty WHERE kind = ?1 AND uuid = ?2", kind, uuid);
    }

  tombstone = query_text (self, NULL, "SELECT stamp FROM sync_clock WHERE kind = ?1 AND uuid = ?2 AND field = 'deleted'",
                          kind, uuid);
  if (tombstone != NULL && strcmp (change->stamp, tombstone) <= 0)
    return TRUE;

  if (*id == 0)
    {
      /* New here, or deleted here before this edit was made elsewhere. */
      if ((*id = create_record (self, kind, uuid, group, error)) < 0)
        return FALSE;
      if (*id == 0)
        return TRUE;
      stats->created++;
      if (tombstone != NULL &&
          !run (self, error, "DELETE FROM sync_clock WHERE kind = ?1 AND uuid = ?2 AND field = 'deleted'", kind, uuid))
        return FALSE;
    }

  clipper_hlc_parse (change->stamp, &remote_wall, NULL, NULL);
  dirty_at = query_text (self, NULL, "SELECT edited_at FROM sync_dirty WHERE kind = ?1 AND uuid = ?2 AND field = ?3",
                         kind, uuid, change->field);

  if (g_str_equal (change->field, "note"))
    {
      const char *remote = change->value && JSON_NODE_HOLDS_VALUE (change->value) ? json_node_get_string (change->value)
                                                                                  : NULL;
      g_autofree char *local = note_here (self, kind, uuid);
      g_autofree char *base = NULL;
      g_autofree char *base_stamp = NULL;
      g_autofree char *merged = NULL;
      gboolean conflict = FALSE;

      base_stamp = query_text (self, NULL, "SELECT stamp FROM sync_base WHERE kind = ?1 AND uuid = ?2 AND field = 'note'",
                               kind, uuid);
      if (dirty_at == NULL && g_strcmp0 (change->parent, have) == 0)
        /* Written over the text we have, which is unchanged here. */
        merged = g_strdup (remote ? remote : "");
      else
        {
          /* Written alongside ours: merged from the text both had, when it
           * is known; otherwise both are kept. */
          if (change->parent != NULL && g_strcmp0 (base_stamp, change->parent) == 0)
            base = query_text (self, NULL, "SELECT value FROM sync_base WHERE kind = ?1 AND uuid = ?2 AND "
                               "field = 'note'", kind, uuid);
          else if (have == NULL && change->parent == NULL)
            base = g_strdup ("");
          else
            base = g_strdup (g_strcmp0 (local, remote ? remote : "") == 0 ? local : "\x01");
          merged = clipper_sync_merge_text (base, local, remote, separator, &conflict);
        }

      if (!write_note (self, kind, *id, merged, error) ||
          !run (self, error,
                "INSERT INTO sync_base (kind, uuid, field, value, stamp) VALUES (?1, ?2, 'note', ?3, ?4) "
                "ON CONFLICT DO UPDATE SET value = excluded.value, stamp = excluded.stamp",
                kind, uuid, remote ? remote : "", change->stamp) ||
          !set_clock (self, kind, uuid, "note", change->stamp, error))
        return FALSE;

      if (g_strcmp0 (merged, remote ? remote : "") != 0)
        {
          /* Both sides wrote: the merge goes back out. */
          g_autofree char *now = g_strdup_printf ("%" G_GINT64_FORMAT, now_ms ());

          stats->merged++;
          stats->conflicts += conflict ? 1 : 0;
          return run (self, error,
                      "INSERT INTO sync_dirty (kind, uuid, field, edited_at) VALUES (?1, ?2, 'note', ?3)" DIRTY_UPSERT,
                      kind, uuid, now);
        }
      stats->applied++;
      return run (self, error, "DELETE FROM sync_dirty WHERE kind = ?1 AND uuid = ?2 AND field = 'note'", kind, uuid);
    }

  if (dirty_at != NULL && g_ascii_strtoll (dirty_at, NULL, 10) >= remote_wall)
    {
      /* Changed here since, and later: ours goes out and wins there. */
      stats->kept++;
      return TRUE;
    }

  stats->applied++;
  return write_field (self, *id, change, blobs, error) &&
         set_clock (self, kind, uuid, change->field, change->stamp, error) &&
         run (self, error, "DELETE FROM sync_dirty WHERE kind = ?1 AND uuid = ?2 AND field = ?3", kind, uuid,
              change->field);
}

/**
 * clipper_store_sync_apply:
 * @changes: (element-type ClipperSyncChange): from the other machines
 * @blobs: hash → #GBytes, the blobs they need, as fetched
 * @separator: put between two versions of a note that could not be merged
 * @cursor_keys: (array zero-terminated=1): sync_meta keys to set with the
 *   changes, in the same transaction (how far each device was read)
 * @stats: (out): what was done
 * @touched: (nullable) (element-type gint64): filled with the clippings
 *   changed, or whose highlights changed
 *
 * Applies @changes in one transaction, without marking them as changes
 * made here.
 */
gboolean
clipper_store_sync_apply (ClipperStore           *self,
                          GPtrArray              *changes,
                          GHashTable             *blobs,
                          const char             *separator,
                          char                  **cursor_keys,
                          char                  **cursor_values,
                          ClipperSyncApplyStats  *stats,
                          GArray                 *touched_out,
                          GError                **error)
{
  g_autoptr(GMutexLocker) locker = NULL;
  g_autoptr(GPtrArray) sorted = NULL;
  g_autoptr(GHashTable) touched = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, NULL);
  GHashTableIter iter;
  gpointer key;
  guint i = 0;

  g_return_val_if_fail (CLIPPER_IS_STORE (self), FALSE);

  memset (stats, 0, sizeof *stats);
  locker = g_mutex_locker_new (&self->mutex);
  if (self->read_only)
    {
      g_set_error (error, CLIPPER_ERROR, CLIPPER_ERROR_READ_ONLY, "%s", self->read_only_reason);
      return FALSE;
    }

  /* Not g_ptr_array_copy (), which would take the free function too. */
  sorted = g_ptr_array_sized_new (changes->len);
  for (guint k = 0; k < changes->len; k++)
    g_ptr_array_add (sorted, g_ptr_array_index (changes, k));
  g_ptr_array_sort (sorted, compare_changes);

  if (!_clipper_store_begin (self, error) || !set_meta (self, "applying", "1", error))
    goto fail;

  while (i < sorted->len)
    {
      ClipperSyncChange *first = g_ptr_array_index (sorted, i);
      g_autoptr(GPtrArray) group = g_ptr_array_new ();
      gint64 id;
      guint j;

      for (j = i; j < sorted->len; j++)
        {
          ClipperSyncChange *change = g_ptr_array_index (sorted, j);

          if (!g_str_equal (change->kind, first->kind) || !g_str_equal (change->uuid, first->uuid))
            break;
          g_ptr_array_add (group, change);
        }
      i = j;

      id = record_id (self, first->kind, first->uuid);
      for (j = 0; j < group->len; j++)
        if (!apply_change (self, &id, g_ptr_array_index (group, j), group, blobs, separator, stats, error))
          goto fail;

      /* The search index follows the clippings whose words changed. */
      {
        g_autofree char *owner = query_text (self, NULL,
                                             g_str_equal (first->kind, "clipping")
                                               ? "SELECT id FROM clippings WHERE uuid = ?1"
                                               : "SELECT clipping_id FROM highlights WHERE uuid = ?1",
                                             first->uuid);
        gint64 owner_id = owner ? g_ascii_strtoll (owner, NULL, 10) : 0;

        if (owner_id > 0)
          g_hash_table_add (touched, g_memdup2 (&owner_id, sizeof owner_id));
      }
    }

  g_hash_table_iter_init (&iter, touched);
  while (g_hash_table_iter_next (&iter, &key, NULL))
    {
      if (!_clipper_store_reindex (self, *(gint64 *)key, error))
        goto fail;
      if (touched_out != NULL)
        g_array_append_val (touched_out, *(gint64 *)key);
    }
  if (!run (self, error, "DELETE FROM search_index WHERE rowid NOT IN (SELECT id FROM clippings)") ||
      !_clipper_store_drop_unused_tags (self, error))
    goto fail;

  for (guint k = 0; cursor_keys != NULL && cursor_keys[k] != NULL; k++)
    if (!set_meta (self, cursor_keys[k], cursor_values[k], error))
      goto fail;

  if (!set_meta (self, "applying", NULL, error) || !_clipper_store_commit (self, error))
    goto fail;

  /* Clippings new here are cited as any other. */
  if (stats->created > 0 && !_clipper_store_fill_citations (self, error))
    return FALSE;
  return TRUE;

fail:
  _clipper_store_rollback (self);
  return FALSE;
}
