/* hostile-bench.c
 *
 * Copyright 2026 The Clipper authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Pages and highlights made to cost as much as they can: many attributes
 * on one element, very large pages, a long highlight re-anchored by
 * approximate match, a title that is one unbroken word. Each case prints
 * its median time over the runs; the extraction cases also the ratio to
 * libxml2's parse of the same page, which is what "linear" is measured
 * against.
 *
 *   hostile-bench [--runs N]
 */

#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "clipper-anchor.h"
#include "clipper-capture.h"
#include "clipper-document.h"
#include "clipper-extractor.h"
#include "clipper-html.h"
#include "clipper-pdf-writer.h"

static int
compare_doubles (gconstpointer a,
                 gconstpointer b)
{
  double x = *(const double *)a;
  double y = *(const double *)b;

  return x < y ? -1 : x > y;
}

static double
median (GArray *times)
{
  g_array_sort (times, compare_doubles);
  return g_array_index (times, double, times->len / 2);
}

static const char *words[] = {
  "the", "glacier", "retreated", "faster", "than", "any", "model", "had", "predicted,", "and",
  "scientists", "who", "measured", "it", "every", "summer", "since", "1998", "said", "that",
  "melting", "ice", "shelves", "expose", "the", "coast", "to", "storms.", "Fishermen", "noticed",
};

/* Words in an order that never repeats itself, the same every run. */
static void
append_words (GString *out,
              guint    count,
              guint    seed)
{
  g_autoptr(GRand) rand = g_rand_new_with_seed (seed);

  for (guint i = 0; i < count; i++)
    {
      g_string_append (out, words[g_rand_int_range (rand, 0, G_N_ELEMENTS (words))]);
      g_string_append_c (out, ' ');
    }
}

/* An article of @size bytes or so, with the nesting of a real page. */
static char *
make_page (gsize size)
{
  GString *page = g_string_new ("<html><head><title>A long read</title></head><body>"
                                "<header><nav><a href=\"/\">Home</a></nav></header><main><article>");
  guint n = 0;

  while (page->len < size)
    {
      g_string_append_printf (page, "<section class=\"part-%u\"><h2>Part %u</h2><div class=\"text\">", n, n);
      for (guint p = 0; p < 6; p++)
        {
          g_string_append (page, "<p>");
          append_words (page, 60, n * 6 + p);
          g_string_append (page, "<a href=\"/more\">more</a></p>");
        }
      g_string_append (page, "</div><aside class=\"share\"><a href=\"#\">Share</a></aside></section>");
      n++;
    }
  g_string_append (page, "</article></main><footer>Footer</footer></body></html>");
  return g_string_free (page, FALSE);
}

static double
time_extract (const char *page,
              gsize       length,
              double     *parse_seconds)
{
  gint64 start = g_get_monotonic_time ();
  g_autoptr(ClipperArticle) article = NULL;
  g_autoptr(xmlDoc) doc = NULL;

  article = clipper_extractor_extract (page, length, "https://example.org/a", NULL);
  start = g_get_monotonic_time () - start;

  if (parse_seconds != NULL)
    {
      gint64 parse_start = g_get_monotonic_time ();

      doc = clipper_html_parse (page, length, "UTF-8");
      *parse_seconds = (g_get_monotonic_time () - parse_start) / 1e6;
    }
  return start / 1e6;
}

static void
bench_attributes (guint runs,
                  guint count)
{
  g_autoptr(GString) page = g_string_new ("<html><body><article><p");
  g_autoptr(GArray) times = g_array_new (FALSE, FALSE, sizeof (double));

  for (guint i = 0; i < count; i++)
    g_string_append_printf (page, " a%u=\"%u\"", i, i);
  g_string_append (page, ">A paragraph, long enough to be an article, with commas, and words.</p></article></body></html>");

  for (guint r = 0; r < runs; r++)
    {
      double seconds = time_extract (page->str, page->len, NULL);

      g_array_append_val (times, seconds);
    }
  g_print ("attributes: %u on one element (%.1f MB): extract %.3f s\n", count, page->len / 1e6, median (times));
}

static void
bench_large_page (guint runs,
                  gsize size)
{
  g_autofree char *page = make_page (size);
  g_autoptr(GArray) ratios = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) times = g_array_new (FALSE, FALSE, sizeof (double));

  for (guint r = 0; r < runs; r++)
    {
      double parse;
      double seconds = time_extract (page, strlen (page), &parse);
      double ratio = seconds / parse;

      g_array_append_val (times, seconds);
      g_array_append_val (ratios, ratio);
    }
  g_print ("large page: %.1f MB: extract %.3f s, %.2f× the parse\n", strlen (page) / 1e6,
           median (times), median (ratios));
}

static void
bench_reanchor (guint runs,
                guint quote_length)
{
  g_autoptr(GString) text = g_string_new (NULL);
  g_autoptr(GString) edited = NULL;
  g_autoptr(ClipperAnchorText) before = NULL;
  g_autoptr(ClipperAnchorText) after = NULL;
  g_autoptr(ClipperSelector) selector = NULL;
  g_autoptr(GArray) times = g_array_new (FALSE, FALSE, sizeof (double));
  gsize from;

  while (text->len < 33000)
    {
      append_words (text, 80, text->len);
      g_string_append (text, "\n\n");
    }
  before = clipper_anchor_text_new (text->str);
  from = 15000;
  selector = clipper_selector_new (before, from, from + quote_length);

  /* The page changed: text before it, and a word in every 100 characters
   * of the quote. */
  edited = g_string_new (text->str);
  g_string_insert (edited, 100, "A new opening sentence was added by the editors. ");
  for (gsize at = from + 120; at < from + quote_length; at += 100)
    edited->str[at] = edited->str[at] == 'x' ? 'y' : 'x';
  after = clipper_anchor_text_new (edited->str);

  for (guint r = 0; r < runs; r++)
    {
      gint64 start = g_get_monotonic_time ();
      gint64 found_start, found_end;
      ClipperAnchorMatch match = clipper_anchor_locate (after, selector, &found_start, &found_end);
      double seconds = (g_get_monotonic_time () - start) / 1e6;

      if (match != CLIPPER_ANCHOR_FUZZY)
        g_error ("re-anchored by %d, at %" G_GINT64_FORMAT "–%" G_GINT64_FORMAT, match, found_start, found_end);
      g_array_append_val (times, seconds);
    }
  g_print ("re-anchor: a %u-character highlight in %.0f KB, edited: %.3f s\n", quote_length,
           edited->len / 1e3, median (times));
}

static void
bench_long_title (guint runs,
                  guint length)
{
  g_autoptr(GArray) times = g_array_new (FALSE, FALSE, sizeof (double));
  g_autofree char *title = g_malloc (length + 1);
  g_autoptr(GRand) rand = g_rand_new_with_seed (length);
  g_autofree char *page = NULL;

  /* Letters at random: no break opportunity anywhere. */
  for (guint i = 0; i < length; i++)
    title[i] = 'a' + g_rand_int_range (rand, 0, 26);
  title[length] = '\0';
  page = g_strdup_printf ("<html><head><title>t</title></head><body><article><p>A paragraph long "
                          "enough to count as an article, with commas, and words.</p></article></body></html>");

  for (guint r = 0; r < runs; r++)
    {
      g_autoptr(ClipperClipping) clipping = clipper_capture_page (page, strlen (page), "https://example.org/", NULL, NULL);
      g_autoptr(GPtrArray) documents = g_ptr_array_new_with_free_func ((GDestroyNotify)clipper_document_free);
      g_autoptr(GOutputStream) stream = g_memory_output_stream_new_resizable ();
      gint64 start;
      double seconds;

      clipper_clipping_set_title (clipping, title);
      g_ptr_array_add (documents, clipper_document_new (clipping, NULL, NULL));
      start = g_get_monotonic_time ();
      g_assert (clipper_pdf_write (documents, NULL, CLIPPER_EXPORT_ARTICLE, CLIPPER_PAPER_A4, stream, NULL));
      seconds = (g_get_monotonic_time () - start) / 1e6;
      g_array_append_val (times, seconds);
    }
  g_print ("PDF: a title of one %u-character word: %.3f s\n", length, median (times));
}

int
main (int   argc,
      char *argv[])
{
  guint runs = 3;

  for (int i = 1; i < argc; i++)
    if (g_str_equal (argv[i], "--runs") && i + 1 < argc)
      runs = (guint)MAX (1, atoi (argv[i + 1])), i++;

  bench_attributes (runs, 40000);
  bench_attributes (1, 1000000);
  bench_large_page (runs, 200 * 1024);
  bench_large_page (runs, 2 * 1024 * 1024);
  bench_large_page (runs, 10 * 1024 * 1024);
  bench_reanchor (runs, 1500);
  bench_long_title (runs, 131000);
  return 0;
}
