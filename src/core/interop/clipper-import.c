/* clipper-import.c
 *
 * Copyright 2026 The Clipper authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A library taken in from another tool's export: the format is found
 * from the file's content, read into pages with their annotations, and
 * merged into the library. A page already there (by its address) gets
 * the highlights and tags it lacks, each highlight placed in its text as
 * re-clipping places them (where it was, its quote with its context, a
 * close match); one that cannot be placed is kept as an orphan, never
 * dropped. A page not there becomes a clipping not fetched yet: its
 * highlights wait, as orphans, for the page to be clipped, which places
 * them. Importing a file twice adds nothing the second time.
 */

#define G_LOG_DOMAIN "clipper-import"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <json-glib/json-glib.h>
#include <string.h>

#include "clipper-anchor.h"
#include "clipper-capture.h"
#include "clipper-csv.h"
#include "clipper-html.h"
#include "clipper-error.h"
#include "clipper-import.h"
#include "clipper-json.h"
#include "clipper-uri.h"
#include "clipper-zip.h"

/* Pages saved to disk together. */
#define IMPORT_BATCH 500

void
clipper_import_entry_free (ClipperImportEntry *entry)
{
  g_free (entry->url);
  g_free (entry->title);
  g_free (entry->byline);
  g_free (entry->note);
  g_free (entry->content);
  g_free (entry->published);
  g_clear_pointer (&entry->tags, g_ptr_array_unref);
  g_clear_pointer (&entry->highlights, g_ptr_array_unref);
  g_free (entry);
}

void
clipper_import_summary_init (ClipperImportSummary *summary)
{
  memset (summary, 0, sizeof *summary);
  summary->problems = g_ptr_array_new_with_free_func (g_free);
  summary->pages = g_array_new (FALSE, FALSE, sizeof (gint64));
}

void
clipper_import_summary_clear (ClipperImportSummary *summary)
{
  g_clear_pointer (&summary->problems, g_ptr_array_unref);
  g_clear_pointer (&summary->pages, g_array_unref);
}

G_GNUC_PRINTF (2, 3)
static void
add_problem (ClipperImportSummary *summary,
             const char           *format,
             ...)
{
  va_list args;

  va_start (args, format);
  g_ptr_array_add (summary->problems, g_strdup_vprintf (format, args));
  va_end (args);
  summary->skipped++;
}

const char *
clipper_import_format_name (ClipperImportFormat format)
{
  switch (format)
    {
    case CLIPPER_IMPORT_HYPOTHESIS:
      return "Hypothesis";
    case CLIPPER_IMPORT_W3C:
      return "W3C Web Annotation";
    case CLIPPER_IMPORT_READWISE:
      return "Readwise";
    case CLIPPER_IMPORT_INSTAPAPER:
      return "Instapaper";
    case CLIPPER_IMPORT_WALLABAG:
      return "Wallabag";
    case CLIPPER_IMPORT_POCKET:
    case CLIPPER_IMPORT_POCKET_HTML:
      return "Pocket";
    case CLIPPER_IMPORT_OMNIVORE:
      return "Omnivore";
    case CLIPPER_IMPORT_UNKNOWN:
    default:
      return NULL;
    }
}

static gint64
parse_time (const char *text)
{
  g_autoptr(GDateTime) time = NULL;
  g_autoptr(GTimeZone) utc = g_time_zone_new_utc ();

  if (text == NULL || text[0] == '\0')
    return 0;
  if (g_ascii_isdigit (text[0]) && strspn (text, "0123456789") == strlen (text))
    return g_ascii_strtoll (text, NULL, 10);
  time = g_date_time_new_from_iso8601 (text, utc);
  if (time == NULL)
    {
      /* "2024-05-01 10:20:30", as Readwise writes it, in UTC. */
      g_autofree char *iso = g_strdelimit (g_strdup (text), " ", 'T');

      time = g_date_time_new_from_iso8601 (iso, utc);
    }
  return time ? g_date_time_to_unix (time) : 0;
}

/* A colour of another tool as one of ours; yellow when it has none. */
static const char *
map_color (const char *color)
{
  const char * const *ours = clipper_highlight_get_colors ();
  g_autofree char *lower = color ? g_ascii_strdown (color, -1) : NULL;

  for (guint i = 0; lower && ours[i]; i++)
    if (g_str_equal (lower, ours[i]))
      return ours[i];
  if (lower && (g_str_equal (lower, "red") || g_str_equal (lower, "orange")))
    return "pink";
  if (lower && g_str_equal (lower, "violet"))
    return "purple";
  return "yellow";
}

/* The pages read so far, by address, in the order first met. */
typedef struct
{
  GPtrArray  *entries;
  GHashTable *by_url;
} Pages;

static ClipperImportEntry *
page_for (Pages      *pages,
          const char *url,
          const char *title)
{
  ClipperImportEntry *entry = g_hash_table_lookup (pages->by_url, url);

  if (entry == NULL)
    {
      entry = g_new0 (ClipperImportEntry, 1);
      entry->url = g_strdup (url);
      entry->tags = g_ptr_array_new_with_free_func (g_free);
      entry->highlights = g_ptr_array_new_with_free_func (g_object_unref);
      g_ptr_array_add (pages->entries, entry);
      g_hash_table_insert (pages->by_url, entry->url, entry);
    }
  if (entry->title == NULL && title != NULL && title[0] != '\0')
    entry->title = g_strdup (title);
  return entry;
}

static void
add_tag (GPtrArray  *tags,
         const char *tag)
{
  g_autofree char *stripped = tag ? g_strstrip (g_strdup (tag)) : NULL;

  if (stripped == NULL || stripped[0] == '\0')
    return;
  for (guint i = 0; i < tags->len; i++)
    if (g_utf8_collate (g_ptr_array_index (tags, i), stripped) == 0)
      return;
  g_ptr_array_add (tags, g_steal_pointer (&stripped));
}

/* "a, b" or "a|b" as tags. */
static void
add_tags_split (GPtrArray  *tags,
                const char *text,
                const char *separators)
{
  g_auto(GStrv) parts = text ? g_strsplit_set (text, separators, -1) : NULL;

  for (guint i = 0; parts && parts[i]; i++)
    add_tag (tags, parts[i]);
}

static void
append_note (ClipperImportEntry *entry,
             const char         *note)
{
  char *joined;

  if (note == NULL || note[0] == '\0')
    return;
  if (entry->note == NULL)
    {
      entry->note = g_strdup (note);
      return;
    }
  if (strstr (entry->note, note) != NULL)
    return;
  joined = g_strconcat (entry->note, "\n\n", note, NULL);
  g_free (entry->note);
  entry->note = joined;
}

static ClipperHighlight *
new_highlight (const char *exact,
               const char *prefix,
               const char *suffix,
               gint64      start,
               gint64      end,
               const char *color,
               const char *note,
               GPtrArray  *tags,
               gint64      created_at)
{
  ClipperHighlight *highlight = clipper_highlight_new ();

  g_ptr_array_add (tags, NULL);
  clipper_highlight_set_exact (highlight, exact);
  clipper_highlight_set_prefix (highlight, prefix ? prefix : "");
  clipper_highlight_set_suffix (highlight, suffix ? suffix : "");
  clipper_highlight_set_start (highlight, start);
  clipper_highlight_set_end (highlight, end);
  clipper_highlight_set_color (highlight, map_color (color));
  clipper_highlight_set_note (highlight, note && note[0] ? note : NULL);
  clipper_highlight_set_tags (highlight, (const char * const *)tags->pdata);
  clipper_highlight_set_created_at (highlight, created_at > 0 ? created_at : g_get_real_time () / G_USEC_PER_SEC);
  g_ptr_array_remove_index (tags, tags->len - 1);
  return highlight;
}

/* The selectors of a W3C or Hypothesis target: a quote and a position. */
typedef struct
{
  const char *exact, *prefix, *suffix;
  gint64      start, end;
} Selectors;

static void
read_selector (JsonNode  *selector,
               Selectors *out)
{
  const char *type = clipper_json_get_member_string (selector, "type");
  JsonNode *start = clipper_json_get_member (selector, "start");
  JsonNode *end = clipper_json_get_member (selector, "end");

  if (g_strcmp0 (type, "TextQuoteSelector") == 0)
    {
      out->exact = clipper_json_get_member_string (selector, "exact");
      out->prefix = clipper_json_get_member_string (selector, "prefix");
      out->suffix = clipper_json_get_member_string (selector, "suffix");
    }
  else if (g_strcmp0 (type, "TextPositionSelector") == 0 && start && end &&
           json_node_get_value_type (start) == G_TYPE_INT64 && json_node_get_value_type (end) == G_TYPE_INT64 &&
           json_node_get_int (start) >= 0 && json_node_get_int (end) >= json_node_get_int (start))
    {
      out->start = json_node_get_int (start);
      out->end = json_node_get_int (end);
    }
}

/* A selector or a list of them. */
static void
read_selectors (JsonNode  *node,
                Selectors *out)
{
  out->exact = out->prefix = out->suffix = NULL;
  out->start = out->end = -1;
  if (node != NULL && JSON_NODE_HOLDS_ARRAY (node))
    for (guint i = 0; i < clipper_json_get_length (node); i++)
      read_selector (clipper_json_get_element (node, i), out);
  else if (node != NULL)
    read_selector (node, out);
}

static GPtrArray *
new_tags (void)
{
  return g_ptr_array_new_with_free_func (g_free);
}

static void
read_hypothesis (JsonNode             *root,
                 Pages                *pages,
                 ClipperImportSummary *summary)
{
  JsonNode *annotations = clipper_json_get_member (root, "annotations");

  for (guint i = 0; i < clipper_json_get_length (annotations); i++)
    {
      JsonNode *annotation = clipper_json_get_element (annotations, i);
      JsonNode *target = clipper_json_get_element (clipper_json_get_member (annotation, "target"), 0);
      JsonNode *tag_list = clipper_json_get_member (annotation, "tags");
      const char *url = clipper_json_get_member_string (annotation, "uri");
      const char *title = clipper_json_get_string (
        clipper_json_get_element (clipper_json_get_member (clipper_json_get_member (annotation, "document"), "title"),
                                  0));
      const char *note = clipper_json_get_member_string (annotation, "text");
      g_autoptr(GPtrArray) tags = new_tags ();
      ClipperImportEntry *entry;
      Selectors selectors;

      if (url == NULL)
        url = clipper_json_get_member_string (target, "source");
      if (!clipper_uri_is_web (url))
        {
          add_problem (summary, _("annotation %u: “%s” is not a web address; skipped"), i + 1, url ? url : "");
          continue;
        }
      for (guint j = 0; j < clipper_json_get_length (tag_list); j++)
        add_tag (tags, clipper_json_get_string (clipper_json_get_element (tag_list, j)));

      entry = page_for (pages, url, title);
      read_selectors (clipper_json_get_member (target, "selector"), &selectors);
      if (selectors.exact == NULL || selectors.exact[0] == '\0')
        {
          /* A page note: the clipping's note and tags. */
          append_note (entry, note);
          for (guint j = 0; j < tags->len; j++)
            add_tag (entry->tags, g_ptr_array_index (tags, j));
          continue;
        }
      g_ptr_array_add (entry->highlights,
                       new_highlight (selectors.exact, selectors.prefix, selectors.suffix, selectors.start,
                                      selectors.end, NULL, note, tags,
                                      parse_time (clipper_json_get_member_string (annotation, "created"))));
    }
}

/* A W3C annotation's target: its page and its selectors. */
static const char *
read_w3c_target (JsonNode  *target,
                 Selectors *selectors)
{
  if (target != NULL && JSON_NODE_HOLDS_ARRAY (target))
    target = clipper_json_get_element (target, 0);
  read_selectors (NULL, selectors);
  if (clipper_json_get_string (target) != NULL)
    return clipper_json_get_string (target);
  read_selectors (clipper_json_get_member (target, "selector"), selectors);
  return clipper_json_get_member_string (target, "source");
}

static void
read_w3c_bodies (JsonNode  *body,
                 GString   *note,
                 GPtrArray *tags)
{
  guint n = body != NULL && JSON_NODE_HOLDS_ARRAY (body) ? clipper_json_get_length (body) : 1;

  for (guint i = 0; body != NULL && i < n; i++)
    {
      JsonNode *one = JSON_NODE_HOLDS_ARRAY (body) ? clipper_json_get_element (body, i) : body;
      const char *value = clipper_json_get_string (one);
      const char *purpose = clipper_json_get_member_string (one, "purpose");

      if (value == NULL)
        value = clipper_json_get_member_string (one, "value");
      if (value == NULL)
        continue;
      if (g_strcmp0 (purpose, "tagging") == 0)
        add_tag (tags, value);
      else
        g_string_append_printf (note, "%s%s", note->len ? "\n\n" : "", value);
    }
}

static void
read_w3c_annotation (JsonNode             *annotation,
                     guint                 index,
                     Pages                *pages,
                     ClipperImportSummary *summary)
{
  g_autoptr(GString) note = g_string_new (NULL);
  g_autoptr(GPtrArray) tags = new_tags ();
  ClipperImportEntry *entry;
  Selectors selectors;
  const char *url = read_w3c_target (clipper_json_get_member (annotation, "target"), &selectors);
  JsonNode *target = clipper_json_get_member (annotation, "target");

  if (g_strcmp0 (clipper_json_get_member_string (annotation, "type"), "Annotation") != 0)
    {
      add_problem (summary, _("annotation %u: it is not an Annotation; skipped"), index + 1);
      return;
    }
  if (!clipper_uri_is_web (url))
    {
      add_problem (summary, _("annotation %u: “%s” is not a web address; skipped"), index + 1, url ? url : "");
      return;
    }
  read_w3c_bodies (clipper_json_get_member (annotation, "body"), note, tags);
  read_w3c_bodies (clipper_json_get_member (annotation, "bodyValue"), note, tags);
  entry = page_for (pages, url, clipper_json_get_member_string (target, "clipper:title"));
  if (selectors.exact == NULL || selectors.exact[0] == '\0')
    {
      append_note (entry, note->str);
      for (guint j = 0; j < tags->len; j++)
        add_tag (entry->tags, g_ptr_array_index (tags, j));
      return;
    }
  g_ptr_array_add (entry->highlights,
                   new_highlight (selectors.exact, selectors.prefix, selectors.suffix, selectors.start, selectors.end,
                                  clipper_json_get_member_string (annotation, "clipper:color"), note->str, tags,
                                  parse_time (clipper_json_get_member_string (annotation, "created"))));
}

/* One annotation, an array of them, an AnnotationPage or an
 * AnnotationCollection with its first page inline. */
static void
read_w3c (JsonNode             *root,
          Pages                *pages,
          ClipperImportSummary *summary)
{
  const char *type = clipper_json_get_member_string (root, "type");
  JsonNode *items = NULL;

  if (JSON_NODE_HOLDS_ARRAY (root))
    items = root;
  else if (g_strcmp0 (type, "AnnotationCollection") == 0)
    items = clipper_json_get_member (clipper_json_get_member (root, "first"), "items");
  else if (g_strcmp0 (type, "AnnotationPage") == 0)
    items = clipper_json_get_member (root, "items");
  else
    {
      read_w3c_annotation (root, 0, pages, summary);
      return;
    }
  if (g_strcmp0 (type, "AnnotationCollection") == 0 && items == NULL)
    add_problem (summary, _("the collection’s pages are elsewhere (“first” is an address): not read"));

  for (guint i = 0; i < clipper_json_get_length (items); i++)
    read_w3c_annotation (clipper_json_get_element (items, i), i, pages, summary);
}

/* A JSON string or number as text ("12" and 12 alike). */
static char *
dup_scalar (JsonNode *node)
{
  if (node == NULL || !JSON_NODE_HOLDS_VALUE (node))
    return NULL;
  if (json_node_get_value_type (node) == G_TYPE_STRING)
    return g_strdup (json_node_get_string (node));
  if (json_node_get_value_type (node) == G_TYPE_INT64)
    return g_strdup_printf ("%" G_GINT64_FORMAT, json_node_get_int (node));
  return NULL;
}

/* Wallabag: the stored HTML of each article, its tags and dates, and
 * its annotations in Annotator's shape (quote, text, ranges). The ranges'
 * XPaths are not followed: the quote is found in the text instead. */
static void
read_wallabag (JsonNode             *root,
               Pages                *pages,
               ClipperImportSummary *summary)
{
  for (guint i = 0; i < clipper_json_get_length (root); i++)
    {
      JsonNode *item = clipper_json_get_element (root, i);
      const char *url = clipper_json_get_member_string (item, "url");
      JsonNode *tag_list = clipper_json_get_member (item, "tags");
      JsonNode *authors = clipper_json_get_member (item, "published_by");
      JsonNode *annotations = clipper_json_get_member (item, "annotations");
      JsonNode *archived = clipper_json_get_member (item, "is_archived");
      JsonNode *starred = clipper_json_get_member (item, "is_starred");
      g_autofree char *archived_text = dup_scalar (archived);
      g_autofree char *starred_text = dup_scalar (starred);
      ClipperImportEntry *entry;

      if (!clipper_uri_is_web (url))
        {
          add_problem (summary, _("entry %u: “%s” is not a web address; skipped"), i + 1, url ? url : "");
          continue;
        }
      entry = page_for (pages, url, clipper_json_get_member_string (item, "title"));
      if (entry->content == NULL && clipper_json_get_member_string (item, "content") != NULL)
        entry->content = g_strdup (clipper_json_get_member_string (item, "content"));
      if (entry->published == NULL && clipper_json_get_member_string (item, "published_at") != NULL)
        entry->published = g_strdup (clipper_json_get_member_string (item, "published_at"));
      if (entry->byline == NULL && clipper_json_get_string (clipper_json_get_element (authors, 0)) != NULL)
        entry->byline = g_strdup (clipper_json_get_string (clipper_json_get_element (authors, 0)));
      entry->saved_at = parse_time (clipper_json_get_member_string (item, "created_at"));
      for (guint j = 0; j < clipper_json_get_length (tag_list); j++)
        {
          JsonNode *tag = clipper_json_get_element (tag_list, j);

          /* Tags are names, or objects with a label in some versions. */
          add_tag (entry->tags, clipper_json_get_string (tag) ? clipper_json_get_string (tag)
                                                               : clipper_json_get_member_string (tag, "label"));
        }
      /* Archived and starred are states: tags here. */
      if ((archived && json_node_get_value_type (archived) == G_TYPE_BOOLEAN && json_node_get_boolean (archived)) ||
          g_strcmp0 (archived_text, "1") == 0)
        add_tag (entry->tags, "archived");
      if ((starred && json_node_get_value_type (starred) == G_TYPE_BOOLEAN && json_node_get_boolean (starred)) ||
          g_strcmp0 (starred_text, "1") == 0)
        add_tag (entry->tags, "starred");

      for (guint j = 0; j < clipper_json_get_length (annotations); j++)
        {
          JsonNode *annotation = clipper_json_get_element (annotations, j);
          const char *quote = clipper_json_get_member_string (annotation, "quote");
          g_autoptr(GPtrArray) tags = new_tags ();

          if (quote == NULL || quote[0] == '\0')
            {
              add_problem (summary, _("entry %u, annotation %u: it quotes nothing; skipped"), i + 1, j + 1);
              continue;
            }
          g_ptr_array_add (entry->highlights,
                           new_highlight (quote, NULL, NULL, -1, -1, NULL,
                                          clipper_json_get_member_string (annotation, "text"), tags,
                                          parse_time (clipper_json_get_member_string (annotation, "created_at"))));
        }
    }
}

/* The value of @name in @record, by the header's columns, or NULL. */
static const char *
column (const char * const *header,
        const char * const *record,
        const char         *name)
{
  int index = clipper_csv_find_column (header, name);

  if (index < 0 || index >= (int)g_strv_length ((char **)record))
    return NULL;
  return record[index];
}

/* @name: the ZIP entry the CSV is, for the problems; or NULL */
static gboolean
read_csv (const char            *data,
          gsize                  length,
          const char            *name,
          ClipperImportFormat    format,
          Pages                 *pages,
          ClipperImportSummary  *summary,
          GError               **error)
{
  g_autoptr(ClipperCsvReader) reader = clipper_csv_reader_new (data, length, ',');
  g_auto(GStrv) header = NULL;
  GStrv record;

  /* No header, no records: an empty part, nothing to say. */
  if (!clipper_csv_reader_next (reader, &header, error))
    return error == NULL || *error == NULL;

  while (clipper_csv_reader_next (reader, &record, error))
    {
      g_auto(GStrv) fields = record;
      const char * const *h = (const char * const *)header;
      const char * const *r = (const char * const *)fields;
      guint line = clipper_csv_reader_get_line (reader);
      g_autoptr(GPtrArray) tags = new_tags ();
      const char *url = column (h, r, "URL");
      const char *title = column (h, r, format == CLIPPER_IMPORT_READWISE ? "Book Title" : "Title");
      const char *where = name ? name : "";
      ClipperImportEntry *entry;

      if (url == NULL || url[0] == '\0')
        {
          add_problem (summary, _("%sline %u: “%s” has no web address (a book?); skipped"), where, line,
                       title ? title : "");
          continue;
        }
      if (!clipper_uri_is_web (url))
        {
          add_problem (summary, _("%sline %u: “%s” is not a web address; skipped"), where, line, url);
          continue;
        }
      entry = page_for (pages, url, title);

      if (format == CLIPPER_IMPORT_POCKET)
        {
          const char *status = column (h, r, "status");

          entry->saved_at = parse_time (column (h, r, "time_added"));
          add_tags_split (entry->tags, column (h, r, "tags"), "|");
          if (status != NULL && g_ascii_strcasecmp (status, "archive") == 0)
            add_tag (entry->tags, "archived");
        }
      else if (format == CLIPPER_IMPORT_READWISE)
        {
          const char *quote = column (h, r, "Highlight");

          add_tags_split (entry->tags, column (h, r, "Document tags"), ",");
          if (entry->byline == NULL && column (h, r, "Book Author") && column (h, r, "Book Author")[0])
            entry->byline = g_strdup (column (h, r, "Book Author"));
          add_tags_split (tags, column (h, r, "Tags"), ",");
          if (quote != NULL && quote[0] != '\0')
            g_ptr_array_add (entry->highlights,
                             new_highlight (quote, NULL, NULL, -1, -1, column (h, r, "Color"),
                                            column (h, r, "Note"), tags,
                                            parse_time (column (h, r, "Highlighted at"))));
        }
      else
        {
          const char *folder = column (h, r, "Folder");
          const char *selection = column (h, r, "Selection");
          const char *tag_json = column (h, r, "Tags");
          g_autoptr(JsonNode) tag_list = tag_json && tag_json[0] ? clipper_json_parse (tag_json, -1, NULL) : NULL;

          entry->saved_at = parse_time (column (h, r, "Timestamp"));
          /* Instapaper's folders: Unread is the default, the rest are tags. */
          if (folder != NULL && g_ascii_strcasecmp (folder, "Unread") != 0)
            add_tag (entry->tags, g_ascii_strcasecmp (folder, "Archive") == 0 ? "archived" : folder);
          for (guint i = 0; i < clipper_json_get_length (tag_list); i++)
            add_tag (entry->tags, clipper_json_get_string (clipper_json_get_element (tag_list, i)));
          if (selection != NULL && selection[0] != '\0')
            g_ptr_array_add (entry->highlights,
                             new_highlight (selection, NULL, NULL, -1, -1, NULL, NULL, tags, entry->saved_at));
        }
    }
  return error == NULL || *error == NULL;
}

static const char *
skip_bom_and_space (const char *data,
                    gsize       length,
                    gsize      *skipped)
{
  gsize i = length >= 3 && memcmp (data, "\xef\xbb\xbf", 3) == 0 ? 3 : 0;

  while (i < length && g_ascii_isspace (data[i]))
    i++;
  *skipped = i;
  return data + i;
}

static ClipperImportFormat
detect_json (JsonNode *root)
{
  JsonNode *first = JSON_NODE_HOLDS_ARRAY (root) ? clipper_json_get_element (root, 0) : root;
  const char *type = clipper_json_get_member_string (first, "type");

  if (!JSON_NODE_HOLDS_ARRAY (root) && clipper_json_get_member (root, "annotations") != NULL &&
      JSON_NODE_HOLDS_ARRAY (clipper_json_get_member (root, "annotations")))
    return CLIPPER_IMPORT_HYPOTHESIS;
  if (type != NULL && (g_str_equal (type, "Annotation") || g_str_equal (type, "AnnotationCollection") ||
                       g_str_equal (type, "AnnotationPage")))
    return CLIPPER_IMPORT_W3C;
  if (JSON_NODE_HOLDS_ARRAY (root) && clipper_json_get_member_string (first, "url") != NULL &&
      (clipper_json_get_member (first, "content") != NULL || clipper_json_get_member (first, "is_archived") != NULL))
    return CLIPPER_IMPORT_WALLABAG;
  return CLIPPER_IMPORT_UNKNOWN;
}

static gboolean
matches (const char *name,
         const char *pattern)
{
  const char *base = strrchr (name, '/') ? strrchr (name, '/') + 1 : name;

  return g_pattern_match_simple (pattern, base);
}

/* Pocket writes part_000000.csv; Omnivore metadata_0_to_20.json. */
static ClipperImportFormat
detect_zip (GPtrArray *files)
{
  for (guint i = 0; i < files->len; i++)
    {
      ClipperZipEntry *entry = g_ptr_array_index (files, i);

      if (matches (entry->name, "part_*.csv"))
        return CLIPPER_IMPORT_POCKET;
      if (matches (entry->name, "metadata_*.json"))
        return CLIPPER_IMPORT_OMNIVORE;
    }
  return CLIPPER_IMPORT_UNKNOWN;
}

/* The page of a JSON item with "url" and "title", or NULL when its
 * address is not a web address (said in @summary). */
static ClipperImportEntry *
page_for_item (Pages                *pages,
               JsonNode             *item,
               const char           *file,
               guint                 index,
               ClipperImportSummary *summary)
{
  const char *url = clipper_json_get_member_string (item, "url");

  if (!clipper_uri_is_web (url))
    {
      add_problem (summary, _("%s, item %u: “%s” is not a web address; skipped"), file, index + 1, url ? url : "");
      return NULL;
    }
  return page_for (pages, url, clipper_json_get_member_string (item, "title"));
}

/* Pocket's annotations/part_*.json: [{url, title, highlights: [{quote,
 * created_at}]}]; the quotes alone, with no context. */
static void
read_pocket_highlights (ClipperZipEntry      *file,
                        Pages                *pages,
                        ClipperImportSummary *summary)
{
  g_autoptr(GError) error = NULL;
  gsize length;
  const char *data = g_bytes_get_data (file->data, &length);
  g_autoptr(JsonNode) root = clipper_json_parse_sized (data, length, CLIPPER_IMPORT_MAX_SIZE, &error);

  if (root == NULL)
    {
      add_problem (summary, "%s: %s", file->name, error->message);
      return;
    }
  for (guint i = 0; i < clipper_json_get_length (root); i++)
    {
      JsonNode *item = clipper_json_get_element (root, i);
      JsonNode *highlights = clipper_json_get_member (item, "highlights");
      ClipperImportEntry *entry;

      if (!(entry = page_for_item (pages, item, file->name, i, summary)))
        continue;
      for (guint j = 0; j < clipper_json_get_length (highlights); j++)
        {
          JsonNode *highlight = clipper_json_get_element (highlights, j);
          const char *quote = clipper_json_get_member_string (highlight, "quote");
          g_autofree char *created = dup_scalar (clipper_json_get_member (highlight, "created_at"));
          g_autoptr(GPtrArray) tags = new_tags ();

          if (quote != NULL && quote[0] != '\0')
            g_ptr_array_add (entry->highlights,
                             new_highlight (quote, NULL, NULL, -1, -1, NULL, NULL, tags, parse_time (created)));
        }
    }
}

static void
read_pocket (GPtrArray            *files,
             Pages                *pages,
             ClipperImportSummary *summary)
{
  for (guint i = 0; i < files->len; i++)
    {
      ClipperZipEntry *file = g_ptr_array_index (files, i);
      g_autoptr(GError) error = NULL;
      g_autofree char *where = g_strdup_printf ("%s, ", file->name);
      gsize length;
      const char *data = g_bytes_get_data (file->data, &length);

      if (matches (file->name, "part_*.csv") &&
          !read_csv (data, length, where, CLIPPER_IMPORT_POCKET, pages, summary, &error))
        add_problem (summary, "%s: %s", file->name, error->message);
      else if (matches (file->name, "part_*.json") && strstr (file->name, "annotations/") != NULL)
        read_pocket_highlights (file, pages, summary);
    }
}

/* Omnivore's highlights/{slug}.md: each highlight a "> quote" block,
 * then perhaps a line of #labels, then perhaps its note. */
static void
read_omnivore_highlights (ClipperImportEntry *entry,
                          GBytes             *markdown)
{
  gsize length;
  const char *data = g_bytes_get_data (markdown, &length);
  g_autofree char *text = g_utf8_make_valid (data, length);
  g_auto(GStrv) lines = g_strsplit (text, "\n", -1);
  g_autoptr(GString) quote = g_string_new (NULL);
  g_autoptr(GString) note = g_string_new (NULL);
  g_autoptr(GPtrArray) tags = new_tags ();
  gboolean quote_ended = FALSE;

  for (guint i = 0;; i++)
    {
      char *line = lines[i] ? g_strchomp (lines[i]) : NULL;

      /* A new quote after a blank line, or the end: the highlight before
       * is complete (a quote's own lines follow each other). */
      if ((line == NULL || (g_str_has_prefix (line, ">") && (quote_ended || note->len + tags->len > 0))) &&
          quote->len > 0)
        {
          g_autofree char *stripped = g_strstrip (g_strdup (note->str));

          g_ptr_array_add (entry->highlights,
                           new_highlight (quote->str, NULL, NULL, -1, -1, NULL, stripped, tags, 0));
          g_string_truncate (quote, 0);
          g_string_truncate (note, 0);
          g_ptr_array_set_size (tags, 0);
        }
      if (line == NULL)
        break;

      quote_ended = quote->len > 0 && (quote_ended || !g_str_has_prefix (line, ">"));
      if (g_str_has_prefix (line, ">"))
        {
          const char *part = line[1] == ' ' ? line + 2 : line + 1;

          g_string_append_printf (quote, "%s%s", quote->len ? " " : "", part);
        }
      else if (quote->len > 0 && line[0] == '#' && note->len == 0)
        {
          g_auto(GStrv) labels = g_strsplit (line, " ", -1);

          for (guint j = 0; labels[j]; j++)
            if (labels[j][0] == '#' && labels[j][1] != '\0')
              add_tag (tags, labels[j] + 1);
        }
      else if (quote->len > 0 && (line[0] != '\0' || note->len > 0))
        g_string_append_printf (note, "%s\n", line);
    }
}

static void
read_omnivore (GPtrArray            *files,
               Pages                *pages,
               ClipperImportSummary *summary)
{
  for (guint i = 0; i < files->len; i++)
    {
      ClipperZipEntry *file = g_ptr_array_index (files, i);
      g_autoptr(GError) error = NULL;
      g_autoptr(JsonNode) root = NULL;
      gsize length;
      const char *data;

      if (!matches (file->name, "metadata_*.json"))
        continue;
      data = g_bytes_get_data (file->data, &length);
      if (!(root = clipper_json_parse_sized (data, length, CLIPPER_IMPORT_MAX_SIZE, &error)))
        {
          add_problem (summary, "%s: %s", file->name, error->message);
          continue;
        }
      for (guint j = 0; j < clipper_json_get_length (root); j++)
        {
          JsonNode *item = clipper_json_get_element (root, j);
          JsonNode *labels = clipper_json_get_member (item, "labels");
          const char *slug = clipper_json_get_member_string (item, "slug");
          const char *state = clipper_json_get_member_string (item, "state");
          g_autofree char *content_name = NULL;
          g_autofree char *highlights_name = NULL;
          GBytes *content;
          GBytes *highlights;
          ClipperImportEntry *entry;

          if (!(entry = page_for_item (pages, item, file->name, j, summary)))
            continue;
          if (entry->byline == NULL && clipper_json_get_member_string (item, "author") != NULL)
            entry->byline = g_strdup (clipper_json_get_member_string (item, "author"));
          if (entry->published == NULL && clipper_json_get_member_string (item, "publishedAt") != NULL)
            entry->published = g_strdup (clipper_json_get_member_string (item, "publishedAt"));
          entry->saved_at = parse_time (clipper_json_get_member_string (item, "savedAt"));
          for (guint k = 0; k < clipper_json_get_length (labels); k++)
            {
              JsonNode *label = clipper_json_get_element (labels, k);

              add_tag (entry->tags, clipper_json_get_string (label) ? clipper_json_get_string (label)
                                                                   : clipper_json_get_member_string (label, "name"));
            }
          if (state != NULL && g_ascii_strcasecmp (state, "archived") == 0)
            add_tag (entry->tags, "archived");

          /* A slug names its files; one that climbs out is not followed. */
          if (slug == NULL || strchr (slug, '/') != NULL || strstr (slug, "..") != NULL)
            continue;
          content_name = g_strdup_printf ("content/%s.html", slug);
          highlights_name = g_strdup_printf ("highlights/%s.md", slug);
          if ((content = clipper_zip_lookup (files, content_name)) != NULL && entry->content == NULL)
            entry->content = g_utf8_make_valid (g_bytes_get_data (content, NULL), g_bytes_get_size (content));
          if ((highlights = clipper_zip_lookup (files, highlights_name)) != NULL)
            read_omnivore_highlights (entry, highlights);
        }
    }
}

/* Pocket's older export: under "Unread" and "Read Archive" headings, a
 * link a page, <a href time_added tags>title</a>. */
static void
read_pocket_html_nodes (xmlNode              *node,
                        gboolean             *archive,
                        guint                *index,
                        Pages                *pages,
                        ClipperImportSummary *summary)
{
  for (; node != NULL; node = node->next)
    {
      if (node->type != XML_ELEMENT_NODE)
        continue;
      if (clipper_html_is_element (node, "h1"))
        {
          g_autofree char *heading = clipper_html_dup_text (node);

          *archive = heading != NULL && strstr (heading, "Archive") != NULL;
        }
      else if (clipper_html_is_element (node, "a"))
        {
          g_autofree char *url = (char *)xmlGetProp (node, (const xmlChar *)"href");
          g_autofree char *added = (char *)xmlGetProp (node, (const xmlChar *)"time_added");
          g_autofree char *tags = (char *)xmlGetProp (node, (const xmlChar *)"tags");
          g_autofree char *title = clipper_html_dup_text (node);
          ClipperImportEntry *entry;

          (*index)++;
          if (!clipper_uri_is_web (url))
            {
              add_problem (summary, _("link %u: “%s” is not a web address; skipped"), *index, url ? url : "");
              continue;
            }
          entry = page_for (pages, url, title ? g_strstrip (title) : NULL);
          entry->saved_at = parse_time (added);
          add_tags_split (entry->tags, tags, ",");
          if (*archive)
            add_tag (entry->tags, "archived");
        }
      else
        read_pocket_html_nodes (node->children, archive, index, pages, summary);
    }
}

static gboolean
is_pocket_html (const char *data,
                gsize       length)
{
  g_autofree char *head = NULL;

  if (data == NULL || length == 0)
    return FALSE;
  head = g_strndup (data, MIN (length, 4096));
  return strstr (head, "<title>Pocket Export</title>") != NULL ||
         (g_strstr_len (data, MIN (length, 65536), "time_added=\"") != NULL && strstr (head, "<html") != NULL);
}

/* A text file's format: Pocket's HTML, or a CSV by its header. */
static ClipperImportFormat
detect_text (const char *data,
             gsize       length)
{
  g_autoptr(ClipperCsvReader) reader = NULL;
  g_auto(GStrv) header = NULL;
  const char * const *h;

  if (is_pocket_html (data, length))
    return CLIPPER_IMPORT_POCKET_HTML;
  reader = clipper_csv_reader_new (data, length, ',');
  if (!clipper_csv_reader_next (reader, &header, NULL))
    return CLIPPER_IMPORT_UNKNOWN;
  h = (const char * const *)header;
  if (clipper_csv_find_column (h, "Highlight") >= 0 && clipper_csv_find_column (h, "Book Title") >= 0)
    return CLIPPER_IMPORT_READWISE;
  if (clipper_csv_find_column (h, "URL") >= 0 && clipper_csv_find_column (h, "Title") >= 0 &&
      clipper_csv_find_column (h, "Selection") >= 0)
    return CLIPPER_IMPORT_INSTAPAPER;
  if (clipper_csv_find_column (h, "url") >= 0 && clipper_csv_find_column (h, "time_added") >= 0)
    return CLIPPER_IMPORT_POCKET;
  return CLIPPER_IMPORT_UNKNOWN;
}

static gboolean
looks_like_json (const char *data,
                 gsize       length)
{
  gsize skipped;
  const char *start = skip_bom_and_space (data, length, &skipped);

  return skipped < length && (start[0] == '{' || start[0] == '[');
}

static JsonNode *
parse_json (const char  *data,
            gsize        length,
            GError     **error)
{
  gsize skipped;
  const char *start = skip_bom_and_space (data, length, &skipped);

  return clipper_json_parse_sized (start, length - skipped, CLIPPER_IMPORT_MAX_SIZE, error);
}

/* What an import reads a file as: its archive or its JSON, parsed once,
 * and its format, from them when it was not given. */
typedef struct
{
  ClipperImportFormat  format;
  GPtrArray           *files; /* (element-type ClipperZipEntry), a ZIP's */
  JsonNode            *root;  /* the JSON's */
} Parsed;

static void
parsed_clear (Parsed *parsed)
{
  g_clear_pointer (&parsed->files, g_ptr_array_unref);
  g_clear_pointer (&parsed->root, json_node_unref);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (Parsed, parsed_clear)

static gboolean
parse (const char           *data,
       gsize                 length,
       ClipperImportFormat   format,
       GPtrArray            *problems,
       Parsed               *parsed,
       GError              **error)
{
  parsed->format = format;
  if (clipper_zip_is_zip (data, length))
    {
      if (!(parsed->files = clipper_zip_read (data, length, problems, error)))
        return FALSE;
      if (format == CLIPPER_IMPORT_UNKNOWN)
        parsed->format = detect_zip (parsed->files);
    }
  /* JSON that cannot be read says why, rather than what it is not. */
  else if (looks_like_json (data, length))
    {
      if (!(parsed->root = parse_json (data, length, error)))
        return FALSE;
      if (format == CLIPPER_IMPORT_UNKNOWN)
        parsed->format = detect_json (parsed->root);
    }
  else if (format == CLIPPER_IMPORT_UNKNOWN)
    parsed->format = detect_text (data, length);
  return TRUE;
}

/* The format of a file, from what is in it. */
ClipperImportFormat
clipper_import_detect (const char *data,
                       gsize       length)
{
  g_autoptr(GPtrArray) problems = g_ptr_array_new_with_free_func (g_free);
  g_auto(Parsed) parsed = { 0 };

  if (!parse (data, length, CLIPPER_IMPORT_UNKNOWN, problems, &parsed, NULL))
    return CLIPPER_IMPORT_UNKNOWN;
  return parsed.format;
}

/**
 * clipper_import_read:
 * @summary: counts the pages, and takes each record left out with why
 *
 * Returns: (transfer full) (element-type ClipperImportEntry): the pages
 *   of @data, or %NULL with @error set when it cannot be read at all
 */
GPtrArray *
clipper_import_read (const char            *data,
                     gsize                  length,
                     ClipperImportFormat    format,
                     ClipperImportSummary  *summary,
                     GError               **error)
{
  g_autoptr(GHashTable) by_url = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr(GPtrArray) entries = g_ptr_array_new_with_free_func ((GDestroyNotify)clipper_import_entry_free);
  Pages pages = { entries, by_url };
  g_auto(Parsed) parsed = { 0 };

  if (!parse (data, length, format, summary->problems, &parsed, error))
    return NULL;

  if ((parsed.format == CLIPPER_IMPORT_HYPOTHESIS || parsed.format == CLIPPER_IMPORT_W3C ||
       parsed.format == CLIPPER_IMPORT_WALLABAG) &&
      (parsed.root != NULL || (parsed.root = parse_json (data, length, error)) != NULL))
    {
      if (parsed.format == CLIPPER_IMPORT_HYPOTHESIS)
        read_hypothesis (parsed.root, &pages, summary);
      else if (parsed.format == CLIPPER_IMPORT_WALLABAG)
        read_wallabag (parsed.root, &pages, summary);
      else
        read_w3c (parsed.root, &pages, summary);
    }
  else if (parsed.format == CLIPPER_IMPORT_POCKET_HTML)
    {
      g_autoptr(xmlDoc) doc = clipper_html_parse (data, length, "UTF-8");
      gboolean archive = FALSE;
      guint index = 0;

      if (doc == NULL)
        {
          g_set_error (error, CLIPPER_ERROR, CLIPPER_ERROR_INVALID_INPUT, _("The Pocket export could not be read."));
          return NULL;
        }
      read_pocket_html_nodes (xmlDocGetRootElement (doc), &archive, &index, &pages, summary);
    }
  else if (parsed.format == CLIPPER_IMPORT_POCKET && parsed.files != NULL)
    read_pocket (parsed.files, &pages, summary);
  else if (parsed.format == CLIPPER_IMPORT_OMNIVORE && parsed.files != NULL)
    read_omnivore (parsed.files, &pages, summary);
  else if ((parsed.format == CLIPPER_IMPORT_READWISE || parsed.format == CLIPPER_IMPORT_INSTAPAPER ||
            parsed.format == CLIPPER_IMPORT_POCKET) &&
           parsed.files == NULL && parsed.root == NULL)
    {
      if (!read_csv (data, length, NULL, parsed.format, &pages, summary, error))
        return NULL;
    }
  else if (error == NULL || *error == NULL)
    g_set_error (error, CLIPPER_ERROR, CLIPPER_ERROR_INVALID_INPUT,
                 _("This is not a file Clipper can import: it takes exports of Pocket (ZIP, CSV or HTML), "
                   "Omnivore (ZIP), Wallabag (JSON), Instapaper (CSV), Readwise (CSV), Hypothesis (JSON) "
                   "and W3C Web Annotations (JSON-LD)."));

  if (error != NULL && *error != NULL)
    return NULL;
  summary->entries += entries->len;
  return g_steal_pointer (&entries);
}

/* Whether @highlight is one of @existing already: the same quote at the
 * same place, or the same quote without a place. */
static gboolean
is_present (GPtrArray        *existing,
            ClipperHighlight *highlight)
{
  for (guint i = 0; i < existing->len; i++)
    {
      ClipperHighlight *other = g_ptr_array_index (existing, i);

      if (g_strcmp0 (clipper_highlight_get_exact (other), clipper_highlight_get_exact (highlight)) != 0)
        continue;
      if (clipper_highlight_get_orphaned (other) || clipper_highlight_get_orphaned (highlight) ||
          clipper_highlight_get_start (other) == clipper_highlight_get_start (highlight))
        return TRUE;
    }
  return FALSE;
}

/* Places @highlight in @text (NULL for a page not fetched): where it was,
 * its quote, a close match; else an orphan. */
static void
place (ClipperHighlight  *highlight,
       ClipperAnchorText *text)
{
  ClipperSelector wanted = {
    (char *)clipper_highlight_get_exact (highlight), (char *)clipper_highlight_get_prefix (highlight),
    (char *)clipper_highlight_get_suffix (highlight), clipper_highlight_get_start (highlight),
    clipper_highlight_get_end (highlight),
  };
  gint64 start, end;

  if (text != NULL && clipper_anchor_locate (text, &wanted, &start, &end) != CLIPPER_ANCHOR_ORPHAN)
    {
      g_autoptr(ClipperSelector) found = clipper_selector_new (text, start, end);

      clipper_highlight_set_selector (highlight, found);
      clipper_highlight_set_orphaned (highlight, FALSE);
      return;
    }
  clipper_highlight_set_start (highlight, 0);
  clipper_highlight_set_end (highlight, 0);
  clipper_highlight_set_orphaned (highlight, TRUE);
}

/* The article from the file's HTML, when it has it and it can be read. */
static ClipperClipping *
capture_content (ClipperImportEntry   *entry,
                 ClipperImportSummary *summary)
{
  g_autoptr(GString) page = g_string_new ("<!DOCTYPE html><html><head><meta charset=\"utf-8\"><title>");
  g_autofree char *title = g_markup_escape_text (entry->title ? entry->title : "", -1);
  g_autoptr(GError) error = NULL;
  ClipperClipping *clipping;

  if (entry->content == NULL || entry->content[0] == '\0')
    return NULL;
  g_string_append_printf (page, "%s</title></head><body><article>%s</article></body></html>", title,
                          entry->content);
  clipping = clipper_capture_page (page->str, page->len, entry->url, "UTF-8", &error);
  if (clipping == NULL)
    g_ptr_array_add (summary->problems,
                     g_strdup_printf (_("%s: its text could not be read (%s); kept as an address"), entry->url,
                                      error->message));
  return clipping;
}

static gint64
create_clipping (ClipperStore          *store,
                 ClipperImportEntry    *entry,
                 ClipperImportSummary  *summary,
                 GError               **error)
{
  g_autoptr(ClipperClipping) clipping = capture_content (entry, summary);
  gint64 id;

  if (clipping == NULL)
    {
      clipping = clipper_clipping_new ();
      summary->not_fetched++;
    }
  if (entry->published != NULL && clipper_clipping_get_published (clipping) == NULL)
    clipper_clipping_set_published (clipping, entry->published);

  g_ptr_array_add (entry->tags, NULL);
  clipper_clipping_set_url (clipping, entry->url);
  if (entry->title != NULL || clipper_clipping_get_title (clipping) == NULL)
    clipper_clipping_set_title (clipping, entry->title ? entry->title : entry->url);
  if (entry->byline != NULL)
    clipper_clipping_set_byline (clipping, entry->byline);
  clipper_clipping_set_tags (clipping, (const char * const *)entry->tags->pdata);
  clipper_clipping_set_clipped_at (clipping, entry->saved_at > 0 ? entry->saved_at
                                                                 : g_get_real_time () / G_USEC_PER_SEC);
  g_ptr_array_remove_index (entry->tags, entry->tags->len - 1);
  id = clipper_store_add_clipping (store, clipping, error);
  if (id > 0 && entry->note != NULL && !clipper_store_set_clipping_note (store, id, entry->note, error))
    return 0;
  return id;
}

/* The library's note and @note: the second added unless already there. */
static gboolean
merge_note (ClipperStore  *store,
            gint64         id,
            const char    *note,
            GError       **error)
{
  g_autofree char *have = NULL;
  g_autofree char *joined = NULL;

  if (note == NULL || note[0] == '\0')
    return TRUE;
  have = clipper_store_dup_clipping_note (store, id, NULL);
  if (have != NULL && strstr (have, note) != NULL)
    return TRUE;
  joined = have && have[0] ? g_strconcat (have, "\n\n", note, NULL) : g_strdup (note);
  return clipper_store_set_clipping_note (store, id, joined, error);
}

static gboolean
apply_entry (ClipperStore          *store,
             ClipperImportEntry    *entry,
             const char            *tag,
             ClipperImportSummary  *summary,
             GError               **error)
{
  g_autoptr(ClipperClipping) clipping = NULL;
  g_autoptr(ClipperAnchorText) text = NULL;
  g_autoptr(GPtrArray) existing = NULL;
  g_autoptr(GPtrArray) added = g_ptr_array_new ();
  GError *local_error = NULL;
  gboolean archived = FALSE;
  gint64 id;

  if (tag != NULL)
    add_tag (entry->tags, tag);
  /* The readers mark an archived page with this tag; here it is a state. */
  for (guint i = 0; i < entry->tags->len; i++)
    if (g_str_equal (g_ptr_array_index (entry->tags, i), "archived"))
      {
        g_ptr_array_remove_index (entry->tags, i);
        archived = TRUE;
        break;
      }

  id = clipper_store_find_clipping_by_url (store, entry->url, &local_error);
  if (local_error != NULL)
    {
      g_propagate_error (error, local_error);
      return FALSE;
    }
  if (id == 0)
    {
      if ((id = create_clipping (store, entry, summary, error)) <= 0)
        return FALSE;
      summary->created++;
    }
  else
    {
      g_ptr_array_add (entry->tags, NULL);
      if (!clipper_store_add_clipping_tags (store, id, (const char * const *)entry->tags->pdata, error) ||
          !merge_note (store, id, entry->note, error))
        return FALSE;
      g_ptr_array_remove_index (entry->tags, entry->tags->len - 1);
      summary->merged++;
    }
  g_array_append_val (summary->pages, id);
  if (archived && !clipper_store_set_archived (store, id, TRUE, error))
    return FALSE;

  if (entry->highlights->len == 0)
    return TRUE;
  if (!(clipping = clipper_store_find_clipping (store, id, error)) ||
      !(existing = clipper_store_list_highlights (store, id, error)))
    return FALSE;
  if (clipper_clipping_get_content (clipping) != NULL && clipper_clipping_get_content (clipping)[0] != '\0')
    text = clipper_anchor_text_new_from_html (clipper_clipping_get_content (clipping));

  for (guint i = 0; i < entry->highlights->len; i++)
    {
      ClipperHighlight *highlight = g_ptr_array_index (entry->highlights, i);

      clipper_highlight_set_clipping_id (highlight, id);
      place (highlight, text);
      if (is_present (existing, highlight))
        {
          summary->highlights_present++;
          continue;
        }
      g_ptr_array_add (added, highlight);
      g_ptr_array_add (existing, g_object_ref (highlight));
      if (clipper_highlight_get_orphaned (highlight))
        summary->highlights_orphaned++;
      else
        summary->highlights_placed++;
    }
  return added->len == 0 || clipper_store_add_highlights (store, added, error);
}

/**
 * clipper_import_apply:
 * @entries: (element-type ClipperImportEntry): pages, from clipper_import_read()
 * @tag: (nullable): a tag for every page imported
 *
 * Merges @entries into the library, page by page: a page is taken whole
 * or, on an error, not at all, and the pages before it stay.
 */
gboolean
clipper_import_apply (ClipperStore          *store,
                      GPtrArray             *entries,
                      const char            *tag,
                      ClipperImportSummary  *summary,
                      GCancellable          *cancellable,
                      GError               **error)
{
  g_return_val_if_fail (CLIPPER_IS_STORE (store), FALSE);

  g_atomic_int_set (&summary->total, entries->len);
  for (guint i = 0; i < entries->len; i += IMPORT_BATCH)
    {
      GError *local_error = NULL;
      gboolean ok;

      /* A batch of pages reaches the disk at once; each page in it is
       * still whole or not at all. */
      if (g_cancellable_set_error_if_cancelled (cancellable, error) || !clipper_store_begin_batch (store, error))
        return FALSE;
      for (guint j = i; j < MIN (entries->len, i + IMPORT_BATCH) && local_error == NULL; j++)
        if (!g_cancellable_set_error_if_cancelled (cancellable, &local_error) &&
            apply_entry (store, g_ptr_array_index (entries, j), tag, summary, &local_error))
          g_atomic_int_set (&summary->done, j + 1);
      ok = clipper_store_end_batch (store, local_error ? NULL : &local_error);
      if (local_error != NULL || !ok)
        {
          g_propagate_error (error, local_error);
          return FALSE;
        }
    }
  return TRUE;
}

/* Reads @path, finds its format and imports it. */
gboolean
clipper_import_file (ClipperStore          *store,
                     const char            *path,
                     const char            *tag,
                     ClipperImportSummary  *summary,
                     GCancellable          *cancellable,
                     GError               **error)
{
  g_autoptr(GMappedFile) file = NULL;
  g_autoptr(GPtrArray) entries = NULL;
  g_autoptr(GError) local_error = NULL;
  const char *data;
  gsize length;

  if (!(file = g_mapped_file_new (path, FALSE, &local_error)))
    {
      g_set_error (error, CLIPPER_ERROR, CLIPPER_ERROR_NOT_FOUND, _("%s could not be read: %s"), path,
                   local_error->message);
      return FALSE;
    }
  data = g_mapped_file_get_contents (file);
  length = g_mapped_file_get_length (file);
  if (length == 0 || data == NULL)
    {
      g_set_error (error, CLIPPER_ERROR, CLIPPER_ERROR_INVALID_INPUT, _("%s is empty: nothing to import"), path);
      return FALSE;
    }
  if (length > CLIPPER_IMPORT_MAX_SIZE)
    {
      g_set_error (error, CLIPPER_ERROR, CLIPPER_ERROR_TOO_LARGE, _("%s is larger than %d MB: not imported"),
                   path, CLIPPER_IMPORT_MAX_SIZE / (1024 * 1024));
      return FALSE;
    }

  /* Read once: the format is found from what is parsed. */
  if (!(entries = clipper_import_read (data, length, CLIPPER_IMPORT_UNKNOWN, summary, &local_error)))
    {
      g_set_error (error, CLIPPER_ERROR, local_error->code, "%s: %s", path, local_error->message);
      return FALSE;
    }
  return clipper_import_apply (store, entries, tag, summary, cancellable, error);
}
