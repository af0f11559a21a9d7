/* clipper-sync.c
 *
 * Copyright 2026 The Clipper authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * One sync with a target: read what the other machines wrote since last
 * time, apply it, then send what changed here. The layout on the target
 * (see the README) is one folder per device, which only that device
 * writes: numbered segments of changes and a head that says how many
 * there are. Reading costs a request per device and one per new segment,
 * never a listing of the library; articles' texts and images are blobs
 * named by their SHA-256, written once.
 */

#define G_LOG_DOMAIN "clipper-sync"

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "clipper-anchor.h"
#include "clipper-capture.h"
#include "clipper-error.h"
#include "clipper-json.h"
#include "clipper-store-sync.h"
#include "clipper-sync.h"

#define FORMAT_PATH      "clipper-sync.json"
#define SEGMENT_CHANGES  1000 /* fields a segment holds at most */
#define APPLY_SEGMENTS   20   /* segments applied in one transaction */

struct _ClipperSync
{
  GObject            parent_instance;

  ClipperStore      *store;
  ClipperSyncTarget *target;
};

G_DEFINE_FINAL_TYPE (ClipperSync, clipper_sync, G_TYPE_OBJECT)

static GBytes *
json_bytes (JsonBuilder *builder)
{
  char *text = clipper_json_builder_to_string (builder);

  return g_bytes_new_take (text, strlen (text));
}

static char *
blob_path (const char *hash)
{
  return g_strdup_printf ("blobs/%.2s/%s", hash, hash);
}

static char *
segment_path (const char *device,
              gint64      seq)
{
  return g_strdup_printf ("devices/%s/segments/%010" G_GINT64_FORMAT ".json", device, seq);
}

static gint64
member_int (JsonNode   *node,
            const char *name)
{
  JsonNode *member = clipper_json_get_member (node, name);

  return member && JSON_NODE_HOLDS_VALUE (member) && json_node_get_value_type (member) == G_TYPE_INT64
           ? json_node_get_int (member)
           : 0;
}

static gint64
meta_int (ClipperStore *store,
          const char   *key)
{
  g_autofree char *value = clipper_store_sync_dup_meta (store, key, NULL);

  return value ? g_ascii_strtoll (value, NULL, 10) : 0;
}

static gboolean
set_meta_int (ClipperStore  *store,
              const char    *key,
              gint64         value,
              GError       **error)
{
  g_autofree char *text = g_strdup_printf ("%" G_GINT64_FORMAT, value);

  return clipper_store_sync_set_meta (store, key, text, error);
}

/* The target's format: made on a new target; a newer one is refused,
 * and nothing is written to it. */
static gboolean
check_format (ClipperSync   *self,
              GCancellable  *cancellable,
              GError       **error)
{
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(GError) local_error = NULL;
  g_autoptr(JsonNode) root = NULL;
  g_autofree char *where = clipper_sync_target_describe (self->target);
  JsonNode *format;
  gsize size;
  const char *data;

  bytes = clipper_sync_target_get (self->target, FORMAT_PATH, NULL, NULL, cancellable, &local_error);
  if (bytes == NULL && g_error_matches (local_error, CLIPPER_ERROR, CLIPPER_ERROR_NOT_FOUND))
    {
      g_autoptr(JsonBuilder) builder = json_builder_new ();
      g_autoptr(GBytes) made = NULL;
      g_autofree char *etag = NULL;

      g_clear_error (&local_error);
      json_builder_begin_object (builder);
      json_builder_set_member_name (builder, "format");
      json_builder_add_int_value (builder, CLIPPER_SYNC_FORMAT);
      clipper_json_add_string_member (builder, "application", "Clipper");
      json_builder_end_object (builder);
      made = json_bytes (builder);
      /* A folder not made yet is made: it is where the user said. */
      if (!clipper_sync_target_make_dir (self->target, ".", cancellable, error))
        return FALSE;
      etag = clipper_sync_target_put (self->target, FORMAT_PATH, made, NULL, cancellable, &local_error);
      if (etag != NULL)
        return TRUE;
      /* Made by another machine meanwhile: read theirs. */
      if (!g_error_matches (local_error, CLIPPER_ERROR, CLIPPER_ERROR_CONFLICT))
        {
          g_propagate_error (error, g_steal_pointer (&local_error));
          return FALSE;
        }
      g_clear_error (&local_error);
      bytes = clipper_sync_target_get (self->target, FORMAT_PATH, NULL, NULL, cancellable, &local_error);
    }
  if (bytes == NULL)
    {
      g_propagate_error (error, g_steal_pointer (&local_error));
      return FALSE;
    }

  data = g_bytes_get_data (bytes, &size);
  root = clipper_json_parse_sized (data, size, 64 * 1024, NULL);
  format = clipper_json_get_member (root, "format");
  if (format == NULL || !JSON_NODE_HOLDS_VALUE (format) || json_node_get_int (format) < 1)
    {
      g_set_error (error, CLIPPER_ERROR, CLIPPER_ERROR_INVALID_INPUT,
                   _("%s is not a Clipper sync target (its %s cannot be read). Nothing was written to it."), where,
                   FORMAT_PATH);
      return FALSE;
    }
  if (json_node_get_int (format) > CLIPPER_SYNC_FORMAT)
    {
      g_set_error (error, CLIPPER_ERROR, CLIPPER_ERROR_NEWER_DATABASE,
                   _("%s was set up by a newer version of Clipper (format %d; this version writes format %d). "
                     "Nothing was written to it: update Clipper to sync with it."),
                   where, (int)json_node_get_int (format), CLIPPER_SYNC_FORMAT);
      return FALSE;
    }
  return TRUE;
}

/* The blobs @changes need, fetched and checked against their names. */
static GHashTable *
fetch_blobs (ClipperSync        *self,
             GPtrArray          *changes,
             ClipperSyncReport  *report,
             GCancellable       *cancellable,
             GError            **error)
{
  g_autoptr(GHashTable) blobs = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, (GDestroyNotify)g_bytes_unref);
  g_auto(GStrv) missing = clipper_store_sync_missing_blobs (self->store, changes, error);

  if (missing == NULL)
    return NULL;
  for (guint i = 0; missing[i] != NULL; i++)
    {
      g_autofree char *path = blob_path (missing[i]);
      g_autoptr(GError) local_error = NULL;
      g_autoptr(GBytes) bytes = clipper_sync_target_get (self->target, path, NULL, NULL, cancellable, &local_error);
      g_autofree char *hash = NULL;

      if (bytes == NULL)
        {
          /* One not there yet (a folder client still copying): its change
           * waits for the next sync that finds it. */
          if (g_error_matches (local_error, CLIPPER_ERROR, CLIPPER_ERROR_NOT_FOUND))
            continue;
          g_propagate_error (error, g_steal_pointer (&local_error));
          return NULL;
        }
      hash = g_compute_checksum_for_bytes (G_CHECKSUM_SHA256, bytes);
      if (!g_str_equal (hash, missing[i]))
        {
          g_warning ("Blob %s on the sync target is damaged; not used", missing[i]);
          continue;
        }
      report->blobs_received++;
      g_hash_table_insert (blobs, g_strdup (missing[i]), g_steal_pointer (&bytes));
    }
  return g_steal_pointer (&blobs);
}

/* Another device's part of the target, as far as this sync reads it. */
typedef struct
{
  char   *device;
  char   *etag;    /* of its head, saved once all of it is read */
  gint64  next;    /* the next segment to read */
  gint64  last;    /* its last segment */
  gboolean done;
} Reader;

static void
reader_free (Reader *reader)
{
  g_free (reader->device);
  g_free (reader->etag);
  g_free (reader);
}

/* Highlights whose place no longer holds their quote (made on one
 * machine for a text re-clipped on another) are placed again, as a
 * re-clip places them; the new places go out with the next push. */
static gboolean
reanchor (ClipperSync  *self,
          GArray       *clippings,
          GError      **error)
{
  for (guint i = 0; i < clippings->len; i++)
    {
      gint64 id = g_array_index (clippings, gint64, i);
      g_autoptr(ClipperClipping) clipping = clipper_store_find_clipping (self->store, id, NULL);
      g_autoptr(GPtrArray) highlights = clipping ? clipper_store_list_highlights (self->store, id, NULL) : NULL;
      g_autoptr(GPtrArray) moved = g_ptr_array_new ();
      g_autoptr(ClipperAnchorText) text = NULL;

      if (highlights == NULL || highlights->len == 0 || !clipper_clipping_get_fetched (clipping))
        continue;
      text = clipper_anchor_text_new_from_html (clipper_clipping_get_content (clipping));
      for (guint j = 0; j < highlights->len; j++)
        {
          ClipperHighlight *highlight = g_ptr_array_index (highlights, j);
          g_autofree char *there = NULL;

          if (clipper_highlight_get_orphaned (highlight))
            continue;
          there = clipper_anchor_text_slice (text, clipper_highlight_get_start (highlight),
                                             clipper_highlight_get_end (highlight));
          if (g_strcmp0 (there, clipper_highlight_get_exact (highlight)) != 0)
            g_ptr_array_add (moved, highlight);
        }
      if (moved->len == 0)
        continue;
      clipper_capture_reanchor (moved, clipper_clipping_get_content (clipping));
      for (guint j = 0; j < moved->len; j++)
        if (!clipper_store_update_highlight (self->store, g_ptr_array_index (moved, j), error))
          return FALSE;
    }
  return TRUE;
}

/* Applies @changes in one transaction with the readers' cursors. */
static gboolean
apply_round (ClipperSync        *self,
             GPtrArray          *changes,
             GPtrArray          *readers,
             ClipperHlc         *clock,
             ClipperSyncReport  *report,
             GCancellable       *cancellable,
             GError            **error)
{
  g_autoptr(GHashTable) blobs = NULL;
  g_autoptr(GArray) touched = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_autoptr(GPtrArray) keys = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GPtrArray) values = g_ptr_array_new_with_free_func (g_free);
  ClipperSyncApplyStats stats;

  for (guint i = 0; i < readers->len; i++)
    {
      Reader *reader = g_ptr_array_index (readers, i);

      g_ptr_array_add (keys, g_strdup_printf ("cursor:%s", reader->device));
      g_ptr_array_add (values, g_strdup_printf ("%" G_GINT64_FORMAT, reader->next - 1));
      if (reader->done && reader->etag != NULL)
        {
          g_ptr_array_add (keys, g_strdup_printf ("head-etag:%s", reader->device));
          g_ptr_array_add (values, g_strdup (reader->etag));
        }
    }
  g_ptr_array_add (keys, NULL);
  g_ptr_array_add (values, NULL);

  if (!(blobs = fetch_blobs (self, changes, report, cancellable, error)))
    return FALSE;
  if (!clipper_store_sync_apply (self->store, changes, blobs,
                                 /* Translators: between two versions of a note, when both machines changed it */
                                 _("— Also written on another machine: —"), (char **)keys->pdata,
                                 (char **)values->pdata, &stats, touched, error) ||
      !reanchor (self, touched, error))
    return FALSE;

  for (guint i = 0; i < changes->len; i++)
    clipper_hlc_receive (clock, ((ClipperSyncChange *)g_ptr_array_index (changes, i))->stamp,
                         g_get_real_time () / 1000);
  report->applied += stats.applied;
  report->merged += stats.merged;
  report->conflicts += stats.conflicts;
  report->created += stats.created;
  report->deleted += stats.deleted;
  g_ptr_array_set_size (changes, 0);
  return TRUE;
}

/* Where another device's segments stand; NULL when there is nothing new
 * (its head unchanged since), or it is still being set up. */
static Reader *
open_reader (ClipperSync   *self,
             const char    *device,
             GCancellable  *cancellable,
             GError       **error)
{
  g_autofree char *head_path = g_strdup_printf ("devices/%s/head.json", device);
  g_autofree char *cursor_key = g_strdup_printf ("cursor:%s", device);
  g_autofree char *etag_key = g_strdup_printf ("head-etag:%s", device);
  g_autofree char *old_etag = clipper_store_sync_dup_meta (self->store, etag_key, NULL);
  g_autofree char *etag = NULL;
  g_autoptr(GBytes) head = NULL;
  g_autoptr(GError) local_error = NULL;
  g_autoptr(JsonNode) root = NULL;
  Reader *reader;
  gsize size;
  const char *data;

  head = clipper_sync_target_get (self->target, head_path, old_etag, &etag, cancellable, &local_error);
  if (head == NULL)
    {
      if (local_error != NULL && !g_error_matches (local_error, CLIPPER_ERROR, CLIPPER_ERROR_NOT_FOUND))
        g_propagate_error (error, g_steal_pointer (&local_error));
      return NULL;
    }

  data = g_bytes_get_data (head, &size);
  root = clipper_json_parse_sized (data, size, 64 * 1024, NULL);
  reader = g_new0 (Reader, 1);
  reader->device = g_strdup (device);
  reader->etag = g_steal_pointer (&etag);
  reader->last = member_int (root, "seq");
  reader->next = MAX (meta_int (self->store, cursor_key) + 1, MAX (1, member_int (root, "first")));
  reader->done = reader->next > reader->last;
  return reader;
}

/* What the other devices wrote since we last read them, applied in rounds
 * of a few segments of each, oldest stamps first, so that an edit made on
 * top of another device's edit comes after it. */
static gboolean
pull (ClipperSync        *self,
      const char         *me,
      ClipperHlc         *clock,
      ClipperSyncReport  *report,
      GCancellable       *cancellable,
      GError            **error)
{
  g_autoptr(GError) local_error = NULL;
  g_auto(GStrv) devices = clipper_sync_target_list (self->target, "devices/", cancellable, &local_error);
  g_autoptr(GPtrArray) readers = g_ptr_array_new_with_free_func ((GDestroyNotify)reader_free);
  g_autoptr(GPtrArray) changes = g_ptr_array_new_with_free_func ((GDestroyNotify)clipper_sync_change_free);
  gboolean more = TRUE;

  if (devices == NULL)
    {
      if (g_error_matches (local_error, CLIPPER_ERROR, CLIPPER_ERROR_NOT_FOUND))
        return TRUE;
      g_propagate_error (error, g_steal_pointer (&local_error));
      return FALSE;
    }

  for (guint i = 0; devices[i] != NULL; i++)
    {
      Reader *reader;

      if (g_str_equal (devices[i], me) || !g_uuid_string_is_valid (devices[i]))
        continue;
      report->devices++;
      if ((reader = open_reader (self, devices[i], cancellable, &local_error)))
        g_ptr_array_add (readers, reader);
      else if (local_error != NULL)
        {
          g_propagate_error (error, g_steal_pointer (&local_error));
          return FALSE;
        }
    }

  while (more && readers->len > 0)
    {
      more = FALSE;
      for (guint i = 0; i < readers->len; i++)
        {
          Reader *reader = g_ptr_array_index (readers, i);

          for (guint n = 0; n < APPLY_SEGMENTS && !reader->done; n++)
            {
              g_autofree char *path = segment_path (reader->device, reader->next);
              g_autoptr(GBytes) segment = NULL;
              g_autoptr(GPtrArray) parsed = NULL;
              g_autofree char *writer = NULL;
              gint64 parsed_seq;
              gsize size;
              const char *data;

              segment = clipper_sync_target_get (self->target, path, NULL, NULL, cancellable, &local_error);
              if (segment == NULL)
                {
                  /* Not there yet (a folder client still copying): the rest
                   * of this device waits for the next sync. */
                  if (!g_error_matches (local_error, CLIPPER_ERROR, CLIPPER_ERROR_NOT_FOUND))
                    {
                      g_propagate_error (error, g_steal_pointer (&local_error));
                      return FALSE;
                    }
                  g_clear_error (&local_error);
                  g_clear_pointer (&reader->etag, g_free);
                  reader->done = TRUE;
                  break;
                }
              data = g_bytes_get_data (segment, &size);
              if (!(parsed = clipper_sync_parse_segment (data, size, &writer, &parsed_seq, error)))
                {
                  g_prefix_error (error, "%s: ", path);
                  return FALSE;
                }
              report->received += parsed->len;
              g_ptr_array_extend_and_steal (changes, g_steal_pointer (&parsed));
              reader->next++;
              reader->done = reader->next > reader->last;
            }
          more |= !reader->done;
        }
      if (!apply_round (self, changes, readers, clock, report, cancellable, error))
        return FALSE;
    }
  return TRUE;
}

static gboolean
put_blob (ClipperSync   *self,
          const char    *hash,
          GCancellable  *cancellable,
          GError       **error)
{
  g_autofree char *path = blob_path (hash);
  g_autofree char *dir = g_path_get_dirname (path);
  g_autoptr(GBytes) bytes = clipper_store_sync_dup_blob (self->store, hash, error);
  g_autoptr(GError) local_error = NULL;
  g_autofree char *etag = NULL;

  if (bytes == NULL)
    return FALSE;
  for (int attempt = 0; attempt < 2; attempt++)
    {
      g_clear_error (&local_error);
      etag = clipper_sync_target_put (self->target, path, bytes, NULL, cancellable, &local_error);
      /* Written before (the same name is the same bytes). */
      if (etag != NULL || g_error_matches (local_error, CLIPPER_ERROR, CLIPPER_ERROR_CONFLICT))
        return TRUE;
      if (!g_error_matches (local_error, CLIPPER_ERROR, CLIPPER_ERROR_NOT_FOUND) ||
          !clipper_sync_target_make_dir (self->target, dir, cancellable, error))
        break;
    }
  if (local_error != NULL)
    g_propagate_error (error, g_steal_pointer (&local_error));
  return FALSE;
}

/* Our head: how many segments there are, from which one on. */
static gboolean
write_head (ClipperSync   *self,
            const char    *me,
            gint64         seq,
            gint64         first,
            char         **head_etag,
            GCancellable  *cancellable,
            GError       **error)
{
  g_autofree char *head_path = g_strdup_printf ("devices/%s/head.json", me);
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autoptr(GBytes) head_bytes = NULL;
  g_autoptr(GError) local_error = NULL;
  g_autofree char *etag = NULL;

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "format");
  json_builder_add_int_value (builder, CLIPPER_SYNC_FORMAT);
  clipper_json_add_string_member (builder, "device", me);
  clipper_json_add_string_member (builder, "name", g_get_host_name ());
  json_builder_set_member_name (builder, "first");
  json_builder_add_int_value (builder, MAX (first, 1));
  json_builder_set_member_name (builder, "seq");
  json_builder_add_int_value (builder, seq);
  json_builder_end_object (builder);
  head_bytes = json_bytes (builder);
  etag = clipper_sync_target_put (self->target, head_path, head_bytes, *head_etag, cancellable, &local_error);
  if (etag == NULL)
    {
      if (g_error_matches (local_error, CLIPPER_ERROR, CLIPPER_ERROR_CONFLICT))
        g_set_error (error, CLIPPER_ERROR, CLIPPER_ERROR_CONFLICT,
                     _("Another copy of this library is syncing with the same target; try again when it is "
                       "done."));
      else
        g_propagate_error (error, g_steal_pointer (&local_error));
      return FALSE;
    }

  if (!clipper_store_sync_set_meta (self->store, "head-etag", etag[0] ? etag : NULL, error))
    return FALSE;
  g_free (*head_etag);
  *head_etag = etag[0] ? g_strdup (etag) : NULL;
  return TRUE;
}

static gboolean
push (ClipperSync        *self,
      const char         *me,
      ClipperHlc         *clock,
      ClipperSyncReport  *report,
      GCancellable       *cancellable,
      GError            **error)
{
  g_autofree char *head_path = g_strdup_printf ("devices/%s/head.json", me);
  g_autofree char *head_etag = clipper_store_sync_dup_meta (self->store, "head-etag", NULL);
  g_autofree char *seen_etag = NULL;
  g_autoptr(GBytes) head = NULL;
  g_autoptr(GError) local_error = NULL;
  gint64 first = meta_int (self->store, "first_seq");

  /* Our own head: missing, this is a first sync here, or the target was
   * wiped; either way everything goes up. */
  head = clipper_sync_target_get (self->target, head_path, head_etag, &seen_etag, cancellable, &local_error);
  if (head == NULL && g_error_matches (local_error, CLIPPER_ERROR, CLIPPER_ERROR_NOT_FOUND))
    {
      g_autofree char *device_dir = g_strdup_printf ("devices/%s", me);
      g_autofree char *segments_dir = g_strdup_printf ("devices/%s/segments", me);
      gboolean sent_before = meta_int (self->store, "sent_seq") > 0 || head_etag != NULL;

      g_clear_error (&local_error);
      if (!clipper_sync_target_make_dir (self->target, "devices", cancellable, error) ||
          !clipper_sync_target_make_dir (self->target, device_dir, cancellable, error) ||
          !clipper_sync_target_make_dir (self->target, segments_dir, cancellable, error) ||
          !clipper_sync_target_make_dir (self->target, "blobs", cancellable, error) ||
          !clipper_store_sync_mark_all (self->store, sent_before, error))
        return FALSE;
      first = meta_int (self->store, "last_seq") + 1;
      if (!set_meta_int (self->store, "first_seq", first, error) ||
          !clipper_store_sync_set_meta (self->store, "head-etag", NULL, error))
        return FALSE;
      g_clear_pointer (&head_etag, g_free);
      report->uploaded_all = TRUE;
      /* Seen by the others from now on, even with nothing to send. */
      if (!write_head (self, me, first - 1, first, &head_etag, cancellable, error))
        return FALSE;
    }
  else if (local_error != NULL)
    {
      g_propagate_error (error, g_steal_pointer (&local_error));
      return FALSE;
    }
  else if (head != NULL)
    {
      /* Changed by someone else (another copy of this library?): go on
       * from what it says now. */
      g_free (head_etag);
      head_etag = g_steal_pointer (&seen_etag);
    }

  for (;;)
    {
      g_autofree char *segment = NULL;
      g_autofree char *path = NULL;
      g_autofree char *writer = NULL;
      g_autoptr(GBytes) bytes = NULL;
      g_autoptr(GPtrArray) parsed = NULL;
      g_auto(GStrv) blobs = NULL;
      gint64 seq, parsed_seq;

      if (g_cancellable_set_error_if_cancelled (cancellable, error))
        return FALSE;
      if (!(segment = clipper_store_sync_take_segment (self->store, clock, SEGMENT_CHANGES, &seq, &local_error)))
        {
          if (local_error != NULL)
            {
              g_propagate_error (error, g_steal_pointer (&local_error));
              return FALSE;
            }
          return TRUE;
        }

      if (!(blobs = clipper_store_sync_segment_blobs (self->store, seq, error)))
        return FALSE;
      for (guint i = 0; blobs[i] != NULL; i++)
        {
          if (!put_blob (self, blobs[i], cancellable, error))
            return FALSE;
          report->blobs_sent++;
        }

      path = segment_path (me, seq);
      bytes = g_bytes_new (segment, strlen (segment));
      g_free (clipper_sync_target_put (self->target, path, bytes, NULL, cancellable, &local_error));
      /* There already: sent by a sync that stopped before saying so. */
      if (local_error != NULL && !g_error_matches (local_error, CLIPPER_ERROR, CLIPPER_ERROR_CONFLICT))
        {
          g_propagate_error (error, g_steal_pointer (&local_error));
          return FALSE;
        }
      g_clear_error (&local_error);

      if (!write_head (self, me, seq, first, &head_etag, cancellable, error) ||
          !clipper_store_sync_segment_sent (self->store, seq, error))
        return FALSE;

      if ((parsed = clipper_sync_parse_segment (segment, strlen (segment), &writer, &parsed_seq, NULL)))
        report->sent += parsed->len;
      report->segments_sent++;
    }
}

/* What was received moves the clock on for good: a change made here
 * before the next sync is stamped after it, whatever the wall says. */
static gboolean
keep_clock (ClipperSync  *self,
            ClipperHlc   *clock,
            GError      **error)
{
  g_autofree char *stamp = clipper_hlc_format (clock->wall, clock->counter, clock->device);

  return clipper_store_sync_set_meta (self->store, "clock", stamp, error);
}

/**
 * clipper_sync_run:
 * @report: (out caller-allocates): what was sent and received
 *
 * One sync, blocking: run it in a worker thread.
 */
gboolean
clipper_sync_run (ClipperSync        *self,
                  ClipperSyncReport  *report,
                  GCancellable       *cancellable,
                  GError            **error)
{
  g_autofree char *me = NULL;
  g_autofree char *stamp = NULL;
  ClipperHlc clock;
  gboolean ok;
  guint before;

  g_return_val_if_fail (CLIPPER_IS_SYNC (self), FALSE);

  memset (report, 0, sizeof *report);
  before = clipper_sync_target_get_requests (self->target);
  if (!(me = clipper_store_sync_ensure_device (self->store, error)))
    return FALSE;

  clipper_hlc_init (&clock, me);
  stamp = clipper_store_sync_dup_meta (self->store, "clock", NULL);
  clipper_hlc_receive (&clock, stamp, g_get_real_time () / 1000);

  ok = check_format (self, cancellable, error) && pull (self, me, &clock, report, cancellable, error) &&
       keep_clock (self, &clock, error) && push (self, me, &clock, report, cancellable, error);

  clipper_hlc_clear (&clock);
  report->requests = clipper_sync_target_get_requests (self->target) - before;
  return ok;
}

static void
run_thread (GTask        *task,
            gpointer      source_object,
            gpointer      task_data,
            GCancellable *cancellable)
{
  ClipperSyncReport *report = g_new0 (ClipperSyncReport, 1);
  GError *error = NULL;

  if (clipper_sync_run (source_object, report, cancellable, &error))
    g_task_return_pointer (task, report, g_free);
  else
    {
      g_free (report);
      g_task_return_error (task, error);
    }
}

void
clipper_sync_run_async (ClipperSync         *self,
                        GCancellable        *cancellable,
                        GAsyncReadyCallback  callback,
                        gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;

  g_return_if_fail (CLIPPER_IS_SYNC (self));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, clipper_sync_run_async);
  g_task_run_in_thread (task, run_thread);
}

gboolean
clipper_sync_run_finish (ClipperSync        *self,
                         GAsyncResult       *result,
                         ClipperSyncReport  *report,
                         GError            **error)
{
  g_autofree ClipperSyncReport *done = NULL;

  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);

  if (!(done = g_task_propagate_pointer (G_TASK (result), error)))
    return FALSE;
  if (report)
    *report = *done;
  return TRUE;
}

static void
clipper_sync_dispose (GObject *object)
{
  ClipperSync *self = CLIPPER_SYNC (object);

  g_clear_object (&self->store);
  g_clear_object (&self->target);

  G_OBJECT_CLASS (clipper_sync_parent_class)->dispose (object);
}

static void
clipper_sync_class_init (ClipperSyncClass *klass)
{
  G_OBJECT_CLASS (klass)->dispose = clipper_sync_dispose;
}

static void
clipper_sync_init (ClipperSync *self)
{
}

ClipperSync *
clipper_sync_new (ClipperStore      *store,
                  ClipperSyncTarget *target)
{
  ClipperSync *self;

  g_return_val_if_fail (CLIPPER_IS_STORE (store), NULL);
  g_return_val_if_fail (CLIPPER_IS_SYNC_TARGET (target), NULL);

  self = g_object_new (CLIPPER_TYPE_SYNC, NULL);
  self->store = g_object_ref (store);
  self->target = g_object_ref (target);
  return self;
}
