/* clipper-report.c
 *
 * Copyright 2026 The Clipper authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A report across clippings, in Markdown: each clipping in turn (its
 * reference, its note, its highlights), or the highlights gathered by tag
 * or by colour, every quote followed by its citation and a link to the
 * passage on the live page; then the bibliography. Citations are either
 * formatted by a CSL style or left as [@key] for pandoc.
 */

#define G_LOG_DOMAIN "clipper-report"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <stdlib.h>
#include <string.h>

#include <cmark.h>

#include "clipper-cite-formats.h"
#include "clipper-document.h"
#include "clipper-export.h"
#include "clipper-csl.h"
#include "clipper-error.h"
#include "clipper-markdown-writer.h"
#include "clipper-report.h"

typedef struct
{
  ClipperClipping *clipping;
  ClipperCitation *citation;
  char            *note;
  GPtrArray       *highlights;
} Source;

static void
source_free (Source *source)
{
  g_clear_object (&source->clipping);
  g_clear_pointer (&source->citation, clipper_citation_free);
  g_free (source->note);
  g_clear_pointer (&source->highlights, g_ptr_array_unref);
  g_free (source);
}

/* A text directive's part: percent-encoded, "-", "," and "&" included. */
static char *
fragment_part (const char *text)
{
  g_autofree char *escaped = g_uri_escape_string (text, NULL, FALSE);
  GString *out = g_string_new (NULL);

  for (const char *p = escaped; *p; p++)
    if (*p == '-')
      g_string_append (out, "%2D");
    else
      g_string_append_c (out, *p);
  return g_string_free (out, FALSE);
}

/* Up to @n words of @text, from its start or its end. */
static char *
some_words (const char *text,
            guint       n,
            gboolean    from_end)
{
  g_auto(GStrv) words = g_strsplit_set (text ? text : "", " \t\n\r", -1);
  g_autoptr(GPtrArray) kept = g_ptr_array_new ();
  guint total = 0;

  for (guint i = 0; words[i]; i++)
    if (words[i][0] != '\0')
      total++;

  for (guint i = 0, seen = 0; words[i]; i++)
    if (words[i][0] != '\0')
      {
        if ((!from_end && seen < n) || (from_end && seen >= (total > n ? total - n : 0)))
          g_ptr_array_add (kept, words[i]);
        seen++;
      }
  g_ptr_array_add (kept, NULL);
  return g_strjoinv (" ", (char **)kept->pdata);
}

/**
 * clipper_report_text_fragment:
 *
 * The address of the passage @exact on the live page at @url, as a text
 * fragment ("#:~:text=prefix-,start,end,-suffix"): a few words of the
 * text around it single it out, and a long quote is given by its first
 * and last words.
 */
char *
clipper_report_text_fragment (const char *url,
                              const char *prefix,
                              const char *exact,
                              const char *suffix)
{
  g_autofree char *base = g_strndup (url, strcspn (url, "#"));
  g_autofree char *before = some_words (prefix, 3, TRUE);
  g_autofree char *after = some_words (suffix, 3, FALSE);
  g_autofree char *collapsed = some_words (exact, G_MAXUINT, FALSE);
  GString *out = g_string_new (base);

  g_string_append (out, "#:~:text=");
  if (before[0] != '\0')
    {
      g_autofree char *part = fragment_part (before);

      g_string_append_printf (out, "%s-,", part);
    }

  if (g_utf8_strlen (collapsed, -1) <= 160)
    {
      g_autofree char *part = fragment_part (collapsed);

      g_string_append (out, part);
    }
  else
    {
      g_autofree char *start = some_words (collapsed, 5, FALSE);
      g_autofree char *end = some_words (collapsed, 5, TRUE);
      g_autofree char *start_part = fragment_part (start);
      g_autofree char *end_part = fragment_part (end);

      g_string_append_printf (out, "%s,%s", start_part, end_part);
    }

  if (after[0] != '\0')
    {
      g_autofree char *part = fragment_part (after);

      g_string_append_printf (out, ",-%s", part);
    }
  return g_string_free (out, FALSE);
}

static const char *
cite (const Source               *source,
      const ClipperCslOutput     *formatted)
{
  if (formatted == NULL)
    return NULL;
  return g_hash_table_lookup (formatted->in_text, source->citation->key);
}

/* A quote, its citation and a link to it, its colour and tags, its note. */
static void
append_highlight (GString                    *out,
                  const Source               *source,
                  ClipperHighlight           *highlight,
                  const ClipperReportOptions *options,
                  const ClipperCslOutput     *formatted)
{
  g_autofree char *trimmed = g_strstrip (g_strdup (clipper_highlight_get_exact (highlight)));
  g_autofree char *quote = clipper_markdown_escape (trimmed);
  g_auto(GStrv) lines = g_strsplit (quote, "\n", -1);
  const char * const *tags = clipper_highlight_get_tags (highlight);
  const char *note = clipper_highlight_get_note (highlight);
  const char *url = clipper_clipping_get_url (source->clipping);

  for (guint i = 0; lines[i]; i++)
    g_string_append_printf (out, ">%s%s\n", lines[i][0] ? " " : "", lines[i]);

  g_string_append (out, ">\n> — ");
  if (options->citations == CLIPPER_REPORT_CITATIONS_PANDOC)
    g_string_append_printf (out, "[@%s]", source->citation->key);
  else
    {
      g_autofree char *escaped = clipper_markdown_escape (cite (source, formatted) ?: source->citation->key);

      g_string_append (out, escaped);
    }

  if (url != NULL && g_str_has_prefix (url, "http") && !clipper_highlight_get_orphaned (highlight))
    {
      g_autofree char *link = clipper_report_text_fragment (url, clipper_highlight_get_prefix (highlight),
                                                            clipper_highlight_get_exact (highlight),
                                                            clipper_highlight_get_suffix (highlight));

      /* Translators: a link to the quoted passage on the web page */
      g_string_append_printf (out, " · [%s](<%s>)", _("passage"), link);
    }
  g_string_append (out, "\n\n");

  g_string_append_printf (out, "*%s", clipper_highlight_color_label (clipper_highlight_get_color (highlight)));
  for (guint i = 0; tags && tags[i]; i++)
    {
      g_autofree char *tag = clipper_markdown_escape (tags[i]);

      g_string_append_printf (out, "%s%s", i == 0 ? " · " : ", ", tag);
    }
  g_string_append (out, "*\n\n");

  /* Notes are Markdown already: as written. */
  if (note != NULL && note[0] != '\0')
    g_string_append_printf (out, "%s\n\n", note);
}

static void
append_heading (GString    *out,
                int         level,
                const char *text)
{
  g_autofree char *escaped = clipper_markdown_escape (text);

  g_string_append_printf (out, "%.*s %s\n\n", level, "######", escaped);
}

static void
by_clipping (GString                    *out,
             GPtrArray                  *sources,
             const ClipperReportOptions *options,
             const ClipperCslOutput     *formatted)
{
  for (guint i = 0; i < sources->len; i++)
    {
      Source *source = g_ptr_array_index (sources, i);

      append_heading (out, 2, clipper_clipping_get_title (source->clipping));
      if (options->citations == CLIPPER_REPORT_CITATIONS_PANDOC)
        g_string_append_printf (out, "[@%s]\n\n", source->citation->key);
      else if (g_hash_table_lookup (formatted->by_key, source->citation->key))
        {
          g_autofree char *reference = clipper_markdown_escape (g_hash_table_lookup (formatted->by_key,
                                                                                      source->citation->key));

          g_string_append_printf (out, "%s\n\n", reference);
        }

      if (source->note != NULL && source->note[0] != '\0')
        g_string_append_printf (out, "%s\n\n", source->note);

      for (guint j = 0; j < source->highlights->len; j++)
        append_highlight (out, source, g_ptr_array_index (source->highlights, j), options, formatted);
    }
}

static int
compare_names (gconstpointer a,
               gconstpointer b)
{
  return g_utf8_collate (*(const char * const *)a, *(const char * const *)b);
}

/* Every highlight under each of its tags (or its colour), the groups in
 * order, each quote with its source. */
static void
by_group (GString                    *out,
          GPtrArray                  *sources,
          const ClipperReportOptions *options,
          const ClipperCslOutput     *formatted)
{
  g_autoptr(GPtrArray) groups = g_ptr_array_new_with_free_func (g_free);
  gboolean untagged = FALSE;

  if (options->group_by == CLIPPER_REPORT_BY_COLOR)
    for (const char * const *color = clipper_highlight_get_colors (); *color; color++)
      g_ptr_array_add (groups, g_strdup (*color));
  else
    {
      g_autoptr(GHashTable) seen = g_hash_table_new (g_str_hash, g_str_equal);

      for (guint i = 0; i < sources->len; i++)
        {
          Source *source = g_ptr_array_index (sources, i);

          for (guint j = 0; j < source->highlights->len; j++)
            {
              const char * const *tags = clipper_highlight_get_tags (g_ptr_array_index (source->highlights, j));

              untagged |= tags == NULL || tags[0] == NULL;
              for (guint k = 0; tags && tags[k]; k++)
                if (g_hash_table_add (seen, (gpointer)tags[k]))
                  g_ptr_array_add (groups, g_strdup (tags[k]));
            }
        }
      g_ptr_array_sort (groups, compare_names);
    }

  for (guint g = 0; g <= groups->len; g++)
    {
      const char *group = g < groups->len ? g_ptr_array_index (groups, g) : NULL;
      gboolean heading = FALSE;

      if (group == NULL && (options->group_by == CLIPPER_REPORT_BY_COLOR || !untagged))
        break;

      for (guint i = 0; i < sources->len; i++)
        {
          Source *source = g_ptr_array_index (sources, i);

          for (guint j = 0; j < source->highlights->len; j++)
            {
              ClipperHighlight *highlight = g_ptr_array_index (source->highlights, j);
              const char * const *tags = clipper_highlight_get_tags (highlight);
              gboolean in;

              if (options->group_by == CLIPPER_REPORT_BY_COLOR)
                in = g_str_equal (clipper_highlight_get_color (highlight), group);
              else if (group == NULL)
                in = tags == NULL || tags[0] == NULL;
              else
                in = tags != NULL && g_strv_contains (tags, group);
              if (!in)
                continue;

              if (!heading)
                {
                  append_heading (out, 2, options->group_by == CLIPPER_REPORT_BY_COLOR
                                          ? clipper_highlight_color_label (group)
                                          : group ? group : _("Untagged"));
                  heading = TRUE;
                }
              append_highlight (out, source, highlight, options, formatted);
            }
        }
    }
}

/**
 * clipper_report_markdown:
 * @ids: (element-type gint64): the clippings, in the order wanted
 * @references_json: (out) (optional): for pandoc citations, the CSL-JSON
 *   of the clippings, to be written beside the report
 *
 * Returns: (transfer full): the report, or %NULL with @error set
 */
char *
clipper_report_markdown (ClipperStore                *store,
                         GArray                      *ids,
                         const ClipperReportOptions  *options,
                         char                       **references_json,
                         GError                     **error)
{
  g_autoptr(GPtrArray) sources = g_ptr_array_new_with_free_func ((GDestroyNotify)source_free);
  g_autoptr(GPtrArray) citations = g_ptr_array_new ();
  g_autoptr(ClipperCslOutput) formatted = NULL;
  GString *out;

  g_return_val_if_fail (CLIPPER_IS_STORE (store), NULL);
  g_return_val_if_fail (ids != NULL, NULL);

  if (ids->len == 0)
    {
      g_set_error (error, CLIPPER_ERROR, CLIPPER_ERROR_INVALID_INPUT, _("There are no clippings to report on."));
      return NULL;
    }

  for (guint i = 0; i < ids->len; i++)
    {
      gint64 id = g_array_index (ids, gint64, i);
      Source *source = g_new0 (Source, 1);

      g_ptr_array_add (sources, source);
      if (!(source->clipping = clipper_store_find_clipping (store, id, error)) ||
          !(source->citation = clipper_store_find_citation (store, id, error)) ||
          !(source->highlights = clipper_store_list_highlights (store, id, error)))
        return NULL;
      source->note = clipper_store_dup_clipping_note (store, id, NULL);
      g_ptr_array_add (citations, source->citation);
    }

  if (options->citations == CLIPPER_REPORT_CITATIONS_FORMATTED)
    {
      if (!(formatted = clipper_csl_format (citations, options->style, "text", error)))
        return NULL;
    }

  out = g_string_new (NULL);
  if (options->citations == CLIPPER_REPORT_CITATIONS_PANDOC)
    {
      g_autofree char *escaped = g_strescape (options->title ? options->title : _("Report"), NULL);

      g_string_append_printf (out, "---\ntitle: \"%s\"\nbibliography: references.json\n---\n\n", escaped);
    }
  else
    append_heading (out, 1, options->title ? options->title : _("Report"));

  if (options->introduction != NULL && options->introduction[0] != '\0')
    g_string_append_printf (out, "%s\n\n", options->introduction);

  if (options->group_by == CLIPPER_REPORT_BY_CLIPPING)
    by_clipping (out, sources, options, formatted);
  else
    by_group (out, sources, options, formatted);

  append_heading (out, 2, _("References"));
  if (formatted != NULL)
    for (guint i = 0; i < formatted->references->len; i++)
      {
        g_autofree char *reference = clipper_markdown_escape (g_ptr_array_index (formatted->references, i));

        g_string_append_printf (out, "%s\n\n", reference);
      }
  else
    g_string_append (out, "::: {#refs}\n:::\n");

  if (references_json != NULL)
    *references_json = clipper_cite_write (citations, CLIPPER_CITE_FORMAT_CSL_JSON);

  return g_string_free (out, FALSE);
}

/**
 * clipper_report_write_pdf:
 * @markdown: a report from clipper_report_markdown() with formatted
 *   citations
 *
 * Typesets the report: CommonMark read by cmark, laid out by the PDF
 * writer like an article, with its outline and links.
 */
gboolean
clipper_report_write_pdf (ClipperStore  *store,
                          const char    *markdown,
                          const char    *title,
                          ClipperPaper   paper,
                          const char    *path,
                          gboolean       overwrite,
                          GError       **error)
{
  g_autoptr(ClipperClipping) clipping = clipper_clipping_new ();
  g_autoptr(GPtrArray) highlights = g_ptr_array_new ();
  g_autoptr(GPtrArray) documents = g_ptr_array_new_with_free_func ((GDestroyNotify)clipper_document_free);
  ClipperExportOptions options = { CLIPPER_FORMAT_PDF, CLIPPER_EXPORT_ARTICLE, CLIPPER_MARK_EMPHASIS, FALSE, overwrite,
                                   paper };
  const char *body = markdown;
  char *html;

  /* The title heads the page as a clipping's does; the body follows. */
  if (g_str_has_prefix (body, "# "))
    {
      body = strchr (body, '\n');
      body = body ? body + 1 : "";
    }

  html = cmark_markdown_to_html (body, strlen (body), CMARK_OPT_DEFAULT);
  clipper_clipping_set_title (clipping, title);
  clipper_clipping_set_content (clipping, html);
  clipper_clipping_set_is_article (clipping, TRUE);
  /* cmark allocates with the C library's malloc. */
  free (html);

  g_ptr_array_add (documents, clipper_document_new (clipping, highlights, NULL));
  return clipper_export_write_pdf (store, documents, &options, path, overwrite, error);
}
