/* search-bench.c
 *
 * Copyright 2026 The Clipper authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Search at library scale: fills a new library with 10,000 clippings of
 * about 800 words each (two tags and two highlights on every tenth), then
 * times typical searches and listings. Figures are medians of --runs
 * repetitions of each query.
 *
 *   search-bench [--clippings N] [--runs N]
 */

#include "config.h"

#include <glib/gstdio.h>
#include <stdlib.h>
#include <string.h>

#include "clipper-query.h"
#include "clipper-store.h"

static const char *common[] = {
  "the", "of", "and", "to", "a", "in", "that", "was", "for", "with", "on", "by", "said", "would",
  "report", "government", "minister", "security", "budget", "research", "climate", "energy",
};

/* A vocabulary with a long tail, as real libraries have: many words that
 * occur in a few clippings only. */
static char *
make_text (GRand *rand,
           guint  words)
{
  GString *text = g_string_new (NULL);

  for (guint w = 0; w < words; w++)
    {
      if (g_rand_int_range (rand, 0, 3) > 0)
        g_string_append (text, common[g_rand_int_range (rand, 0, G_N_ELEMENTS (common))]);
      else
        g_string_append_printf (text, "term%u", (guint)(g_rand_double (rand) * g_rand_double (rand) * 50000));
      g_string_append (text, w % 15 == 14 ? ". " : " ");
    }

  return g_string_free (text, FALSE);
}

static int
compare_doubles (gconstpointer a,
                 gconstpointer b)
{
  double x = *(const double *)a, y = *(const double *)b;

  return (x > y) - (x < y);
}

static void
time_query (ClipperStore *store,
            const char   *label,
            const char   *text,
            ClipperSort   sort,
            guint         limit,
            guint         runs)
{
  g_autoptr(ClipperQuery) query = clipper_query_parse (text);
  g_autoptr(GArray) times = g_array_new (FALSE, FALSE, sizeof (double));
  guint found = 0;

  for (guint r = 0; r < runs; r++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(GPtrArray) results = NULL;
      gint64 start = g_get_monotonic_time ();
      double ms;

      results = clipper_store_search (store, query, sort, limit, &error);
      if (results == NULL)
        g_error ("%s: %s", label, error->message);
      ms = (g_get_monotonic_time () - start) / 1000.0;
      g_array_append_val (times, ms);
      found = results->len;
    }

  g_array_sort (times, compare_doubles);
  g_print ("%-34s %6u results  median %7.2f ms\n", label, found,
           g_array_index (times, double, times->len / 2));
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GOptionContext) context = g_option_context_new ("— search benchmark");
  g_autoptr(GError) error = NULL;
  g_autoptr(ClipperStore) store = NULL;
  g_autofree char *dir = NULL;
  g_autofree char *path = NULL;
  g_autoptr(GRand) rand = g_rand_new_with_seed (42);
  const char *tag_names[] = { "policy", "energy", "europe", "reading", "draft", "sources" };
  int clippings = 10000;
  int runs = 9;
  gint64 start;
  GStatBuf st;
  const GOptionEntry entries[] = {
    { "clippings", 0, 0, G_OPTION_ARG_INT, &clippings, "Library size", "N" },
    { "runs", 0, 0, G_OPTION_ARG_INT, &runs, "Repetitions of each query", "N" },
    { NULL }
  };

  g_option_context_add_main_entries (context, entries, NULL);
  if (!g_option_context_parse (context, &argc, &argv, &error))
    g_error ("%s", error->message);

  dir = g_dir_make_tmp ("clipper-search-bench-XXXXXX", &error);
  g_assert_no_error (error);
  path = g_build_filename (dir, "library.db", NULL);
  store = clipper_store_open (path, &error);
  g_assert_no_error (error);

  start = g_get_monotonic_time ();
  for (int i = 0; i < clippings; i++)
    {
      g_autoptr(ClipperClipping) clipping = clipper_clipping_new ();
      g_autofree char *text = make_text (rand, 800);
      g_autofree char *title = make_text (rand, 8);
      g_autofree char *html = g_strdup_printf ("<p>%s</p>", text);
      g_autofree char *site = g_strdup_printf ("Site %u", i % 40);
      gint64 id;

      clipper_clipping_set_title (clipping, title);
      clipper_clipping_set_url (clipping, "https://example.org/article");
      clipper_clipping_set_site_name (clipping, site);
      clipper_clipping_set_content (clipping, html);
      clipper_clipping_set_text (clipping, text);
      clipper_clipping_set_clipped_at (clipping, 1700000000 + i * 600);
      if (i % 10 == 0)
        {
          const char *tags[] = { tag_names[i % 6], tag_names[(i / 10) % 6], NULL };

          clipper_clipping_set_tags (clipping, tags);
        }

      id = clipper_store_add_clipping (store, clipping, &error);
      g_assert_no_error (error);

      if (i % 10 == 0)
        for (guint h = 0; h < 2; h++)
          {
            g_autoptr(ClipperHighlight) highlight = clipper_highlight_new ();

            clipper_highlight_set_clipping_id (highlight, id);
            clipper_highlight_set_exact (highlight, "the report");
            clipper_highlight_set_color (highlight, h ? "green" : "yellow");
            clipper_highlight_set_note (highlight, "check this against the minister's statement");
            clipper_store_add_highlight (store, highlight, &error);
            g_assert_no_error (error);
          }
    }
  g_print ("filled %d clippings in %.1f s", clippings, (g_get_monotonic_time () - start) / 1e6);
  if (g_stat (path, &st) == 0)
    g_print (", library %.1f MiB", st.st_size / 1048576.0);
  g_print ("\n");

  time_query (store, "common word (limit 50)", "government", CLIPPER_SORT_CLIPPED, 50, runs);
  time_query (store, "rare word", "term40000", CLIPPER_SORT_CLIPPED, 50, runs);
  time_query (store, "prefix, as typed", "term123", CLIPPER_SORT_CLIPPED, 50, runs);
  time_query (store, "two words", "climate term17", CLIPPER_SORT_CLIPPED, 50, runs);
  time_query (store, "phrase", "\"the report\"", CLIPPER_SORT_CLIPPED, 50, runs);
  time_query (store, "word -exclusion", "energy -climate", CLIPPER_SORT_CLIPPED, 50, runs);
  time_query (store, "tag filter", "tag:policy", CLIPPER_SORT_CLIPPED, 0, runs);
  time_query (store, "word + colour filter", "minister color:green", CLIPPER_SORT_CLIPPED, 50, runs);
  time_query (store, "whole library by date", "", CLIPPER_SORT_CLIPPED, 0, runs);
  time_query (store, "whole library by title", "", CLIPPER_SORT_TITLE, 0, runs);
  time_query (store, "first page by site", "", CLIPPER_SORT_SITE, 50, runs);

  g_clear_object (&store);
  {
    const char *suffixes[] = { "", "-wal", "-shm" };

    for (guint i = 0; i < G_N_ELEMENTS (suffixes); i++)
      {
        g_autofree char *file = g_strconcat (path, suffixes[i], NULL);
        g_unlink (file);
      }
    g_rmdir (dir);
  }

  return EXIT_SUCCESS;
}
