/* search-bench.c
 *
 * Copyright 2026 The Clipper authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Search at library scale: 50 varied searches over a generated library
 * (10,000 clippings of about 3,000 words, 100,000 highlights, by default),
 * timed the two ways Clipper runs them:
 *
 *   cli     clipper_store_search() with a limit of 50 and snippets, as
 *           `clipper search` does
 *   window  the ids of the ranked matches in order, then the first page
 *           of rows with their snippets, as the library list does before
 *           it shows anything; then, apart, the ids of the older matches
 *           of a broad search, which the list appends afterwards
 *
 * Each search runs --runs times and counts with its median; the report
 * gives the median and 95th percentile over the 50 searches.
 *
 *   search-bench [--library PATH] [--clippings N] [--highlights N] [--runs N] [--verbose]
 */

#include "config.h"

#include <stdlib.h>

#include "bench-library.h"
#include "clipper-query.h"

#define FIRST_PAGE 24 /* the library model's page */

typedef gsize (*Search) (ClipperStore *store, const ClipperQuery *query);

static gsize
search_cli (ClipperStore       *store,
            const ClipperQuery *query)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) results = clipper_store_search (store, query, CLIPPER_SORT_CLIPPED, 50, &error);

  if (results == NULL)
    g_error ("%s", error->message);
  return results->len;
}

static gsize
search_window (ClipperStore       *store,
               const ClipperQuery *query)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GArray) ids = clipper_store_search_ids_part (store, query, CLIPPER_SORT_CLIPPED,
                                                         CLIPPER_SEARCH_RANKED, &error);
  g_autoptr(GPtrArray) rows = NULL;

  if (ids == NULL)
    g_error ("%s", error->message);
  rows = clipper_store_list_summaries (store, (const gint64 *)(gpointer)ids->data,
                                       MIN (ids->len, FIRST_PAGE), query, &error);
  if (rows == NULL)
    g_error ("%s", error->message);
  return ids->len;
}

/* What the list reads after showing the first rows. */
static gsize
search_older (ClipperStore       *store,
              const ClipperQuery *query)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GArray) ids = clipper_store_search_ids_part (store, query, CLIPPER_SORT_CLIPPED,
                                                         CLIPPER_SEARCH_OLDER, &error);

  if (ids == NULL)
    g_error ("%s", error->message);
  return ids->len;
}

static double
time_search (ClipperStore       *store,
             Search              search,
             const ClipperQuery *query,
             guint               runs,
             gsize              *found)
{
  g_autoptr(GArray) times = g_array_new (FALSE, FALSE, sizeof (double));

  for (guint r = 0; r < runs; r++)
    {
      gint64 start = g_get_monotonic_time ();
      double ms;

      *found = search (store, query);
      ms = (g_get_monotonic_time () - start) / 1000.0;
      g_array_append_val (times, ms);
    }

  return bench_median (times);
}

static void
report (const char *label,
        GArray     *times)
{
  g_print ("%-44s median %7.2f ms   p95 %7.2f ms   max %7.2f ms\n", label,
           bench_median (times), bench_percentile (times, 0.95), bench_percentile (times, 1.0));
}

static double
time_listing (ClipperStore *store,
              ClipperSort   sort,
              guint         runs)
{
  g_autoptr(ClipperQuery) query = clipper_query_parse ("");
  g_autoptr(GArray) times = g_array_new (FALSE, FALSE, sizeof (double));

  for (guint r = 0; r < runs; r++)
    {
      g_autoptr(GArray) ids = NULL;
      g_autoptr(GPtrArray) rows = NULL;
      gint64 start = g_get_monotonic_time ();
      double ms;

      ids = clipper_store_search_ids (store, query, sort, NULL);
      rows = clipper_store_list_summaries (store, (const gint64 *)(gpointer)ids->data, FIRST_PAGE, NULL, NULL);
      ms = (g_get_monotonic_time () - start) / 1000.0;
      g_array_append_val (times, ms);
    }

  return bench_median (times);
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GOptionContext) context = g_option_context_new ("— search benchmark");
  g_autoptr(GError) error = NULL;
  g_autoptr(ClipperStore) store = NULL;
  g_autoptr(GPtrArray) queries = NULL;
  g_autoptr(GArray) cli_times = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) window_times = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) older_times = g_array_new (FALSE, FALSE, sizeof (double));
  g_autofree char *library = NULL;
  int clippings = 10000;
  int highlights = 100000;
  int runs = 5;
  gboolean verbose = FALSE;
  gint64 start;
  double open_ms;
  const GOptionEntry entries[] = {
    { "library", 0, 0, G_OPTION_ARG_FILENAME, &library, "The generated library (kept between runs)", "PATH" },
    { "clippings", 0, 0, G_OPTION_ARG_INT, &clippings, "Clippings in a new library", "N" },
    { "highlights", 0, 0, G_OPTION_ARG_INT, &highlights, "Highlights in a new library", "N" },
    { "runs", 0, 0, G_OPTION_ARG_INT, &runs, "Repetitions of each search", "N" },
    { "verbose", 'v', 0, G_OPTION_ARG_NONE, &verbose, "Print every search", NULL },
    { NULL }
  };

  g_option_context_add_main_entries (context, entries, NULL);
  if (!g_option_context_parse (context, &argc, &argv, &error))
    g_error ("%s", error->message);
  if (library == NULL)
    library = g_build_filename (g_get_user_cache_dir (), "clipper-bench",
                                "library-2.db", NULL);
  g_mkdir_with_parents (g_path_get_dirname (library), 0700);

  /* Generated once, then reused. */
  if (!(store = bench_library_open (library, clippings, highlights, &error)))
    g_error ("%s", error->message);
  g_clear_object (&store);

  start = g_get_monotonic_time ();
  if (!(store = clipper_store_open (library, &error)))
    g_error ("%s", error->message);
  open_ms = (g_get_monotonic_time () - start) / 1000.0;

  g_print ("library %s: %" G_GINT64_FORMAT " clippings, opened in %.1f ms\n", library,
           clipper_store_count_clippings (store, NULL), open_ms);
  g_print ("whole library, first %d rows: by date %.1f ms, by title %.1f ms, by site %.1f ms\n",
           FIRST_PAGE, time_listing (store, CLIPPER_SORT_CLIPPED, runs),
           time_listing (store, CLIPPER_SORT_TITLE, runs), time_listing (store, CLIPPER_SORT_SITE, runs));

  queries = bench_library_queries (store);
  for (guint i = 0; i < queries->len; i++)
    {
      BenchQuery *bench = g_ptr_array_index (queries, i);
      g_autoptr(ClipperQuery) query = clipper_query_parse (bench->text);
      gsize cli_found = 0, window_found = 0, older_found = 0;
      double cli_ms, window_ms, older_ms;

      cli_ms = time_search (store, search_cli, query, runs, &cli_found);
      window_ms = time_search (store, search_window, query, runs, &window_found);
      older_ms = time_search (store, search_older, query, runs, &older_found);
      g_array_append_val (cli_times, cli_ms);
      g_array_append_val (window_times, window_ms);
      g_array_append_val (older_times, older_ms);

      if (verbose)
        g_print ("%-8s %-40s %6zu matches  cli %7.2f ms  window %7.2f ms (+ %zu older %6.2f ms)\n",
                 bench->kind, bench->text, window_found + older_found, cli_ms, window_ms,
                 older_found, older_ms);
    }

  report ("50 searches, `clipper search` (limit 50)", cli_times);
  report ("50 searches, window (ranked ids + first rows)", window_times);
  report ("50 searches, window: then the older matches", older_times);

  return EXIT_SUCCESS;
}
