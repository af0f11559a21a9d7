/* clipper-annotations.c
 *
 * Copyright 2026 The Clipper authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Highlights, their notes and tags, and clippings' notes, written for
 * other tools: W3C Web Annotation JSON-LD, the JSON Hypothesis's client
 * exports (and imports again), and Readwise's highlights CSV.
 *
 * Positions are those of the clipping's stored text, in UTF-16 code
 * units as Hypothesis and the W3C model count them: a live page that has
 * changed since it was clipped is found again by the quote selectors.
 */

#define G_LOG_DOMAIN "clipper-annotations"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <json-glib/json-glib.h>
#include <string.h>

#include "clipper-annotations.h"
#include "clipper-csv.h"
#include "clipper-error.h"
#include "clipper-json.h"

gboolean
clipper_annotation_format_from_name (const char              *name,
                                     ClipperAnnotationFormat *format)
{
  if (g_strcmp0 (name, "w3c") == 0)
    *format = CLIPPER_ANNOTATIONS_W3C;
  else if (g_strcmp0 (name, "hypothesis") == 0)
    *format = CLIPPER_ANNOTATIONS_HYPOTHESIS;
  else if (g_strcmp0 (name, "readwise") == 0)
    *format = CLIPPER_ANNOTATIONS_READWISE;
  else
    return FALSE;
  return TRUE;
}

const char *
clipper_annotation_format_extension (ClipperAnnotationFormat format)
{
  switch (format)
    {
    case CLIPPER_ANNOTATIONS_W3C:
      return "jsonld";
    case CLIPPER_ANNOTATIONS_READWISE:
      return "csv";
    case CLIPPER_ANNOTATIONS_HYPOTHESIS:
    default:
      return "json";
    }
}

/**
 * clipper_annotation_dup_uuid:
 * @kind: "highlight" or "note"
 *
 * A name-based UUID (RFC 4122 version 5 layout, from SHA-1) for an
 * annotation: the same highlight exported twice has the same id.
 *
 * Returns: (transfer full): "urn:uuid:…"
 */
char *
clipper_annotation_dup_uuid (const char *kind,
                             gint64      id,
                             gint64      created_at,
                             const char *url)
{
  g_autofree char *name = g_strdup_printf ("clipper:%s:%" G_GINT64_FORMAT ":%" G_GINT64_FORMAT ":%s", kind, id,
                                           created_at, url ? url : "");
  g_autoptr(GChecksum) checksum = g_checksum_new (G_CHECKSUM_SHA1);
  guint8 digest[20];
  gsize length = sizeof digest;

  g_checksum_update (checksum, (const guchar *)name, -1);
  g_checksum_get_digest (checksum, digest, &length);
  digest[6] = (digest[6] & 0x0f) | 0x50;
  digest[8] = (digest[8] & 0x3f) | 0x80;
  return g_strdup_printf ("urn:uuid:%02x%02x%02x%02x-%02x%02x-%02x%02x-%02x%02x-%02x%02x%02x%02x%02x%02x",
                          digest[0], digest[1], digest[2], digest[3], digest[4], digest[5], digest[6], digest[7],
                          digest[8], digest[9], digest[10], digest[11], digest[12], digest[13], digest[14],
                          digest[15]);
}

/* ISO 8601 in UTC, as both JSON formats write times. */
char *
clipper_annotation_format_time (gint64 unix_time)
{
  g_autoptr(GDateTime) time = g_date_time_new_from_unix_utc (MAX (unix_time, 0));

  return g_date_time_format (time, "%Y-%m-%dT%H:%M:%SZ");
}

/* What one clipping contributes. */
typedef struct
{
  ClipperClipping *clipping;
  GPtrArray       *highlights;
  char            *note;
} Entry;

static void
entry_free (Entry *entry)
{
  g_clear_object (&entry->clipping);
  g_clear_pointer (&entry->highlights, g_ptr_array_unref);
  g_free (entry->note);
  g_free (entry);
}

static GPtrArray *
read_entries (ClipperStore  *store,
              const gint64  *ids,
              guint          n_ids,
              GError       **error)
{
  g_autoptr(GPtrArray) entries = g_ptr_array_new_with_free_func ((GDestroyNotify)entry_free);

  for (guint i = 0; i < n_ids; i++)
    {
      Entry *entry = g_new0 (Entry, 1);

      g_ptr_array_add (entries, entry);
      if (!(entry->clipping = clipper_store_find_clipping_meta (store, ids[i], error)) ||
          !(entry->highlights = clipper_store_list_highlights (store, ids[i], error)))
        return NULL;
      entry->note = clipper_store_dup_clipping_note (store, ids[i], NULL);
    }
  return g_steal_pointer (&entries);
}

static gboolean
has_text (const char *text)
{
  return text != NULL && text[0] != '\0';
}

static void
add_selectors (JsonBuilder      *builder,
               ClipperHighlight *highlight)
{
  json_builder_begin_array (builder);

  json_builder_begin_object (builder);
  clipper_json_add_string_member (builder, "type", "TextQuoteSelector");
  clipper_json_add_string_member (builder, "exact", clipper_highlight_get_exact (highlight));
  if (has_text (clipper_highlight_get_prefix (highlight)))
    clipper_json_add_string_member (builder, "prefix", clipper_highlight_get_prefix (highlight));
  if (has_text (clipper_highlight_get_suffix (highlight)))
    clipper_json_add_string_member (builder, "suffix", clipper_highlight_get_suffix (highlight));
  json_builder_end_object (builder);

  /* An orphan's position is of a text it is no longer in. */
  if (!clipper_highlight_get_orphaned (highlight))
    {
      json_builder_begin_object (builder);
      clipper_json_add_string_member (builder, "type", "TextPositionSelector");
      json_builder_set_member_name (builder, "start");
      json_builder_add_int_value (builder, clipper_highlight_get_start (highlight));
      json_builder_set_member_name (builder, "end");
      json_builder_add_int_value (builder, clipper_highlight_get_end (highlight));
      json_builder_end_object (builder);
    }

  json_builder_end_array (builder);
}

static void
add_w3c_bodies (JsonBuilder        *builder,
                const char         *note,
                const char * const *tags)
{
  json_builder_set_member_name (builder, "body");
  json_builder_begin_array (builder);
  if (has_text (note))
    {
      json_builder_begin_object (builder);
      clipper_json_add_string_member (builder, "type", "TextualBody");
      clipper_json_add_string_member (builder, "value", note);
      clipper_json_add_string_member (builder, "format", "text/markdown");
      clipper_json_add_string_member (builder, "purpose", "commenting");
      json_builder_end_object (builder);
    }
  for (guint i = 0; tags != NULL && tags[i] != NULL; i++)
    {
      json_builder_begin_object (builder);
      clipper_json_add_string_member (builder, "type", "TextualBody");
      clipper_json_add_string_member (builder, "value", tags[i]);
      clipper_json_add_string_member (builder, "purpose", "tagging");
      json_builder_end_object (builder);
    }
  json_builder_end_array (builder);
}

static void
write_w3c_highlight (JsonBuilder      *builder,
                     ClipperClipping  *clipping,
                     ClipperHighlight *highlight)
{
  const char *url = clipper_clipping_get_url (clipping);
  g_autofree char *id = clipper_annotation_dup_uuid ("highlight", clipper_highlight_get_id (highlight),
                                                     clipper_highlight_get_created_at (highlight), url);
  g_autofree char *created = clipper_annotation_format_time (clipper_highlight_get_created_at (highlight));

  json_builder_begin_object (builder);
  clipper_json_add_string_member (builder, "id", id);
  clipper_json_add_string_member (builder, "type", "Annotation");
  clipper_json_add_string_member (builder, "motivation",
                                  has_text (clipper_highlight_get_note (highlight)) ? "commenting" : "highlighting");
  clipper_json_add_string_member (builder, "created", created);
  clipper_json_add_string_member (builder, "clipper:color", clipper_highlight_get_color (highlight));
  add_w3c_bodies (builder, clipper_highlight_get_note (highlight), clipper_highlight_get_tags (highlight));
  json_builder_set_member_name (builder, "target");
  json_builder_begin_object (builder);
  clipper_json_add_string_member (builder, "source", url);
  json_builder_set_member_name (builder, "selector");
  add_selectors (builder, highlight);
  json_builder_end_object (builder);
  json_builder_end_object (builder);
}

/* A clipping's own note and tags: an annotation of the whole page. */
static void
write_w3c_page_note (JsonBuilder *builder,
                     Entry       *entry)
{
  const char *url = clipper_clipping_get_url (entry->clipping);
  const char * const *tags = clipper_clipping_get_tags (entry->clipping);
  g_autofree char *id = clipper_annotation_dup_uuid ("note", clipper_clipping_get_id (entry->clipping),
                                                     clipper_clipping_get_clipped_at (entry->clipping), url);
  g_autofree char *created = clipper_annotation_format_time (clipper_clipping_get_clipped_at (entry->clipping));

  json_builder_begin_object (builder);
  clipper_json_add_string_member (builder, "id", id);
  clipper_json_add_string_member (builder, "type", "Annotation");
  clipper_json_add_string_member (builder, "motivation", has_text (entry->note) ? "commenting" : "tagging");
  clipper_json_add_string_member (builder, "created", created);
  add_w3c_bodies (builder, entry->note, tags);
  json_builder_set_member_name (builder, "target");
  json_builder_begin_object (builder);
  clipper_json_add_string_member (builder, "source", url);
  clipper_json_add_string_member (builder, "clipper:title", clipper_clipping_get_title (entry->clipping));
  json_builder_end_object (builder);
  json_builder_end_object (builder);
}

static gboolean
has_page_note (Entry *entry)
{
  const char * const *tags = clipper_clipping_get_tags (entry->clipping);

  return has_text (entry->note) || (tags != NULL && tags[0] != NULL);
}

/* Each annotation is written as soon as it is built: a library's worth
 * as one tree of nodes would cost far more. */
static void
append_item (GString     *items,
             JsonBuilder *builder)
{
  g_autofree char *item = clipper_json_builder_to_string (builder);

  if (items->len > 0)
    g_string_append_c (items, ',');
  g_string_append (items, item);
  json_builder_reset (builder);
}

/* A run of entries written by one thread. */
typedef struct
{
  GPtrArray *entries;
  guint      from;
  guint      to;
  GString   *items;
  guint      total;
} Chunk;

static gpointer
write_w3c_chunk (gpointer data)
{
  Chunk *chunk = data;
  g_autoptr(JsonBuilder) builder = json_builder_new ();

  chunk->items = g_string_new (NULL);
  for (guint i = chunk->from; i < chunk->to; i++)
    {
      Entry *entry = g_ptr_array_index (chunk->entries, i);

      if (has_page_note (entry))
        {
          write_w3c_page_note (builder, entry);
          append_item (chunk->items, builder);
          chunk->total++;
        }
      for (guint j = 0; j < entry->highlights->len; j++)
        {
          write_w3c_highlight (builder, entry->clipping, g_ptr_array_index (entry->highlights, j));
          append_item (chunk->items, builder);
          chunk->total++;
        }
    }
  return NULL;
}

static char *
write_w3c (GPtrArray *entries)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autoptr(GString) items = g_string_new (NULL);
  g_autofree char *envelope = NULL;
  /* Building JSON nodes is most of the time: a large export is shared
   * among the processors, in runs whose output is joined in order. */
  guint n_chunks = entries->len >= 256 ? CLAMP (g_get_num_processors (), 1, 4) : 1;
  Chunk chunks[4] = { { 0 } };
  GThread *threads[4] = { NULL };
  guint total = 0;
  gsize split;

  for (guint c = 0; c < n_chunks; c++)
    {
      chunks[c].entries = entries;
      chunks[c].from = entries->len * c / n_chunks;
      chunks[c].to = entries->len * (c + 1) / n_chunks;
      if (c > 0)
        threads[c] = g_thread_new ("clipper-w3c", write_w3c_chunk, &chunks[c]);
    }
  write_w3c_chunk (&chunks[0]);
  for (guint c = 0; c < n_chunks; c++)
    {
      if (threads[c] != NULL)
        g_thread_join (threads[c]);
      if (chunks[c].items->len > 0)
        {
          if (items->len > 0)
            g_string_append_c (items, ',');
          g_string_append_len (items, chunks[c].items->str, chunks[c].items->len);
        }
      g_string_free (chunks[c].items, TRUE);
      total += chunks[c].total;
    }

  /* The collection around them, its page's items left empty… */
  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "@context");
  json_builder_begin_array (builder);
  json_builder_add_string_value (builder, "http://www.w3.org/ns/anno.jsonld");
  json_builder_begin_object (builder);
  clipper_json_add_string_member (builder, "clipper", CLIPPER_W3C_NAMESPACE);
  json_builder_end_object (builder);
  json_builder_end_array (builder);
  clipper_json_add_string_member (builder, "type", "AnnotationCollection");
  clipper_json_add_string_member (builder, "label", "Clipper annotations");
  json_builder_set_member_name (builder, "total");
  json_builder_add_int_value (builder, total);
  json_builder_set_member_name (builder, "first");
  json_builder_begin_object (builder);
  clipper_json_add_string_member (builder, "type", "AnnotationPage");
  json_builder_set_member_name (builder, "startIndex");
  json_builder_add_int_value (builder, 0);
  json_builder_set_member_name (builder, "items");
  json_builder_begin_array (builder);
  json_builder_end_array (builder);
  json_builder_end_object (builder);
  json_builder_end_object (builder);
  envelope = clipper_json_builder_to_string (builder);

  /* …then the items between its last brackets. */
  g_assert (g_str_has_suffix (envelope, "[]}}"));
  split = strlen (envelope) - strlen ("]}}");
  g_string_prepend_len (items, envelope, split);
  g_string_append (items, "]}}");
  return g_string_free (g_steal_pointer (&items), FALSE);
}

static void
add_string_array (JsonBuilder        *builder,
                  const char         *name,
                  const char * const *values)
{
  json_builder_set_member_name (builder, name);
  json_builder_begin_array (builder);
  for (guint i = 0; values != NULL && values[i] != NULL; i++)
    json_builder_add_string_value (builder, values[i]);
  json_builder_end_array (builder);
}

/* One annotation as Hypothesis's API and exporter write it: a highlight,
 * or (with @highlight %NULL) a page note. */
static void
write_hypothesis_annotation (JsonBuilder      *builder,
                             Entry            *entry,
                             ClipperHighlight *highlight)
{
  const char *url = clipper_clipping_get_url (entry->clipping);
  const char *title[] = { clipper_clipping_get_title (entry->clipping), NULL };
  gint64 created_at = highlight ? clipper_highlight_get_created_at (highlight)
                                : clipper_clipping_get_clipped_at (entry->clipping);
  g_autofree char *id = clipper_annotation_dup_uuid (highlight ? "highlight" : "note",
                                                     highlight ? clipper_highlight_get_id (highlight)
                                                               : clipper_clipping_get_id (entry->clipping),
                                                     created_at, url);
  g_autofree char *created = clipper_annotation_format_time (created_at);
  const char *note = highlight ? clipper_highlight_get_note (highlight) : entry->note;

  json_builder_begin_object (builder);
  /* Hypothesis ids are its own; ours without the URN scheme. */
  clipper_json_add_string_member (builder, "id", id + strlen ("urn:uuid:"));
  clipper_json_add_string_member (builder, "created", created);
  clipper_json_add_string_member (builder, "updated", created);
  clipper_json_add_string_member (builder, "user", "acct:clipper@localhost");
  clipper_json_add_string_member (builder, "uri", url);
  clipper_json_add_string_member (builder, "text", note ? note : "");
  add_string_array (builder, "tags",
                    highlight ? clipper_highlight_get_tags (highlight) : clipper_clipping_get_tags (entry->clipping));
  clipper_json_add_string_member (builder, "group", "__world__");
  json_builder_set_member_name (builder, "target");
  json_builder_begin_array (builder);
  json_builder_begin_object (builder);
  clipper_json_add_string_member (builder, "source", url);
  if (highlight != NULL)
    {
      json_builder_set_member_name (builder, "selector");
      add_selectors (builder, highlight);
    }
  json_builder_end_object (builder);
  json_builder_end_array (builder);
  json_builder_set_member_name (builder, "document");
  json_builder_begin_object (builder);
  add_string_array (builder, "title", title);
  json_builder_end_object (builder);
  json_builder_end_object (builder);
}

static char *
write_hypothesis (GPtrArray *entries)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autofree char *now = clipper_annotation_format_time (g_get_real_time () / G_USEC_PER_SEC);
  g_autofree char *version = g_strdup_printf ("clipper %s", PACKAGE_VERSION);

  json_builder_begin_object (builder);
  clipper_json_add_string_member (builder, "export_date", now);
  clipper_json_add_string_member (builder, "export_userid", "acct:clipper@localhost");
  clipper_json_add_string_member (builder, "client_version", version);
  json_builder_set_member_name (builder, "annotations");
  json_builder_begin_array (builder);
  for (guint i = 0; i < entries->len; i++)
    {
      Entry *entry = g_ptr_array_index (entries, i);

      if (has_page_note (entry))
        write_hypothesis_annotation (builder, entry, NULL);
      for (guint j = 0; j < entry->highlights->len; j++)
        write_hypothesis_annotation (builder, entry, g_ptr_array_index (entry->highlights, j));
    }
  json_builder_end_array (builder);
  json_builder_end_object (builder);

  return clipper_json_builder_to_string (builder);
}

/* The columns Readwise's export has, then the page's address, which
 * Readwise leaves out and an importer needs to find the page again. */
static const char *readwise_header[] = {
  "Highlight", "Book Title", "Book Author", "Amazon Book ID", "Note", "Color", "Tags", "Location Type",
  "Location", "Highlighted at", "Document tags", "URL",
};

static char *
join_tags (const char * const *tags)
{
  return tags != NULL ? g_strjoinv (", ", (char **)tags) : g_strdup ("");
}

static char *
write_readwise (GPtrArray *entries)
{
  GString *out = g_string_new (NULL);

  clipper_csv_append_record (out, readwise_header, G_N_ELEMENTS (readwise_header));
  for (guint i = 0; i < entries->len; i++)
    {
      Entry *entry = g_ptr_array_index (entries, i);
      g_autofree char *document_tags = join_tags (clipper_clipping_get_tags (entry->clipping));

      for (guint j = 0; j < entry->highlights->len; j++)
        {
          ClipperHighlight *highlight = g_ptr_array_index (entry->highlights, j);
          g_autofree char *tags = join_tags (clipper_highlight_get_tags (highlight));
          g_autofree char *location = g_strdup_printf ("%u", j + 1);
          g_autoptr(GDateTime) time = g_date_time_new_from_unix_utc (clipper_highlight_get_created_at (highlight));
          g_autofree char *at = g_date_time_format (time, "%Y-%m-%d %H:%M:%S");
          const char *fields[] = {
            clipper_highlight_get_exact (highlight), clipper_clipping_get_title (entry->clipping),
            clipper_clipping_get_byline (entry->clipping), "", clipper_highlight_get_note (highlight),
            clipper_highlight_get_color (highlight), tags, "order", location, at, document_tags,
            clipper_clipping_get_url (entry->clipping),
          };

          G_STATIC_ASSERT (G_N_ELEMENTS (fields) == G_N_ELEMENTS (readwise_header));
          clipper_csv_append_record (out, fields, G_N_ELEMENTS (fields));
        }
    }
  return g_string_free (out, FALSE);
}

/**
 * clipper_annotations_write:
 * @ids: (array length=n_ids): the clippings, in the order wanted
 *
 * Returns: (transfer full): the annotations of @ids in @format, or %NULL
 *   with @error set
 */
char *
clipper_annotations_write (ClipperStore             *store,
                           const gint64             *ids,
                           guint                     n_ids,
                           ClipperAnnotationFormat   format,
                           GError                  **error)
{
  g_autoptr(GPtrArray) entries = NULL;

  g_return_val_if_fail (CLIPPER_IS_STORE (store), NULL);

  if (!(entries = read_entries (store, ids, n_ids, error)))
    return NULL;

  switch (format)
    {
    case CLIPPER_ANNOTATIONS_W3C:
      return write_w3c (entries);
    case CLIPPER_ANNOTATIONS_HYPOTHESIS:
      return write_hypothesis (entries);
    case CLIPPER_ANNOTATIONS_READWISE:
      return write_readwise (entries);
    default:
      g_set_error (error, CLIPPER_ERROR, CLIPPER_ERROR_INVALID_INPUT, _("Unknown annotation format."));
      return NULL;
    }
}
