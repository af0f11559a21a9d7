/* extract-bench.c
 *
 * Copyright 2026 The Clipper authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The extractor over a corpus of pages with expected extractions
 * (folders holding source.html, expected.html, expected-metadata.json):
 * word and 3-word-shingle F1 of the visible text, exact titles and
 * bylines, and CPU time per page (parse + extract, in process).
 *
 * With --compare DIR, DIR holds another extractor's article for each page
 * (DIR/<page>.html, e.g. from Readability.js, see readability-run.js); it
 * is scored the same way, and every page where ours scores lower than it
 * is listed.
 *
 *   extract-bench CORPUS_DIR [--runs N] [--verbose] [--compare DIR]
 */

#include "config.h"

#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "clipper-extractor.h"
#include "clipper-html.h"
#include "clipper-json.h"

#define PAGE_URL "http://fakehost/test/page.html"

static gboolean
is_cjk (gunichar ch)
{
  return (ch >= 0x3040 && ch <= 0x30ff) || (ch >= 0x3400 && ch <= 0x4dbf) ||
         (ch >= 0x4e00 && ch <= 0x9fff) || (ch >= 0xac00 && ch <= 0xd7af) ||
         (ch >= 0xf900 && ch <= 0xfaff) || (ch >= 0xff66 && ch <= 0xff9f);
}

/* Lower-cased word tokens; each CJK character is a token of its own. */
static GPtrArray *
tokenize (const char *text)
{
  GPtrArray *tokens = g_ptr_array_new_with_free_func (g_free);
  g_autofree char *lower = g_utf8_strdown (text, -1);
  GString *word = g_string_new (NULL);

  for (const char *p = lower; *p; p = g_utf8_next_char (p))
    {
      gunichar ch = g_utf8_get_char (p);

      if (is_cjk (ch))
        {
          if (word->len)
            g_ptr_array_add (tokens, g_strdup (word->str));
          g_string_truncate (word, 0);
          g_ptr_array_add (tokens, g_strndup (p, g_utf8_next_char (p) - p));
        }
      else if (g_unichar_isalnum (ch) || g_unichar_ismark (ch))
        g_string_append_unichar (word, ch);
      else
        {
          if (word->len)
            g_ptr_array_add (tokens, g_strdup (word->str));
          g_string_truncate (word, 0);
        }
    }
  if (word->len)
    g_ptr_array_add (tokens, g_strdup (word->str));
  g_string_free (word, TRUE);

  return tokens;
}

static GHashTable *
bag (GPtrArray *tokens,
     guint      n)
{
  GHashTable *counts = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);

  for (guint i = 0; i + n <= tokens->len; i++)
    {
      GString *key = g_string_new (g_ptr_array_index (tokens, i));

      for (guint j = 1; j < n; j++)
        {
          g_string_append_c (key, ' ');
          g_string_append (key, g_ptr_array_index (tokens, i + j));
        }

      g_hash_table_insert (counts, key->str,
                           GUINT_TO_POINTER (GPOINTER_TO_UINT (g_hash_table_lookup (counts, key->str)) + 1));
      g_string_free (key, FALSE);
    }

  return counts;
}

static guint
total (GHashTable *counts)
{
  GHashTableIter iter;
  gpointer value;
  guint sum = 0;

  g_hash_table_iter_init (&iter, counts);
  while (g_hash_table_iter_next (&iter, NULL, &value))
    sum += GPOINTER_TO_UINT (value);
  return sum;
}

static double
f1 (GPtrArray *ours,
    GPtrArray *expected,
    guint      n)
{
  g_autoptr(GHashTable) a = bag (ours, n);
  g_autoptr(GHashTable) b = bag (expected, n);
  GHashTableIter iter;
  gpointer key, value;
  guint overlap = 0;
  guint total_a = total (a);
  guint total_b = total (b);
  double precision, recall;

  if (total_a == 0 && total_b == 0)
    return 1;
  if (total_a == 0 || total_b == 0)
    return 0;

  g_hash_table_iter_init (&iter, a);
  while (g_hash_table_iter_next (&iter, &key, &value))
    overlap += MIN (GPOINTER_TO_UINT (value), GPOINTER_TO_UINT (g_hash_table_lookup (b, key)));

  precision = (double)overlap / total_a;
  recall = (double)overlap / total_b;
  return precision + recall > 0 ? 2 * precision * recall / (precision + recall) : 0;
}

static char *
visible_text (const char *html)
{
  g_autoptr(xmlDoc) doc = clipper_html_parse (html, strlen (html), "UTF-8");

  return clipper_html_dup_text (clipper_html_get_body (doc));
}

static double
thread_seconds (void)
{
  struct timespec ts;

  clock_gettime (CLOCK_THREAD_CPUTIME_ID, &ts);
  return ts.tv_sec + ts.tv_nsec / 1e9;
}

static int
compare_doubles (gconstpointer a,
                 gconstpointer b)
{
  double x = *(const double *)a;
  double y = *(const double *)b;

  return x < y ? -1 : x > y;
}

static char *
normalize (const char *text)
{
  g_auto(GStrv) words = NULL;

  if (text == NULL)
    return g_strdup ("");
  words = g_strsplit_set (text, " \t\n\r", -1);
  {
    g_autoptr(GPtrArray) kept = g_ptr_array_new ();

    for (guint i = 0; words[i]; i++)
      if (words[i][0])
        g_ptr_array_add (kept, words[i]);
    g_ptr_array_add (kept, NULL);
    return g_strjoinv (" ", (char **)kept->pdata);
  }
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GPtrArray) names = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GArray) times = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) parse_times = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GDir) dir = NULL;
  const char *corpus;
  const char *name;
  double sum_word = 0, sum_shingle = 0, sum_time = 0;
  guint titles = 0, bylines = 0, byline_pages = 0;
  int runs = 5;
  gboolean verbose = FALSE;
  const char *compare_dir = NULL;
  double sum_other = 0;
  guint compared = 0, worse = 0, better = 0;
  g_autoptr(GString) worse_pages = g_string_new (NULL);

  if (argc < 2)
    {
      g_printerr ("usage: %s CORPUS_DIR [--runs N] [--verbose] [--compare DIR]\n", argv[0]);
      return 2;
    }

  corpus = argv[1];
  for (int i = 2; i < argc; i++)
    {
      if (g_str_equal (argv[i], "--runs") && i + 1 < argc)
        {
          runs = atoi (argv[++i]);
          runs = MAX (runs, 1);
        }
      else if (g_str_equal (argv[i], "--verbose"))
        verbose = TRUE;
      else if (g_str_equal (argv[i], "--compare") && i + 1 < argc)
        compare_dir = argv[++i];
    }

  if (!(dir = g_dir_open (corpus, 0, NULL)))
    {
      g_printerr ("Cannot open %s\n", corpus);
      return 1;
    }
  while ((name = g_dir_read_name (dir)))
    g_ptr_array_add (names, g_strdup (name));
  g_ptr_array_sort (names, (GCompareFunc)g_strcmp0);

  g_print ("%-44s %6s %6s %5s %5s %8s\n", "page", "word", "shingle", "title", "byline", "ms");

  for (guint i = 0; i < names->len; i++)
    {
      const char *page = *(char **)&g_ptr_array_index (names, i);
      g_autofree char *source_path = g_build_filename (corpus, page, "source.html", NULL);
      g_autofree char *expected_path = g_build_filename (corpus, page, "expected.html", NULL);
      g_autofree char *meta_path = g_build_filename (corpus, page, "expected-metadata.json", NULL);
      g_autofree char *source = NULL;
      g_autofree char *expected = NULL;
      g_autofree char *meta_text = NULL;
      g_autofree char *expected_text = NULL;
      g_autofree char *our_text = NULL;
      g_autofree char *want_title = NULL;
      g_autofree char *got_title = NULL;
      g_autofree char *want_byline = NULL;
      g_autofree char *got_byline = NULL;
      g_autoptr(JsonNode) meta = NULL;
      g_autoptr(ClipperArticle) article = NULL;
      g_autoptr(GPtrArray) ours = NULL;
      g_autoptr(GPtrArray) wanted = NULL;
      g_autoptr(GArray) page_times = g_array_new (FALSE, FALSE, sizeof (double));
      g_autoptr(GArray) page_parse_times = g_array_new (FALSE, FALSE, sizeof (double));
      gsize source_length;
      double word, shingle, seconds;
      gboolean title_ok, byline_ok;

      if (!g_file_get_contents (source_path, &source, &source_length, NULL) ||
          !g_file_get_contents (expected_path, &expected, NULL, NULL))
        continue;
      g_file_get_contents (meta_path, &meta_text, NULL, NULL);
      meta = meta_text ? clipper_json_parse (meta_text, -1, NULL) : NULL;

      for (int run = 0; run < runs; run++)
        {
          double start = thread_seconds ();
          double elapsed;

          htmlDocPtr doc;

          g_clear_pointer (&article, clipper_article_free);
          article = clipper_extractor_extract (source, source_length, PAGE_URL, NULL);
          elapsed = thread_seconds () - start;
          g_array_append_val (page_times, elapsed);

          /* For scale: libxml2's parse alone, as the extractor's floor. */
          start = thread_seconds ();
          doc = htmlReadMemory (source, source_length, NULL, NULL,
                                HTML_PARSE_RECOVER | HTML_PARSE_NOERROR | HTML_PARSE_NOWARNING |
                                HTML_PARSE_NONET);
          elapsed = thread_seconds () - start;
          xmlFreeDoc (doc);
          g_array_append_val (page_parse_times, elapsed);
        }
      g_array_sort (page_parse_times, compare_doubles);
      g_array_append_val (parse_times,
                          g_array_index (page_parse_times, double, page_parse_times->len / 2));
      g_array_sort (page_times, compare_doubles);
      seconds = g_array_index (page_times, double, page_times->len / 2);

      expected_text = visible_text (expected);
      our_text = visible_text (article->content);
      ours = tokenize (our_text);
      wanted = tokenize (expected_text);
      word = f1 (ours, wanted, 1);
      shingle = f1 (ours, wanted, 3);

      want_title = normalize (clipper_json_get_member_string (meta, "title"));
      got_title = normalize (article->title);
      title_ok = g_str_equal (want_title, got_title);

      want_byline = normalize (clipper_json_get_member_string (meta, "byline"));
      got_byline = normalize (article->byline);
      byline_ok = g_str_equal (want_byline, got_byline);
      if (want_byline[0])
        byline_pages++;

      if (compare_dir != NULL)
        {
          g_autofree char *other_name = g_strconcat (page, ".html", NULL);
          g_autofree char *other_path = g_build_filename (compare_dir, other_name, NULL);
          g_autofree char *other = NULL;

          if (g_file_get_contents (other_path, &other, NULL, NULL))
            {
              g_autofree char *other_text = visible_text (other);
              g_autoptr(GPtrArray) theirs = tokenize (other_text);
              double other_shingle = f1 (theirs, wanted, 3);

              sum_other += other_shingle;
              compared++;
              /* Differences below a thousandth are rounding, not a worse page. */
              if (shingle < other_shingle - 0.001)
                {
                  worse++;
                  g_string_append_printf (worse_pages, "    %-44s ours %.3f, other %.3f\n", page,
                                          shingle, other_shingle);
                }
              else if (shingle > other_shingle + 0.001)
                better++;
            }
        }

      sum_word += word;
      sum_shingle += shingle;
      sum_time += seconds;
      titles += title_ok;
      bylines += byline_ok && want_byline[0];
      g_array_append_val (times, seconds);

      g_print ("%-44s %6.3f %6.3f %5s %5s %8.3f\n", page, word, shingle,
               title_ok ? "yes" : "NO", want_byline[0] ? (byline_ok ? "yes" : "NO") : "-",
               seconds * 1000);
      if (verbose && !title_ok)
        g_print ("    title: want “%s”\n           got  “%s”\n", want_title, got_title);
      if (verbose && want_byline[0] && !byline_ok)
        g_print ("    byline: want “%s”\n            got  “%s”\n", want_byline, got_byline);
    }

  if (times->len == 0)
    return 1;

  g_array_sort (times, compare_doubles);
  g_array_sort (parse_times, compare_doubles);
  g_print ("\npages %u\n", times->len);
  g_print ("mean word F1     %.4f\n", sum_word / times->len);
  g_print ("mean shingle F1  %.4f\n", sum_shingle / times->len);
  g_print ("titles exact     %u/%u (%.1f%%)\n", titles, times->len, 100.0 * titles / times->len);
  g_print ("bylines exact    %u/%u (pages with a byline)\n", bylines, byline_pages);
  g_print ("time per page    median %.3f ms, p90 %.3f ms, mean %.3f ms (median of %d runs each)\n",
           g_array_index (times, double, times->len / 2) * 1000,
           g_array_index (times, double, (guint)(times->len * 0.9)) * 1000,
           sum_time / times->len * 1000, runs);
  g_print ("libxml2 parse    median %.3f ms, p90 %.3f ms (the same pages, parse alone)\n",
           g_array_index (parse_times, double, parse_times->len / 2) * 1000,
           g_array_index (parse_times, double, (guint)(parse_times->len * 0.9)) * 1000);
  if (compare_dir != NULL && compared > 0)
    {
      g_print ("compared with    %s: %u pages, its mean shingle F1 %.4f\n", compare_dir, compared,
               sum_other / compared);
      g_print ("                 ours better on %u, worse on %u\n%s", better, worse, worse_pages->str);
    }

  return 0;
}
