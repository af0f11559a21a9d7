/* clipper-cli-report.c
 *
 * Copyright 2026 The Clipper authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The report verb: the clippings a search finds, in one cited document.
 */

#define G_LOG_DOMAIN "clipper-cli"

#include "config.h"

#include <glib/gi18n.h>
#include <stdlib.h>
#include <string.h>

#include "clipper-cli-private.h"
#include "clipper-file.h"
#include "clipper-report.h"
#include "clipper-store.h"

int
clipper_cli_run_report (int    argc,
                        char **argv)
{
  g_autoptr(ClipperStore) store = NULL;
  g_autoptr(ClipperQuery) query = NULL;
  g_autoptr(GPtrArray) results = NULL;
  g_autoptr(GArray) ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_autofree char *group_by = NULL;
  g_autofree char *style = NULL;
  g_autofree char *format = NULL;
  g_autofree char *citations = NULL;
  g_autofree char *title = NULL;
  g_autofree char *introduction = NULL;
  g_autofree char *output = NULL;
  g_autofree char *paper = NULL;
  gboolean pdf = FALSE;
  g_autofree char *text = NULL;
  g_autofree char *markdown = NULL;
  g_autofree char *references = NULL;
  g_auto(GStrv) id_args = NULL;
  gboolean all = FALSE;
  gboolean force = FALSE;
  ClipperReportOptions options = { 0 };
  GError *error = NULL;
  int status;
  const GOptionEntry entries[] = {
    { "all", 'a', 0, G_OPTION_ARG_NONE, &all, N_("Report on every clipping"), NULL },
    { "id", 0, 0, G_OPTION_ARG_STRING_ARRAY, &id_args, N_("Report on this clipping (repeatable)"), N_("ID") },
    { "group-by", 'g', 0, G_OPTION_ARG_STRING, &group_by,
      N_("clipping (each in turn; the default), tag or color (the highlights gathered)"), N_("GROUPING") },
    { "style", 0, 0, G_OPTION_ARG_STRING, &style,
      N_("The CSL style: apa (the default), chicago, another style’s name or a .csl file"), N_("STYLE") },
    { "format", 'f', 0, G_OPTION_ARG_STRING, &format, N_("md (the default) or pdf"), N_("FORMAT") },
    { "paper", 0, 0, G_OPTION_ARG_STRING, &paper, N_("a4 or letter (PDF)"), N_("PAPER") },
    { "citations", 0, 0, G_OPTION_ARG_STRING, &citations,
      N_("formatted (the default) or pandoc ([@key] citations and a references.json beside the report)"),
      N_("CITATIONS") },
    { "title", 't', 0, G_OPTION_ARG_STRING, &title, N_("The report’s title"), N_("TITLE") },
    { "introduction", 'i', 0, G_OPTION_ARG_STRING, &introduction,
      N_("A paragraph before the clippings (Markdown)"), N_("TEXT") },
    { "output", 'o', 0, G_OPTION_ARG_FILENAME, &output, N_("The file to write"), N_("PATH") },
    { "force", 0, 0, G_OPTION_ARG_NONE, &force, N_("Replace an existing output file"), NULL },
    { NULL }
  };

  if (!clipper_cli_parse_options ("report", entries, &argc, &argv, 0, -1, &status))
    return status;

  if (group_by == NULL || g_str_equal (group_by, "clipping"))
    options.group_by = CLIPPER_REPORT_BY_CLIPPING;
  else if (g_str_equal (group_by, "tag"))
    options.group_by = CLIPPER_REPORT_BY_TAG;
  else if (g_str_equal (group_by, "color") || g_str_equal (group_by, "colour"))
    options.group_by = CLIPPER_REPORT_BY_COLOR;
  else
    return clipper_cli_usage_error (_("“%s” is not a grouping; use clipping, tag or color."), group_by);

  if (citations == NULL || g_str_equal (citations, "formatted"))
    options.citations = CLIPPER_REPORT_CITATIONS_FORMATTED;
  else if (g_str_equal (citations, "pandoc"))
    options.citations = CLIPPER_REPORT_CITATIONS_PANDOC;
  else
    return clipper_cli_usage_error (_("“%s” is not a kind of citations; use formatted or pandoc."), citations);

  if (format != NULL && g_str_equal (format, "pdf"))
    pdf = TRUE;
  else if (format != NULL && !g_str_equal (format, "md") && !g_str_equal (format, "markdown"))
    return clipper_cli_usage_error (_("“%s” is not a report format; use md or pdf."), format);
  if (pdf && options.citations == CLIPPER_REPORT_CITATIONS_PANDOC)
    return clipper_cli_usage_error (_("A PDF report has formatted citations; pandoc citations are for Markdown."));
  if (paper != NULL && !g_str_equal (paper, "a4") && !g_str_equal (paper, "letter"))
    return clipper_cli_usage_error (_("“%s” is not a paper size; use a4 or letter."), paper);

  if (output == NULL)
    return clipper_cli_usage_error (_("Say where to write the report with --output."));
  if ((all ? 1 : 0) + (argc > 1 ? 1 : 0) + (id_args != NULL ? 1 : 0) != 1)
    return clipper_cli_usage_error (_("Say what to report on: search words and filters, --id, or --all."));

  for (int i = 1; i < argc; i++)
    if (!g_utf8_validate (argv[i], -1, NULL))
      return clipper_cli_usage_error (_("A search must be valid UTF-8."));

  options.title = title;
  options.introduction = introduction;
  options.style = style ? style : "apa";

  if (!(store = clipper_cli_open_store (&error)))
    return clipper_cli_fail (error);

  /* Chosen clippings come in the order chosen; a search's, oldest first. */
  for (guint i = 0; id_args != NULL && id_args[i] != NULL; i++)
    {
      gint64 id;
      g_autoptr(ClipperClipping) clipping = NULL;

      if (!clipper_cli_parse_id (id_args[i], &id, &error) ||
          !(clipping = clipper_store_find_clipping (store, id, &error)))
        return clipper_cli_fail (error);
      g_array_append_val (ids, id);
    }

  text = all ? g_strdup ("") : g_strjoinv (" ", argv + 1);
  if (id_args == NULL)
    {
      query = clipper_query_parse (text);
      /* Every clipping is every one, the archived too. */
      query->with_archived = all;
      if (!(results = clipper_store_search (store, query, CLIPPER_SORT_CLIPPED, 0, &error)))
        return clipper_cli_fail (error);
      for (guint i = results->len; i > 0; i--)
        {
          ClipperSearchResult *result = g_ptr_array_index (results, i - 1);
          gint64 id = clipper_clipping_get_id (result->clipping);

          g_array_append_val (ids, id);
        }
    }
  if (ids->len == 0)
    {
      g_printerr (_("Nothing matches “%s”; no report was written.\n"), text);
      return EXIT_FAILURE;
    }

  if (!(markdown = clipper_report_markdown (store, ids, &options,
                                            options.citations == CLIPPER_REPORT_CITATIONS_PANDOC ? &references : NULL,
                                            &error)))
    return clipper_cli_fail (error);

  if (pdf)
    {
      if (!clipper_report_write_pdf (store, markdown, title ? title : _("Report"),
                                     paper && g_str_equal (paper, "letter") ? CLIPPER_PAPER_LETTER : CLIPPER_PAPER_A4,
                                     output, force, &error))
        return clipper_cli_fail (error);
    }
  else if (!clipper_file_write (output, markdown, strlen (markdown), force, &error))
    return clipper_cli_fail (error);
  g_print ("%s\n", output);

  if (references != NULL)
    {
      g_autofree char *dir = g_path_get_dirname (output);
      g_autofree char *path = g_build_filename (dir, "references.json", NULL);

      /* The bibliography pandoc reads beside the report: always current. */
      if (!clipper_file_write (path, references, strlen (references), TRUE, &error))
        return clipper_cli_fail (error);
      g_print ("%s\n", path);
    }

  return EXIT_SUCCESS;
}
