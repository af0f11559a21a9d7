/* export-bench.c
 *
 * Copyright 2026 The Clipper authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Export speed: 1,000 clippings with 20 highlights each to Markdown (one
 * file per clipping), and one clipping with 500 highlights to PDF. Wall
 * time of clipper_export_run, reading the library included; the median
 * of --runs runs.
 *
 *   export-bench [--runs N]
 */

#include "config.h"

#include <glib/gstdio.h>
#include <stdlib.h>
#include <string.h>

#include "clipper-anchor.h"
#include "clipper-csl.h"
#include "clipper-export.h"
#include "clipper-report.h"

static const char *words[] = {
  "alliance", "defence", "spending", "minister", "security", "guarantee", "troops", "border",
  "negotiation", "settlement", "report", "analysts", "budget", "summit", "capital", "pledge",
  "the", "of", "and", "to", "a", "in", "that", "was", "for", "with", "on", "by", "said", "would",
};

/* Authors and dates as a real library has them: many, and varied. */
static const char *given[] = { "Maria", "Tom", "Aisha", "Kenji", "Olga", "Pedro", "Grace", "Lars", "Nadia" };
static const char *family[] = {
  "Lopez", "Becker", "Okafor", "Tanaka", "Ivanova", "Silva", "Mensah", "Nilsson", "Haddad", "Moreau",
  "Kowalski", "Fischer", "Rossi", "Novak", "Kim", "Singh", "Dubois", "Jansen", "Costa", "Horvat",
  "Walsh", "Berg", "Sato", "Khan", "Murphy", "Weber", "Ortiz", "Petrov", "Lee", "Nagy",
};

static char *
make_article (guint seed,
              guint paragraphs)
{
  GString *html = g_string_new ("<h2>Background</h2>");
  GRand *rand = g_rand_new_with_seed (seed);

  for (guint p = 0; p < paragraphs; p++)
    {
      g_string_append_printf (html, "<p>Paragraph %u of article %u: ", p, seed);
      for (guint w = 0; w < 90; w++)
        g_string_append_printf (html, "%s%s", words[g_rand_int_range (rand, 0, G_N_ELEMENTS (words))],
                                w % 17 == 16 ? ", " : " ");
      g_string_append (html, "end.</p>");
    }

  g_rand_free (rand);
  return g_string_free (html, FALSE);
}

static void
add_highlights (ClipperStore *store,
                gint64        id,
                const char   *content,
                guint         count,
                guint         paragraphs)
{
  g_autoptr(ClipperAnchorText) text = clipper_anchor_text_new_from_html (content);

  for (guint i = 0; i < count; i++)
    {
      g_autofree char *quote = g_strdup_printf ("Paragraph %u of article", (i * paragraphs / count));
      g_autoptr(ClipperHighlight) highlight = clipper_highlight_new ();
      g_autoptr(ClipperSelector) selector = NULL;
      gint64 start, end;

      if (clipper_anchor_find_quote (text, quote, NULL, NULL, &start, &end) != 1)
        continue;
      selector = clipper_selector_new (text, start, end + 40);
      clipper_highlight_set_clipping_id (highlight, id);
      clipper_highlight_set_color (highlight, clipper_highlight_get_colors ()[i % 5]);
      clipper_highlight_set_selector (highlight, selector);
      if (i % 2 == 0)
        clipper_highlight_set_note (highlight, "A note with *Markdown* and a second\nline.");
      clipper_store_add_highlight (store, highlight, NULL);
    }
}

static int
compare (gconstpointer a,
         gconstpointer b)
{
  double x = *(const double *)a, y = *(const double *)b;

  return x < y ? -1 : x > y;
}

static double
median (GArray *times)
{
  g_array_sort (times, compare);
  return g_array_index (times, double, times->len / 2);
}

static void
remove_tree (const char *path)
{
  g_autoptr(GDir) dir = g_dir_open (path, 0, NULL);
  const char *name;

  while (dir && (name = g_dir_read_name (dir)))
    {
      g_autofree char *child = g_build_filename (path, name, NULL);

      if (g_file_test (child, G_FILE_TEST_IS_DIR))
        remove_tree (child);
      else
        g_unlink (child);
    }
  g_rmdir (path);
}

int
main (int   argc,
      char *argv[])
{
  g_autofree char *dir = g_dir_make_tmp ("clipper-export-bench-XXXXXX", NULL);
  g_autofree char *library = g_build_filename (dir, "library.db", NULL);
  g_autoptr(ClipperStore) store = NULL;
  g_autoptr(GArray) ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_autoptr(GArray) big = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_autoptr(GArray) md_times = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) article_times = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) pdf_times = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) report_md_times = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) report_pdf_times = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) bibliography_times = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GError) error = NULL;
  int runs = argc > 2 && g_str_equal (argv[1], "--runs") ? MAX (1, atoi (argv[2])) : 3;

  /* The citation module, from the build tree unless said otherwise. */
  g_setenv ("CLIPPER_MODULE_DIR", BENCH_MODULE_DIR, FALSE);
  g_setenv ("CLIPPER_CSL_HELPER", BENCH_MODULE_DIR "/clipper-csl", FALSE);

  store = clipper_store_open (library, &error);
  g_assert_no_error (error);

  g_print ("Filling a library with 1,000 clippings × 20 highlights…\n");
  for (guint i = 0; i < 1000; i++)
    {
      g_autoptr(ClipperClipping) clipping = clipper_clipping_new ();
      g_autofree char *content = make_article (i, 20);
      g_autofree char *title = g_strdup_printf ("Article number %u about defence", i);
      gint64 id;

      g_autofree char *byline = g_strdup_printf ("%s %s", given[i % G_N_ELEMENTS (given)],
                                                 family[(i / 7) % G_N_ELEMENTS (family)]);
      g_autofree char *published = g_strdup_printf ("20%02u-%02u-%02u", 10 + i % 16, 1 + i % 12, 1 + i % 28);
      g_autofree char *url = g_strdup_printf ("https://news.example.org/article/%u", i);

      clipper_clipping_set_title (clipping, title);
      clipper_clipping_set_byline (clipping, byline);
      clipper_clipping_set_published (clipping, published);
      clipper_clipping_set_site_name (clipping, "The Example News");
      clipper_clipping_set_url (clipping, url);
      clipper_clipping_set_content (clipping, content);
      id = clipper_store_add_clipping (store, clipping, &error);
      g_assert_no_error (error);
      add_highlights (store, id, content, 20, 20);
      g_array_append_val (ids, id);
    }

  {
    g_autoptr(ClipperClipping) clipping = clipper_clipping_new ();
    g_autofree char *content = make_article (424242, 520);
    gint64 id;

    clipper_clipping_set_title (clipping, "A long article with 500 highlights");
    clipper_clipping_set_url (clipping, "https://news.example.org/long");
    clipper_clipping_set_content (clipping, content);
    id = clipper_store_add_clipping (store, clipping, &error);
    add_highlights (store, id, content, 500, 520);
    g_array_append_val (big, id);
  }

  for (int run = 0; run < runs; run++)
    {
      g_autofree char *out = g_strdup_printf ("%s/md-%d/", dir, run);
      g_autofree char *article_out = g_strdup_printf ("%s/article-%d/", dir, run);
      g_autofree char *pdf = g_strdup_printf ("%s/big-%d.pdf", dir, run);
      ClipperExportOptions md = { CLIPPER_FORMAT_MARKDOWN, CLIPPER_EXPORT_HIGHLIGHTS, CLIPPER_MARK_EMPHASIS, FALSE, FALSE, CLIPPER_PAPER_A4 };
      ClipperExportOptions article = md;
      ClipperExportOptions pdf_options = { CLIPPER_FORMAT_PDF, CLIPPER_EXPORT_ARTICLE, CLIPPER_MARK_EMPHASIS, FALSE, FALSE, CLIPPER_PAPER_A4 };
      g_autoptr(GPtrArray) written = NULL;
      gint64 start;
      double seconds;

      article.content = CLIPPER_EXPORT_ARTICLE;

      start = g_get_monotonic_time ();
      written = clipper_export_run (store, ids, out, &md, &error);
      g_assert_no_error (error);
      seconds = (g_get_monotonic_time () - start) / 1e6;
      g_array_append_val (md_times, seconds);
      g_clear_pointer (&written, g_ptr_array_unref);

      start = g_get_monotonic_time ();
      written = clipper_export_run (store, ids, article_out, &article, &error);
      g_assert_no_error (error);
      seconds = (g_get_monotonic_time () - start) / 1e6;
      g_array_append_val (article_times, seconds);
      g_clear_pointer (&written, g_ptr_array_unref);

      start = g_get_monotonic_time ();
      written = clipper_export_run (store, big, pdf, &pdf_options, &error);
      g_assert_no_error (error);
      seconds = (g_get_monotonic_time () - start) / 1e6;
      g_array_append_val (pdf_times, seconds);

      /* A report over the 1,000 clippings: JavaScriptCore's start, the
       * references and in-text citations of 1,000 items included. */
      {
        ClipperReportOptions report = { "Report", NULL, CLIPPER_REPORT_BY_CLIPPING, "apa",
                                        CLIPPER_REPORT_CITATIONS_FORMATTED };
        g_autofree char *markdown = NULL;
        g_autofree char *report_pdf = g_strdup_printf ("%s/report-%d.pdf", dir, run);

        start = g_get_monotonic_time ();
        markdown = clipper_report_markdown (store, ids, &report, NULL, &error);
        g_assert_no_error (error);
        seconds = (g_get_monotonic_time () - start) / 1e6;
        g_array_append_val (report_md_times, seconds);

        start = g_get_monotonic_time ();
        g_clear_pointer (&markdown, g_free);
        markdown = clipper_report_markdown (store, ids, &report, NULL, &error);
        g_assert_no_error (error);
        clipper_report_write_pdf (store, markdown, "Report", CLIPPER_PAPER_A4, report_pdf, FALSE, &error);
        g_assert_no_error (error);
        seconds = (g_get_monotonic_time () - start) / 1e6;
        g_array_append_val (report_pdf_times, seconds);
      }

      /* 1,000 references alone. */
      {
        g_autoptr(GPtrArray) citations = clipper_store_list_citations (store, (const gint64 *)(gpointer)ids->data,
                                                                       ids->len, &error);
        g_autoptr(ClipperCslOutput) formatted = NULL;

        g_assert_no_error (error);
        start = g_get_monotonic_time ();
        formatted = clipper_csl_format (citations, "apa", "text", &error);
        g_assert_no_error (error);
        g_assert_cmpuint (formatted->references->len, ==, 1000);
        seconds = (g_get_monotonic_time () - start) / 1e6;
        g_array_append_val (bibliography_times, seconds);
      }
    }

  g_print ("Markdown, 1,000 clippings, highlights and notes: median %.3f s\n", median (md_times));
  g_print ("Markdown, 1,000 clippings, full articles:       median %.3f s\n", median (article_times));
  g_print ("PDF, one article with 500 highlights:           median %.3f s\n", median (pdf_times));
  g_print ("Report, 1,000 clippings × 20 highlights, Markdown: median %.3f s\n", median (report_md_times));
  g_print ("Report, the same, PDF:                          median %.3f s\n", median (report_pdf_times));
  g_print ("Bibliography of 1,000 items, APA:               median %.3f s\n", median (bibliography_times));

  g_clear_object (&store);
  remove_tree (dir);
  return 0;
}
