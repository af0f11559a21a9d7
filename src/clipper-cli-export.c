/* clipper-cli-export.c
 *
 * Copyright 2026 The Clipper authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The export verb: Markdown or PDF, one file or a folder; or the
 * clippings' citations as CSL-JSON, BibTeX or RIS.
 */

#define G_LOG_DOMAIN "clipper-cli"

#include "config.h"

#include <glib/gi18n.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "clipper-annotations.h"
#include "clipper-cite-formats.h"
#include "clipper-cli-private.h"
#include "clipper-csl.h"
#include "clipper-export.h"
#include "clipper-file.h"
#include "clipper-store.h"

/* @text to @output or, without one, to standard output, for a pipe or
 * a redirection. */
static int
write_text (const char *text,
            const char *output,
            gboolean    force)
{
  GError *error = NULL;

  if (output == NULL)
    {
      fputs (text, stdout);
      return EXIT_SUCCESS;
    }

  if (!clipper_file_write (output, text, strlen (text), force, &error))
    return clipper_cli_fail (error);
  g_print ("%s\n", output);
  return EXIT_SUCCESS;
}

/* The annotations of @ids in @format, one file. */
static int
export_annotations (ClipperStore            *store,
                    GArray                  *ids,
                    ClipperAnnotationFormat  format,
                    const char              *output,
                    gboolean                 force)
{
  g_autofree char *text = NULL;
  GError *error = NULL;

  if (!(text = clipper_annotations_write (store, (const gint64 *)(gpointer)ids->data, ids->len, format, &error)))
    return clipper_cli_fail (error);
  return write_text (text, output, force);
}

/* The citations of @ids in @format, or formatted in @style (one reference
 * a line), to @output or, without one, to standard output, for a pipe or
 * a redirection. */
static int
export_citations (ClipperStore      *store,
                  GArray            *ids,
                  ClipperCiteFormat  format,
                  const char        *style,
                  const char        *output,
                  gboolean           force)
{
  g_autoptr(GPtrArray) citations = NULL;
  g_autofree char *text = NULL;
  GError *error = NULL;

  if (!(citations = clipper_store_list_citations (store, (const gint64 *)(gpointer)ids->data, ids->len, &error)))
    return clipper_cli_fail (error);

  if (style != NULL)
    {
      g_autoptr(ClipperCslOutput) formatted = clipper_csl_format (citations, style, "text", &error);
      GString *lines = g_string_new (NULL);

      if (formatted == NULL)
        return clipper_cli_fail (error);
      for (guint i = 0; i < formatted->references->len; i++)
        g_string_append_printf (lines, "%s\n", (char *)g_ptr_array_index (formatted->references, i));
      text = g_string_free (lines, FALSE);
    }
  else
    text = clipper_cite_write (citations, format);
  return write_text (text, output, force);
}

int
clipper_cli_run_export (int    argc,
                        char **argv)
{
  g_autoptr(ClipperStore) store = NULL;
  g_autoptr(GArray) ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_autoptr(GPtrArray) written = NULL;
  g_autofree char *format = NULL;
  g_autofree char *content = NULL;
  g_autofree char *output = NULL;
  g_autofree char *paper = NULL;
  g_autofree char *marks = NULL;
  g_autofree char *search = NULL;
  g_autofree char *style = NULL;
  ClipperCiteFormat cite_format = CLIPPER_CITE_FORMAT_CSL_JSON;
  ClipperAnnotationFormat annotation_format = CLIPPER_ANNOTATIONS_W3C;
  gboolean citations = FALSE;
  gboolean annotations = FALSE;
  gboolean all = FALSE;
  gboolean assets = FALSE;
  gboolean force = FALSE;
  ClipperExportOptions options = { 0 };
  GError *error = NULL;
  int status;
  const GOptionEntry entries[] = {
    { "all", 'a', 0, G_OPTION_ARG_NONE, &all, N_("Export every clipping"), NULL },
    { "search", 's', 0, G_OPTION_ARG_STRING, &search,
      N_("Export the clippings a search finds (the search box’s words and filters)"), N_("QUERY") },
    { "format", 'f', 0, G_OPTION_ARG_STRING, &format,
      N_("md, pdf, epub (a book for e-readers); csl-json, bibtex, ris or references (formatted, with --style) "
         "for their citations; "
         "w3c, hypothesis or readwise for their annotations"),
      N_("FORMAT") },
    { "style", 0, 0, G_OPTION_ARG_STRING, &style,
      N_("With --format references: the CSL style (apa, chicago, another style’s name or a .csl file)"),
      N_("STYLE") },
    { "content", 'c', 0, G_OPTION_ARG_STRING, &content,
      N_("highlights (a report) or article (the whole text); default: highlights"), N_("CONTENT") },
    { "output", 'o', 0, G_OPTION_ARG_FILENAME, &output,
      N_("A folder (one file per clipping) or a file (one combined file)"), N_("PATH") },
    { "paper", 0, 0, G_OPTION_ARG_STRING, &paper, N_("a4 or letter (PDF)"), N_("PAPER") },
    { "marks", 0, 0, G_OPTION_ARG_STRING, &marks,
      N_("How highlights show in the article: emphasis or highlight (==text==)"), N_("STYLE") },
    { "assets", 0, 0, G_OPTION_ARG_NONE, &assets,
      N_("Write stored images into an assets folder beside the Markdown"), NULL },
    { "force", 0, 0, G_OPTION_ARG_NONE, &force, N_("Replace an existing output file"), NULL },
    { NULL }
  };

  if (!clipper_cli_parse_options ("export", entries, &argc, &argv, 0, -1, &status))
    return status;

  if (format == NULL)
    return clipper_cli_usage_error (_("Say which format with --format md or --format pdf."));
  citations = clipper_cite_format_from_name (format, &cite_format) || g_str_equal (format, "references");
  annotations = clipper_annotation_format_from_name (format, &annotation_format);
  if (g_str_equal (format, "references") != (style != NULL))
    return clipper_cli_usage_error (_("--format references needs --style, and --style needs --format references."));
  if (g_str_equal (format, "md") || g_str_equal (format, "markdown"))
    options.format = CLIPPER_FORMAT_MARKDOWN;
  else if (g_str_equal (format, "pdf"))
    options.format = CLIPPER_FORMAT_PDF;
  else if (g_str_equal (format, "epub"))
    options.format = CLIPPER_FORMAT_EPUB;
  else if (!citations && !annotations)
    return clipper_cli_usage_error (_("“%s” is not a format; use md, pdf, epub, csl-json, bibtex, ris, references, "
                                      "w3c, hypothesis or readwise."),
                                    format);

  if (content == NULL || g_str_equal (content, "highlights"))
    options.content = CLIPPER_EXPORT_HIGHLIGHTS;
  else if (g_str_equal (content, "article"))
    options.content = CLIPPER_EXPORT_ARTICLE;
  else
    return clipper_cli_usage_error (_("“%s” is not a content; use highlights or article."), content);

  if (marks == NULL || g_str_equal (marks, "emphasis"))
    options.marks = CLIPPER_MARK_EMPHASIS;
  else if (g_str_equal (marks, "highlight"))
    options.marks = CLIPPER_MARK_HIGHLIGHT;
  else
    return clipper_cli_usage_error (_("“%s” is not a style; use emphasis or highlight."), marks);

  if (paper != NULL && !g_str_equal (paper, "a4") && !g_str_equal (paper, "letter"))
    return clipper_cli_usage_error (_("“%s” is not a paper size; use a4 or letter."), paper);

  options.assets = assets;
  options.overwrite = force;
  options.paper = paper && g_str_equal (paper, "letter") ? CLIPPER_PAPER_LETTER : CLIPPER_PAPER_A4;

  if ((all ? 1 : 0) + (argc > 1 ? 1 : 0) + (search ? 1 : 0) > 1)
    return clipper_cli_usage_error (_("Give clipping ids, --all or --search, only one of them."));
  if (!all && !search && argc < 2)
    return clipper_cli_usage_error (_("Say which clippings to export, or --all."));

  if (!clipper_cli_parse_ids (argv + 1, argc - 1, ids, &error))
    return clipper_cli_fail (error);

  if (!(store = clipper_cli_open_store (&error)))
    return clipper_cli_fail (error);

  if (all)
    {
      g_autoptr(GPtrArray) clippings = clipper_store_list_clippings (store, &error);

      if (clippings == NULL)
        return clipper_cli_fail (error);
      for (guint i = clippings->len; i > 0; i--)
        {
          gint64 id = clipper_clipping_get_id (g_ptr_array_index (clippings, i - 1));

          g_array_append_val (ids, id);
        }
      if (ids->len == 0)
        return clipper_cli_usage_error (_("The library has no clippings to export."));
    }

  if (search != NULL)
    {
      g_autoptr(ClipperQuery) query = NULL;
      g_autoptr(GPtrArray) results = NULL;

      if (!g_utf8_validate (search, -1, NULL))
        return clipper_cli_usage_error (_("A search must be valid UTF-8."));
      query = clipper_query_parse (search);
      if (!(results = clipper_store_search (store, query, CLIPPER_SORT_CLIPPED, 0, &error)))
        return clipper_cli_fail (error);
      for (guint i = 0; i < results->len; i++)
        {
          ClipperSearchResult *result = g_ptr_array_index (results, i);
          gint64 id = clipper_clipping_get_id (result->clipping);

          g_array_append_val (ids, id);
        }
      if (ids->len == 0)
        {
          g_printerr (_("Nothing matches “%s”; nothing was exported.\n"), search);
          return EXIT_FAILURE;
        }
    }

  if (citations)
    return export_citations (store, ids, cite_format, style, output, force);
  if (annotations)
    return export_annotations (store, ids, annotation_format, output, force);

  if (!(written = clipper_export_run (store, ids, output, &options, &error)))
    return clipper_cli_fail (error);

  for (guint i = 0; i < written->len; i++)
    g_print ("%s\n", (char *)g_ptr_array_index (written, i));

  return EXIT_SUCCESS;
}

