/* bench-library.c
 *
 * Copyright 2026 The Clipper authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A generated library for the benchmarks: clippings of about 3,000 words
 * (log-normal lengths, from a few hundred to many thousand) over a
 * Zipf-like vocabulary, with highlights, notes, tags and sites, and a set
 * of 50 varied searches over it. Everything comes from fixed seeds, so
 * two runs build the same library.
 */

#include "config.h"

#include <glib/gstdio.h>
#include <math.h>
#include <string.h>

#include "bench-library.h"
#include "clipper-anchor.h"

#define N_WORDS 50000
#define N_SITES 200
#define N_TAGS 60

static const char *function_words[] = {
  "the", "of", "and", "to", "a", "in", "that", "is", "was", "it", "for", "on", "with", "as", "by",
  "at", "from", "his", "her", "their", "this", "have", "had", "not", "are", "but", "be", "which",
  "or", "an", "they", "were", "been", "has", "would", "said", "will", "there", "could", "more",
  "also", "after", "than", "its", "into", "who", "about", "over", "when", "some", "other",
};

static const char *onsets[] = {
  "b", "c", "d", "f", "g", "h", "k", "l", "m", "n", "p", "r", "s", "t", "v", "w", "z",
  "br", "cl", "dr", "gr", "pl", "st", "tr", "sh", "ch", "th",
};
static const char *vowels[] = { "a", "e", "i", "o", "u", "ai", "ea", "ou", "io" };
static const char *codas[] = { "", "", "", "n", "r", "s", "l", "t", "m", "nd", "st" };
static const char *colors[] = { "yellow", "green", "blue", "pink", "purple" };

typedef struct
{
  GPtrArray *words;    /* by rank, most frequent first */
  GPtrArray *sites;
  GPtrArray *tags;
} Vocabulary;

static char *
make_word (GRand *rand,
           guint  syllables)
{
  GString *word = g_string_new (NULL);

  for (guint s = 0; s < syllables; s++)
    {
      g_string_append (word, onsets[g_rand_int_range (rand, 0, G_N_ELEMENTS (onsets))]);
      g_string_append (word, vowels[g_rand_int_range (rand, 0, G_N_ELEMENTS (vowels))]);
      g_string_append (word, codas[g_rand_int_range (rand, 0, G_N_ELEMENTS (codas))]);
    }

  return g_string_free (word, FALSE);
}

static GPtrArray *
make_words (GRand *rand,
            guint  n,
            guint  min_syllables)
{
  g_autoptr(GHashTable) seen = g_hash_table_new (g_str_hash, g_str_equal);
  GPtrArray *words = g_ptr_array_new_with_free_func (g_free);

  while (words->len < n)
    {
      char *word = make_word (rand, min_syllables + g_rand_int_range (rand, 0, 2));

      if (strlen (word) < 4 || g_hash_table_contains (seen, word))
        {
          g_free (word);
          continue;
        }
      g_hash_table_add (seen, word);
      g_ptr_array_add (words, word);
    }

  return words;
}

static Vocabulary *
vocabulary_get (void)
{
  static Vocabulary *vocabulary;

  if (vocabulary == NULL)
    {
      g_autoptr(GRand) rand = g_rand_new_with_seed (1848);

      vocabulary = g_new0 (Vocabulary, 1);
      vocabulary->words = make_words (rand, N_WORDS, 2);
      vocabulary->sites = make_words (rand, N_SITES, 2);
      vocabulary->tags = make_words (rand, N_TAGS, 1);
    }

  return vocabulary;
}

/* An index below @n where rank r (from 0) comes up about as often as
 * 1/(r + 1): a long tail. exp() of a uniform draw over [0, log (n + 1))
 * is in [1, n + 1); without the - 1, index 0 (the most common word, site
 * and tag) would never come up. */
static guint
zipf_index (GRand *rand,
            guint  n)
{
  return MIN ((guint)exp (g_rand_double (rand) * log (n + 1)) - 1, n - 1);
}

/* Rank r comes up about as often as 1/r: a long tail of rare words. */
static const char *
pick_word (GRand *rand)
{
  Vocabulary *vocabulary = vocabulary_get ();

  if (g_rand_double (rand) < 0.45)
    return function_words[zipf_index (rand, G_N_ELEMENTS (function_words))];

  return g_ptr_array_index (vocabulary->words, zipf_index (rand, N_WORDS));
}

static void
append_sentence (GString *out,
                 GRand   *rand,
                 guint    words)
{
  for (guint w = 0; w < words; w++)
    {
      const char *word = pick_word (rand);

      if (w == 0)
        {
          g_string_append_c (out, g_ascii_toupper (word[0]));
          g_string_append (out, word + 1);
        }
      else
        g_string_append (out, word);
      g_string_append (out, w + 1 < words ? " " : ".");
    }
}

static char *
make_sentences (GRand *rand,
                guint  words)
{
  GString *out = g_string_new (NULL);

  while (words > 0)
    {
      guint n = g_rand_int_range (rand, 8, 26);

      n = MIN (n, words);

      if (out->len > 0)
        g_string_append_c (out, ' ');
      append_sentence (out, rand, n);
      words -= n;
    }

  return g_string_free (out, FALSE);
}

/* A standard normal deviate (Box–Muller). */
static double
normal (GRand *rand)
{
  double u = 1.0 - g_rand_double (rand);

  return sqrt (-2.0 * log (u)) * cos (2.0 * G_PI * g_rand_double (rand));
}

static ClipperClipping *
make_clipping (GRand *rand,
               guint  index)
{
  Vocabulary *vocabulary = vocabulary_get ();
  ClipperClipping *clipping = clipper_clipping_new ();
  g_autoptr(GString) html = g_string_new (NULL);
  g_autoptr(GString) text = g_string_new (NULL);
  g_autofree char *title = make_sentences (rand, g_rand_int_range (rand, 5, 13));
  g_autofree char *byline = NULL;
  g_autofree char *url = NULL;
  g_autofree char *published = NULL;
  const char *site;
  double length;
  guint words;

  /* Log-normal lengths around a median of 3,000 words. */
  length = 3000 * exp (0.55 * normal (rand));
  words = (guint)CLAMP (length, 150, 25000);
  while (words > 0)
    {
      guint n = g_rand_int_range (rand, 40, 160);
      g_autofree char *paragraph = make_sentences (rand, n = MIN (n, words));
      g_autofree char *escaped = g_markup_escape_text (paragraph, -1);

      g_string_append_printf (html, "<p>%s</p>\n", escaped);
      if (text->len > 0)
        g_string_append (text, "\n\n");
      g_string_append (text, paragraph);
      words -= n;
    }

  site = g_ptr_array_index (vocabulary->sites, zipf_index (rand, N_SITES));
  byline = g_strdup_printf ("%s %s", (char *)g_ptr_array_index (vocabulary->words, g_rand_int_range (rand, 2000, 9000)),
                            (char *)g_ptr_array_index (vocabulary->words, g_rand_int_range (rand, 9000, 20000)));
  url = g_strdup_printf ("https://www.%s.example/%u/%s", site, 2015 + index % 11, title);
  g_strdelimit (url + 8, " .", '-');
  published = g_strdup_printf ("%04u-%02u-%02uT09:00:00Z", 2015 + g_rand_int_range (rand, 0, 11),
                               g_rand_int_range (rand, 1, 13), g_rand_int_range (rand, 1, 29));

  title[strlen (title) - 1] = '\0';
  clipper_clipping_set_title (clipping, title);
  clipper_clipping_set_byline (clipping, byline);
  clipper_clipping_set_site_name (clipping, site);
  clipper_clipping_set_url (clipping, url);
  clipper_clipping_set_published (clipping, published);
  clipper_clipping_set_lang (clipping, "en");
  clipper_clipping_set_content (clipping, html->str);
  clipper_clipping_set_text (clipping, text->str);
  clipper_clipping_set_clipped_at (clipping, 1600000000 + (gint64)index * 9000);

  /* Two clippings in five have tags. */
  if (g_rand_int_range (rand, 0, 5) < 2)
    {
      const char *tags[4] = { NULL };
      guint n = g_rand_int_range (rand, 1, 4);

      for (guint t = 0; t < n; t++)
        tags[t] = g_ptr_array_index (vocabulary->tags, zipf_index (rand, N_TAGS));
      if (n < 2 || (g_strcmp0 (tags[0], tags[1]) != 0 && g_strcmp0 (tags[1], tags[2]) != 0 &&
                    g_strcmp0 (tags[0], tags[2]) != 0))
        clipper_clipping_set_tags (clipping, tags);
    }

  return clipping;
}

static GPtrArray *
make_highlights (GRand           *rand,
                 ClipperClipping *clipping,
                 guint            count)
{
  Vocabulary *vocabulary = vocabulary_get ();
  /* Places are counted in the reader's text, as the window counts them. */
  g_autoptr(ClipperAnchorText) anchor = clipper_anchor_text_new_from_html (clipper_clipping_get_content (clipping));
  const char *text = clipper_anchor_text_get_utf8 (anchor);
  gint64 length = clipper_anchor_text_get_length (anchor);
  GPtrArray *highlights = g_ptr_array_new_with_free_func (g_object_unref);

  /* The vocabulary is ASCII: a byte is a character. */
  g_assert (length == (gint64)strlen (text));

  for (guint h = 0; h < count && length > 400; h++)
    {
      ClipperHighlight *highlight = clipper_highlight_new ();
      gint64 start = g_rand_int_range (rand, 40, length - 300);
      gint64 end;
      g_autoptr(ClipperSelector) selector = NULL;

      /* From a word's start, 8 to 30 words on. */
      while (start > 0 && text[start - 1] != ' ')
        start--;
      end = start;
      for (guint w = g_rand_int_range (rand, 8, 31); w > 0 && end < length; end++)
        if (text[end] == ' ')
          w--;
      end = MAX (start + 1, end - 1);

      selector = clipper_selector_new (anchor, start, end);
      clipper_highlight_set_clipping_id (highlight, clipper_clipping_get_id (clipping));
      clipper_highlight_set_selector (highlight, selector);
      clipper_highlight_set_color (highlight, colors[g_rand_int_range (rand, 0, G_N_ELEMENTS (colors))]);

      /* Three in five carry a note, one in ten a tag. */
      if (g_rand_int_range (rand, 0, 5) < 3)
        {
          g_autofree char *note = make_sentences (rand, g_rand_int_range (rand, 4, 30));

          clipper_highlight_set_note (highlight, note);
        }
      if (g_rand_int_range (rand, 0, 10) == 0)
        {
          const char *tags[] = { g_ptr_array_index (vocabulary->tags, g_rand_int_range (rand, 0, N_TAGS)), NULL };

          clipper_highlight_set_tags (highlight, tags);
        }

      g_ptr_array_add (highlights, highlight);
    }

  return highlights;
}

static gboolean
fill (ClipperStore  *store,
      guint          clippings,
      guint          highlights,
      GError       **error)
{
  g_autoptr(GRand) rand = g_rand_new_with_seed (2026);
  g_autofree guint *counts = g_new0 (guint, clippings);
  gint64 start = g_get_monotonic_time ();

  /* Seven clippings in ten are annotated, some much more than others. */
  for (guint h = 0; h < highlights; h++)
    {
      guint i;

      do
        i = g_rand_int_range (rand, 0, clippings);
      while (i % 10 >= 7);
      counts[i]++;
    }

  for (guint i = 0; i < clippings; i++)
    {
      g_autoptr(ClipperClipping) clipping = make_clipping (rand, i);
      g_autoptr(GPtrArray) annotations = NULL;

      if (clipper_store_add_clipping (store, clipping, error) == 0)
        return FALSE;

      annotations = make_highlights (rand, clipping, counts[i]);
      if (annotations->len > 0 && !clipper_store_add_highlights (store, annotations, error))
        return FALSE;

      if ((i + 1) % 1000 == 0)
        g_printerr ("  %u clippings (%.0f s)\n", i + 1, (g_get_monotonic_time () - start) / 1e6);
    }

  return TRUE;
}

/**
 * bench_library_open:
 *
 * Opens the library at @path, filling it first when it has fewer than
 * @clippings clippings (a new one takes minutes; keep the file).
 */
ClipperStore *
bench_library_open (const char  *path,
                    guint        clippings,
                    guint        highlights,
                    GError     **error)
{
  g_autoptr(ClipperStore) store = NULL;
  gint64 count;

  if (!(store = clipper_store_open (path, error)))
    return NULL;

  count = clipper_store_count_clippings (store, error);
  if (count < 0)
    return NULL;
  if (count >= clippings)
    return g_steal_pointer (&store);
  if (count > 0)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_EXISTS,
                   "%s has %" G_GINT64_FORMAT " clippings, fewer than %u: remove it first",
                   path, count, clippings);
      return NULL;
    }

  g_printerr ("Filling %s with %u clippings and %u highlights…\n", path, clippings, highlights);
  if (!fill (store, clippings, highlights, error))
    return NULL;

  return g_steal_pointer (&store);
}

static BenchQuery *
query_new (const char *kind,
           char       *text)
{
  BenchQuery *query = g_new0 (BenchQuery, 1);

  query->kind = kind;
  query->text = text;
  return query;
}

void
bench_query_free (BenchQuery *query)
{
  g_free (query->text);
  g_free (query);
}

static const char *
word (guint rank)
{
  return g_ptr_array_index (vocabulary_get ()->words, rank);
}

/* Two or three words that follow each other in a stored clipping, the
 * first a content word, as a phrase would be searched. */
static char *
phrase (ClipperStore *store,
        gint64        id,
        guint         length)
{
  g_autoptr(ClipperClipping) clipping = clipper_store_find_clipping (store, id, NULL);
  g_auto(GStrv) words = NULL;
  g_autoptr(GString) out = g_string_new ("\"");
  guint n, start;

  g_assert_nonnull (clipping);
  words = g_strsplit_set (clipper_clipping_get_text (clipping), " .\n", -1);
  n = g_strv_length (words);
  for (start = (n / 3) * (id % 3); start + length < n; start++)
    {
      gboolean content = TRUE;

      for (guint w = start; w < start + length; w++)
        content = content && strlen (words[w]) >= 6;
      if (content)
        break;
    }

  for (guint w = start; w < start + length && w < n; w++)
    g_string_append_printf (out, "%s%s", out->len > 1 ? " " : "", words[w]);
  g_string_append_c (out, '"');

  return g_string_free (g_steal_pointer (&out), FALSE);
}

/**
 * bench_library_queries:
 *
 * Fifty searches of the kinds researchers type: single words from common
 * to rare, words as they are being typed, several words, phrases,
 * exclusions, filters, a misspelling and an accented form.
 */
GPtrArray *
bench_library_queries (ClipperStore *store)
{
  Vocabulary *vocabulary = vocabulary_get ();
  GPtrArray *queries = g_ptr_array_new_with_free_func ((GDestroyNotify)bench_query_free);
  const guint ranks[] = { 0, 2, 9, 29, 99, 299, 999, 2999, 9999, 29999 };
  const guint prefix_ranks[] = { 4, 49, 499, 4999 };
  const char *tag0 = g_ptr_array_index (vocabulary->tags, 0);
  const char *tag1 = g_ptr_array_index (vocabulary->tags, 7);
  const char *site0 = g_ptr_array_index (vocabulary->sites, 0);
  const char *site1 = g_ptr_array_index (vocabulary->sites, 40);
  gint64 count = clipper_store_count_clippings (store, NULL);

  for (guint i = 0; i < G_N_ELEMENTS (ranks); i++)
    g_ptr_array_add (queries, query_new ("word", g_strdup (word (ranks[i]))));

  for (guint i = 0; i < G_N_ELEMENTS (prefix_ranks); i++)
    {
      g_ptr_array_add (queries, query_new ("typing", g_strndup (word (prefix_ranks[i]), 3)));
      g_ptr_array_add (queries, query_new ("typing", g_strndup (word (prefix_ranks[i] + 1), 5)));
    }

  g_ptr_array_add (queries, query_new ("words", g_strdup_printf ("%s %s", word (1), word (3))));
  g_ptr_array_add (queries, query_new ("words", g_strdup_printf ("%s %s", word (5), word (120))));
  g_ptr_array_add (queries, query_new ("words", g_strdup_printf ("%s %s", word (40), word (800))));
  g_ptr_array_add (queries, query_new ("words", g_strdup_printf ("%s %s", word (300), word (5000))));
  g_ptr_array_add (queries, query_new ("words", g_strdup_printf ("%s %s %s", word (0), word (10), word (100))));
  g_ptr_array_add (queries, query_new ("words", g_strdup_printf ("%s %s %s", word (15), word (150), word (1500))));
  g_ptr_array_add (queries, query_new ("words", g_strdup_printf ("%s %s %s", word (60), word (600), word (6000))));
  g_ptr_array_add (queries, query_new ("words", g_strdup_printf ("%s %s ", word (2), word (20))));

  for (guint i = 0; i < 6; i++)
    g_ptr_array_add (queries, query_new ("phrase", phrase (store, 1 + (i * 997) % count, 2)));

  g_ptr_array_add (queries, query_new ("exclude", g_strdup_printf ("%s -%s", word (1), word (0))));
  g_ptr_array_add (queries, query_new ("exclude", g_strdup_printf ("%s -%s", word (50), word (3))));
  g_ptr_array_add (queries, query_new ("exclude", g_strdup_printf ("%s %s -%s", word (8), word (90), word (700))));
  g_ptr_array_add (queries, query_new ("exclude", g_strdup_printf ("%s -\"%s %s\"", word (25), word (2), word (4))));

  g_ptr_array_add (queries, query_new ("tag", g_strdup_printf ("tag:%s", tag0)));
  g_ptr_array_add (queries, query_new ("tag", g_strdup_printf ("tag:%s", tag1)));
  g_ptr_array_add (queries, query_new ("tag", g_strdup_printf ("tag:%s %s", tag0, word (6))));
  g_ptr_array_add (queries, query_new ("tag", g_strdup_printf ("tag:%s tag:%s", tag0, tag1)));

  g_ptr_array_add (queries, query_new ("site", g_strdup_printf ("site:%s", site0)));
  g_ptr_array_add (queries, query_new ("site", g_strdup_printf ("site:%s", site1)));
  g_ptr_array_add (queries, query_new ("site", g_strdup_printf ("site:%s %s", site0, word (30))));

  g_ptr_array_add (queries, query_new ("filter", g_strdup_printf ("color:green %s", word (12))));
  g_ptr_array_add (queries, query_new ("filter", g_strdup_printf ("has:notes %s", word (200))));
  g_ptr_array_add (queries, query_new ("filter", g_strdup ("has:highlights")));

  g_ptr_array_add (queries, query_new ("other", g_strdup ("zqxwvut")));
  g_ptr_array_add (queries, query_new ("other", g_strdup_printf ("%sx", word (70))));
  {
    /* The same word with an accent: found by folding. */
    g_autofree char *accented = g_strdup (word (33));
    GString *out = g_string_new (NULL);

    for (char *p = accented; *p; p++)
      {
        if (*p == 'e' && !strstr (out->str, "é"))
          g_string_append (out, "é");
        else
          g_string_append_c (out, *p);
      }
    g_ptr_array_add (queries, query_new ("other", g_string_free (out, FALSE)));
  }
  g_ptr_array_add (queries, query_new ("other", g_strdup_printf ("\"%s\"", word (11))));

  g_assert_cmpuint (queries->len, ==, BENCH_N_QUERIES);
  return queries;
}

static int
compare_doubles (gconstpointer a,
                 gconstpointer b)
{
  double x = *(const double *)a, y = *(const double *)b;

  return (x > y) - (x < y);
}

double
bench_percentile (GArray *times,
                  double  fraction)
{
  g_autoptr(GArray) sorted = g_array_copy (times);
  guint index;

  if (times->len == 0)
    return 0;

  g_array_sort (sorted, compare_doubles);
  index = (guint)ceil (fraction * sorted->len) - 1;
  return g_array_index (sorted, double, MIN (index, sorted->len - 1));
}

double
bench_median (GArray *times)
{
  return bench_percentile (times, 0.5);
}

/* A "VmRSS:"-style field of /proc/PID/status, in KiB; -1 if unknown. */
gint64
bench_status_kib (const char *pid,
                  const char *field)
{
  g_autofree char *path = g_strdup_printf ("/proc/%s/status", pid);
  g_autofree char *contents = NULL;
  const char *line;

  if (!g_file_get_contents (path, &contents, NULL, NULL) || !(line = strstr (contents, field)))
    return -1;

  return g_ascii_strtoll (line + strlen (field), NULL, 10);
}
