/* sync-bench.c
 *
 * Copyright 2026 The Clipper authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Sync at library scale, through a real WebDAV server (Apache httpd with
 * mod_dav_fs, started here): the first sync of 10,000 clippings with
 * their text and 100,000 highlights, then syncs of one new highlight
 * each (target: under 1 s, with as many requests as with a small
 * library), then a second library's first sync, which receives it all.
 *
 *   sync-bench [--runs N] [--clippings N]
 */

#include "config.h"

#include <stdlib.h>

#include "bench-library.h"
#include "clipper-anchor.h"
#include "clipper-sync-webdav.h"
#include "clipper-sync.h"
#include "clipper-test-apache.h"

static double
timed_sync (ClipperStore      *store,
            ClipperSyncTarget *target,
            ClipperSyncReport *report)
{
  g_autoptr(ClipperSync) sync = clipper_sync_new (store, target);
  g_autoptr(GError) error = NULL;
  gint64 start = g_get_monotonic_time ();

  if (!clipper_sync_run (sync, report, NULL, &error))
    g_error ("The sync failed: %s", error->message);
  return (g_get_monotonic_time () - start) / 1e6;
}

/* A highlight of the first words of clipping @id's text. */
static void
add_one_highlight (ClipperStore *store,
                   gint64        id,
                   guint         n)
{
  g_autoptr(ClipperClipping) clipping = clipper_store_find_clipping (store, id, NULL);
  g_autoptr(ClipperAnchorText) text = clipper_anchor_text_new_from_html (clipper_clipping_get_content (clipping));
  g_autoptr(ClipperSelector) selector = clipper_selector_new (text, n, n + 12);
  g_autoptr(ClipperHighlight) highlight = clipper_highlight_new ();
  g_autoptr(GError) error = NULL;

  clipper_highlight_set_clipping_id (highlight, id);
  clipper_highlight_set_selector (highlight, selector);
  if (clipper_store_add_highlight (store, highlight, &error) <= 0)
    g_error ("Could not highlight: %s", error->message);
}

int
main (int   argc,
      char *argv[])
{
  g_autofree char *dir = g_dir_make_tmp ("clipper-sync-bench-XXXXXX", NULL);
  g_autofree char *a_path = g_build_filename (dir, "a.db", NULL);
  g_autofree char *b_path = g_build_filename (dir, "b.db", NULL);
  g_autofree char *url = NULL;
  g_autoptr(ClipperStore) a = NULL;
  g_autoptr(ClipperStore) b = NULL;
  g_autoptr(ClipperSyncTarget) target = NULL;
  g_autoptr(GArray) times = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GError) error = NULL;
  ClipperTestApache apache;
  ClipperSyncReport report;
  int runs = 5;
  guint clippings = 10000;
  guint requests = 0;
  double first, second;

  for (int i = 1; i + 1 < argc; i += 2)
    {
      if (g_str_equal (argv[i], "--runs"))
        runs = MAX (1, atoi (argv[i + 1]));
      else if (g_str_equal (argv[i], "--clippings"))
        clippings = MAX (10, atoi (argv[i + 1]));
    }

  if (!clipper_test_apache_start (&apache, "reader", "bench"))
    {
      g_printerr ("Apache httpd (apache2) is needed for this benchmark.\n");
      return 77;
    }
  url = g_strconcat (apache.url, "clipper/", NULL);
  target = clipper_sync_webdav_new (url, "reader", "bench", &error);
  g_assert_no_error (error);

  if (!(a = bench_library_open (a_path, clippings, clippings * 10, &error)))
    g_error ("%s", error->message);

  first = timed_sync (a, target, &report);
  g_print ("First sync, %u clippings and %u highlights up: %.1f s, %u requests, %u segments, %u blobs\n", clippings,
           clippings * 10, first, report.requests, report.segments_sent, report.blobs_sent);

  for (int run = 0; run < runs; run++)
    {
      double seconds;

      add_one_highlight (a, 1 + run, 0);
      seconds = timed_sync (a, target, &report);
      g_array_append_val (times, seconds);
      requests = report.requests;
      g_assert_cmpuint (report.sent, ==, 5);
    }
  g_print ("Sync of one new highlight:                  median %.3f s, %u requests (target < 1 s)\n",
           bench_median (times), requests);

  b = clipper_store_open (b_path, &error);
  g_assert_no_error (error);
  second = timed_sync (b, target, &report);
  g_print ("A second library's first sync, all of it down: %.1f s, %u requests, %u fields received\n", second,
           report.requests, report.received);

  g_clear_object (&a);
  g_clear_object (&b);
  clipper_test_apache_stop (&apache);
  clipper_test_remove_tree (dir);
  return EXIT_SUCCESS;
}
