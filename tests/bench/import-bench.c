/* import-bench.c
 *
 * Copyright 2026 The Clipper authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Moving in and out at scale: a Pocket export of 10,000 bookmarks
 * imported without fetching (target under 5 s), an Omnivore export of
 * 1,000 articles with 10 highlights each, placing included (under 20 s),
 * and 100,000 highlights written as W3C Web Annotations (under 3 s).
 * Each into a fresh library, --runs times; medians are printed.
 *
 *   _build/tests/bench/import-bench [--runs N]
 */

#include "config.h"

#include <archive.h>
#include <archive_entry.h>
#include <glib/gstdio.h>
#include <stdlib.h>
#include <string.h>

#include "clipper-annotations.h"
#include "clipper-import.h"
#include "clipper-store.h"
#include "../clipper-test-util.h"

static const char *words[] = {
  "alliance", "ministers", "defence", "spending", "budget", "summit", "pledge", "analysts", "border", "capital",
  "negotiation", "settlement", "report", "troops", "exercise", "missions", "statement", "leaders", "spring", "policy",
};

static void
add_file (struct archive *zip,
          const char     *name,
          const char     *data,
          gsize           length)
{
  struct archive_entry *entry = archive_entry_new ();

  archive_entry_set_pathname (entry, name);
  archive_entry_set_size (entry, length);
  archive_entry_set_filetype (entry, AE_IFREG);
  archive_entry_set_perm (entry, 0644);
  g_assert_cmpint (archive_write_header (zip, entry), ==, ARCHIVE_OK);
  g_assert_cmpint (archive_write_data (zip, data, length), ==, (la_ssize_t)length);
  archive_entry_free (entry);
}

static char *
sentence (guint seed,
          guint n)
{
  GString *out = g_string_new (NULL);

  for (guint i = 0; i < n; i++)
    g_string_append_printf (out, "%s%s", i ? " " : "", words[(seed * 7 + i * 13 + i * i) % G_N_ELEMENTS (words)]);
  return g_string_free (out, FALSE);
}

static void
write_pocket (const char *path)
{
  struct archive *zip = archive_write_new ();
  g_autoptr(GString) csv = g_string_new ("title,url,time_added,tags,status\r\n");
  g_autoptr(GString) annotations = g_string_new ("[");

  archive_write_set_format_zip (zip);
  g_assert_cmpint (archive_write_open_filename (zip, path), ==, ARCHIVE_OK);
  for (guint i = 0; i < 10000; i++)
    {
      g_autofree char *title = sentence (i, 6);

      g_string_append_printf (csv, "%s,https://news%u.example/article/%u,%u,%s|saved,%s\r\n", title, i % 97, i,
                              1700000000 + i * 60, words[i % G_N_ELEMENTS (words)], i % 3 ? "unread" : "archive");
      if (i % 10 == 0)
        g_string_append_printf (annotations,
                                "%s{\"url\":\"https://news%u.example/article/%u\",\"title\":\"%s\","
                                "\"highlights\":[{\"quote\":\"%s\",\"created_at\":%u}]}",
                                i ? "," : "", i % 97, i, title, title, 1700000100 + i * 60);
    }
  g_string_append_c (annotations, ']');
  add_file (zip, "part_000000.csv", csv->str, csv->len);
  add_file (zip, "annotations/part_000000.json", annotations->str, annotations->len);
  archive_write_close (zip);
  archive_write_free (zip);
}

static void
write_omnivore (const char *path)
{
  struct archive *zip = archive_write_new ();
  g_autoptr(GString) metadata = g_string_new ("[");

  archive_write_set_format_zip (zip);
  g_assert_cmpint (archive_write_open_filename (zip, path), ==, ARCHIVE_OK);
  for (guint i = 0; i < 1000; i++)
    {
      g_autoptr(GString) html = g_string_new ("<div>");
      g_autoptr(GString) markdown = g_string_new (NULL);
      g_autofree char *title = sentence (i, 5);
      g_autofree char *content_name = g_strdup_printf ("content/article-%u.html", i);
      g_autofree char *highlights_name = g_strdup_printf ("highlights/article-%u.md", i);

      for (guint p = 0; p < 30; p++)
        {
          g_autofree char *text = sentence (i * 31 + p, 40);

          g_string_append_printf (html, "<p>Paragraph %u of article %u: %s.</p>", p, i, text);
          if (p % 3 == 0 && p / 3 < 10)
            g_string_append_printf (markdown, "> Paragraph %u of article %u: %.60s\n\n#coded\n\nNote %u.\n\n", p, i,
                                    text, p);
        }
      g_string_append (html, "</div>");
      add_file (zip, content_name, html->str, html->len);
      add_file (zip, highlights_name, markdown->str, markdown->len);
      g_string_append_printf (metadata,
                              "%s{\"id\":\"%u\",\"slug\":\"article-%u\",\"title\":\"%s\",\"author\":\"A. Writer\","
                              "\"url\":\"https://omnivore%u.example/a/%u\",\"state\":\"SUCCEEDED\","
                              "\"labels\":[\"bench\"],\"savedAt\":\"2024-05-01T10:00:00.000Z\"}",
                              i ? "," : "", i, i, title, i % 50, i);
    }
  g_string_append_c (metadata, ']');
  add_file (zip, "metadata_0_to_1000.json", metadata->str, metadata->len);
  archive_write_close (zip);
  archive_write_free (zip);
}

static double
median (GArray *times)
{
  for (guint i = 0; i < times->len; i++)
    for (guint j = i + 1; j < times->len; j++)
      if (g_array_index (times, double, j) < g_array_index (times, double, i))
        {
          double t = g_array_index (times, double, i);

          g_array_index (times, double, i) = g_array_index (times, double, j);
          g_array_index (times, double, j) = t;
        }
  return g_array_index (times, double, times->len / 2);
}

static double
time_import (const char *dir,
             const char *file,
             int         run,
             guint      *placed)
{
  g_autofree char *name = g_strdup_printf ("import-%s-%d.db", file, run);
  g_autofree char *library = g_build_filename (dir, name, NULL);
  g_autofree char *path = g_build_filename (dir, file, NULL);
  g_autoptr(ClipperStore) store = clipper_store_open (library, NULL);
  g_autoptr(GError) error = NULL;
  ClipperImportSummary summary;
  gint64 start = g_get_monotonic_time ();
  double seconds;

  clipper_import_summary_init (&summary);
  g_assert_true (clipper_import_file (store, path, NULL, &summary, NULL, &error));
  g_assert_no_error (error);
  seconds = (g_get_monotonic_time () - start) / 1e6;
  *placed = summary.highlights_placed;
  clipper_import_summary_clear (&summary);
  return seconds;
}

int
main (int   argc,
      char *argv[])
{
  g_autofree char *dir = g_dir_make_tmp ("clipper-import-bench-XXXXXX", NULL);
  g_autofree char *pocket = g_build_filename (dir, "pocket.zip", NULL);
  g_autofree char *omnivore = g_build_filename (dir, "omnivore.zip", NULL);
  g_autoptr(GArray) pocket_times = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) omnivore_times = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) w3c_times = g_array_new (FALSE, FALSE, sizeof (double));
  int runs = argc > 2 && g_str_equal (argv[1], "--runs") ? MAX (1, atoi (argv[2])) : 3;
  guint placed = 0;

  write_pocket (pocket);
  write_omnivore (omnivore);

  for (int run = 0; run < runs; run++)
    {
      double seconds = time_import (dir, "pocket.zip", run, &placed);

      g_array_append_val (pocket_times, seconds);
      seconds = time_import (dir, "omnivore.zip", run, &placed);
      g_assert_cmpuint (placed, ==, 10000);
      g_array_append_val (omnivore_times, seconds);
    }

  /* 100,000 highlights: the Omnivore library ten times over is too slow
   * to build; 1,000 clippings of 100 quotes each, imported, then written. */
  {
    g_autofree char *library = g_build_filename (dir, "import-omnivore.zip-0.db", NULL);
    g_autoptr(ClipperStore) store = clipper_store_open (library, NULL);
    g_autoptr(GPtrArray) clippings = clipper_store_list_clippings (store, NULL);
    g_autoptr(GArray) ids = g_array_new (FALSE, FALSE, sizeof (gint64));
    g_autoptr(GPtrArray) more = g_ptr_array_new_with_free_func (g_object_unref);
    g_autoptr(GError) error = NULL;

    for (guint i = 0; i < clippings->len; i++)
      {
        gint64 id = clipper_clipping_get_id (g_ptr_array_index (clippings, i));
        g_autoptr(GPtrArray) existing = clipper_store_list_highlights (store, id, NULL);

        g_array_append_val (ids, id);
        /* Copies of its ten, to make a hundred. */
        for (guint k = 0; k < 9; k++)
          for (guint j = 0; j < existing->len; j++)
            {
              ClipperHighlight *copy = clipper_highlight_copy (g_ptr_array_index (existing, j));

              clipper_highlight_set_id (copy, 0);
              g_ptr_array_add (more, copy);
            }
      }
    g_assert_true (clipper_store_add_highlights (store, more, &error));
    g_assert_no_error (error);

    for (int run = 0; run < runs; run++)
      {
        gint64 start = g_get_monotonic_time ();
        g_autofree char *text = clipper_annotations_write (store, (const gint64 *)(gpointer)ids->data, ids->len,
                                                           CLIPPER_ANNOTATIONS_W3C, &error);
        double seconds = (g_get_monotonic_time () - start) / 1e6;

        g_assert_no_error (error);
        /* And a page annotation a clipping, for its tag. */
        g_assert_nonnull (strstr (text, "\"total\":101000"));
        g_array_append_val (w3c_times, seconds);
      }
  }

  g_print ("Import, Pocket ZIP of 10,000 bookmarks, no fetching:        median %.3f s (target < 5 s)\n",
           median (pocket_times));
  g_print ("Import, Omnivore ZIP, 1,000 articles × 10 highlights placed: median %.3f s (target < 20 s)\n",
           median (omnivore_times));
  g_print ("Export, 100,000 highlights as W3C Web Annotations:          median %.3f s (target < 3 s)\n",
           median (w3c_times));

  clipper_test_remove_tree (dir);
  return EXIT_SUCCESS;
}
