/* test-boundaries.c
 *
 * Copyright 2026 The Clipper authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Rules pinned at their boundaries, each where a one-line mistake would
 * cross it: anchoring's error bound (the exact number of edits allowed,
 * and one more), the position check over the whole quote, each negated
 * word of a query on its own, a quoted phrase at the end of a query, the
 * published-date order with undated clippings last, share blocks inside
 * an article, SVG images in data: addresses, and the PDF's page numbers.
 * tests/mutants.txt lists the mistakes; build-aux/mutate runs them.
 */

#include "config.h"

#include "clipper-test-util.h"

#include <glib/gstdio.h>
#include <string.h>

#include "clipper-anchor.h"
#include "clipper-capture.h"
#include "clipper-document.h"
#include "clipper-extractor.h"
#include "clipper-pdf-writer.h"
#include "clipper-query.h"
#include "clipper-sanitizer.h"
#include "clipper-store.h"

/* Forty characters with no repeats of four or more, among other text. */
#define QUOTE "Kvetch-Quartz-Jumbo-Flax-Wyde-Glyph-0123"

static char *
with_substitutions (const char *quote,
                    guint       n)
{
  char *edited = g_strdup (quote);
  guint length = strlen (quote);

  /* Spread out, each to a character the quote never has. */
  for (guint i = 0; i < n; i++)
    edited[(i * length) / n] = '~';
  return edited;
}

static ClipperAnchorMatch
locate_in (const char *page_text,
           gint64      old_start)
{
  g_autoptr(ClipperAnchorText) before = NULL;
  g_autoptr(ClipperAnchorText) after = clipper_anchor_text_new (page_text);
  g_autoptr(ClipperSelector) selector = NULL;
  g_autofree char *original = g_strdup_printf ("%s%s%s", "lorem ipsum dolor sit amet; ", QUOTE,
                                               " and then some more words follow it.");
  gint64 start, end;

  before = clipper_anchor_text_new (original);
  selector = clipper_selector_new (before, old_start, old_start + strlen (QUOTE));
  g_assert_cmpstr (selector->exact, ==, QUOTE);
  return clipper_anchor_locate (after, selector, &start, &end);
}

/* A quarter of a 40-character quote may differ: 10 edits, not 11. */
static void
test_anchor_error_bound (void)
{
  gint64 at = strlen ("lorem ipsum dolor sit amet; ");

  for (guint n = 8; n <= 12; n++)
    {
      g_autofree char *edited = with_substitutions (QUOTE, n);
      g_autofree char *text = g_strdup_printf ("lorem ipsum dolor sit amet; %s and then some more words follow it.",
                                               edited);
      ClipperAnchorMatch match = locate_in (text, at);

      if (n <= 10)
        g_assert_cmpint (match, ==, CLIPPER_ANCHOR_FUZZY);
      else
        g_assert_cmpint (match, ==, CLIPPER_ANCHOR_ORPHAN);
    }
}

/* At its old position only if the whole quote is there: the first half
 * unchanged and the second half changed is not "at its position". */
static void
test_anchor_position_whole_quote (void)
{
  gint64 at = strlen ("lorem ipsum dolor sit amet; ");
  g_autofree char *edited = g_strdup (QUOTE);
  g_autofree char *text = NULL;
  ClipperAnchorMatch match;

  edited[strlen (QUOTE) - 1] = '9';
  text = g_strdup_printf ("lorem ipsum dolor sit amet; %s and then some more words follow it.", edited);
  match = locate_in (text, at);
  g_assert_cmpint (match, ==, CLIPPER_ANCHOR_FUZZY);

  /* Unchanged, it is at its position. */
  g_free (text);
  text = g_strdup_printf ("lorem ipsum dolor sit amet; %s and then some more words follow it.", QUOTE);
  g_assert_cmpint (locate_in (text, at), ==, CLIPPER_ANCHOR_POSITION);
}


/* Offsets are UTF-16 units: a selection whose end falls inside a
 * surrogate pair takes the whole character, and one that ends just after
 * a pair does not reach into the next. */
static void
test_anchor_surrogates (void)
{
  g_autoptr(ClipperAnchorText) text = clipper_anchor_text_new ("ab😀cd😀ef");
  g_autoptr(ClipperSelector) inside = NULL;
  g_autoptr(ClipperSelector) after_pair = NULL;
  g_autoptr(ClipperSelector) from_inside = NULL;

  /* a b [D83D DE00] c d [D83D DE00] e f */
  inside = clipper_selector_new (text, 0, 3);
  g_assert_cmpstr (inside->exact, ==, "ab😀");
  g_assert_cmpint (inside->end, ==, 4);

  after_pair = clipper_selector_new (text, 0, 4);
  g_assert_cmpstr (after_pair->exact, ==, "ab😀");
  g_assert_cmpint (after_pair->end, ==, 4);

  from_inside = clipper_selector_new (text, 3, 6);
  g_assert_cmpstr (from_inside->exact, ==, "😀cd");
  g_assert_cmpint (from_inside->start, ==, 2);
}

typedef struct
{
  char         *dir;
  ClipperStore *store;
} Library;

static void
library_open (Library *library)
{
  g_autofree char *path = NULL;
  g_autoptr(GError) error = NULL;

  library->dir = g_dir_make_tmp ("clipper-boundaries-XXXXXX", NULL);
  path = g_build_filename (library->dir, "library.db", NULL);
  library->store = clipper_store_open (path, &error);
  g_assert_no_error (error);
}

static void
library_close (Library *library)
{
  g_clear_object (&library->store);
  clipper_test_remove_tree (library->dir);
  g_free (library->dir);
}

static gint64
add (Library    *library,
     const char *title,
     const char *text,
     const char *published,
     gint64      clipped_at)
{
  g_autoptr(ClipperClipping) clipping = clipper_clipping_new ();
  g_autofree char *content = g_strdup_printf ("<p>%s</p>", text);
  g_autoptr(GError) error = NULL;
  gint64 id;

  clipper_clipping_set_title (clipping, title);
  clipper_clipping_set_url (clipping, "https://example.org/");
  clipper_clipping_set_content (clipping, content);
  clipper_clipping_set_text (clipping, text);
  clipper_clipping_set_published (clipping, published);
  clipper_clipping_set_clipped_at (clipping, clipped_at);
  id = clipper_store_add_clipping (library->store, clipping, &error);
  g_assert_no_error (error);
  return id;
}

/* The ids a search finds, in its order, as "1 2 3". */
static char *
search (Library     *library,
        const char  *text,
        ClipperSort  sort)
{
  g_autoptr(ClipperQuery) query = clipper_query_parse (text);
  g_autoptr(GArray) ids = NULL;
  g_autoptr(GError) error = NULL;
  GString *out = g_string_new (NULL);

  ids = clipper_store_search_ids (library->store, query, sort, &error);
  g_assert_no_error (error);
  for (guint i = 0; i < ids->len; i++)
    g_string_append_printf (out, "%s%" G_GINT64_FORMAT, i ? " " : "", g_array_index (ids, gint64, i));
  return g_string_free (out, FALSE);
}

/* Each negated word excludes on its own: -a -b keeps neither the
 * clippings with a nor those with b. */
static void
test_negated_words (void)
{
  Library library = { 0 };
  gint64 apple, banana, both, neither;
  g_autofree char *found = NULL;
  g_autofree char *expected = NULL;
  g_autofree char *one = NULL;

  library_open (&library);
  apple = add (&library, "One", "an apple a day", NULL, 100);
  banana = add (&library, "Two", "a banana a day", NULL, 200);
  both = add (&library, "Three", "apple and banana", NULL, 300);
  neither = add (&library, "Four", "a cherry a day", NULL, 400);

  found = search (&library, "-apple -banana", CLIPPER_SORT_CLIPPED);
  expected = g_strdup_printf ("%" G_GINT64_FORMAT, neither);
  g_assert_cmpstr (found, ==, expected);

  one = search (&library, "day -apple", CLIPPER_SORT_CLIPPED);
  g_free (expected);
  expected = g_strdup_printf ("%" G_GINT64_FORMAT " %" G_GINT64_FORMAT, neither, banana);
  g_assert_cmpstr (one, ==, expected);
  (void)apple;
  (void)both;
  library_close (&library);
}

/* A quoted phrase is whole words, at the end of the query too; a word
 * typed last (unquoted) is a prefix. */
static void
test_phrase_at_end (void)
{
  Library library = { 0 };
  g_autofree char *phrase = NULL;
  g_autofree char *phrase_first = NULL;
  g_autofree char *prefix = NULL;
  g_autofree char *expected = NULL;
  gint64 id;

  library_open (&library);
  id = add (&library, "Sea", "the ice loss in the arctic", NULL, 100);

  phrase = search (&library, "arctic \"ice los\"", CLIPPER_SORT_CLIPPED);
  g_assert_cmpstr (phrase, ==, "");
  phrase_first = search (&library, "\"ice los\" arctic", CLIPPER_SORT_CLIPPED);
  g_assert_cmpstr (phrase_first, ==, "");
  prefix = search (&library, "arctic los", CLIPPER_SORT_CLIPPED);
  expected = g_strdup_printf ("%" G_GINT64_FORMAT, id);
  g_assert_cmpstr (prefix, ==, expected);
  library_close (&library);
}

/* By date published: newest first, undated last (newest clipped first
 * among them). */
static void
test_published_order (void)
{
  Library library = { 0 };
  g_autofree char *order = NULL;
  g_autofree char *expected = NULL;
  gint64 old, recent, undated_early, undated_late, middle;

  library_open (&library);
  undated_early = add (&library, "A", "text one", NULL, 100);
  old = add (&library, "B", "text two", "2001-05-01T00:00:00Z", 200);
  recent = add (&library, "C", "text three", "2025-01-01T00:00:00Z", 300);
  undated_late = add (&library, "D", "text four", NULL, 400);
  middle = add (&library, "E", "text five", "2012-07-07T00:00:00Z", 500);

  order = search (&library, "", CLIPPER_SORT_PUBLISHED);
  expected = g_strdup_printf ("%" G_GINT64_FORMAT " %" G_GINT64_FORMAT " %" G_GINT64_FORMAT
                              " %" G_GINT64_FORMAT " %" G_GINT64_FORMAT,
                              recent, middle, old, undated_late, undated_early);
  g_assert_cmpstr (order, ==, expected);
  library_close (&library);
}

#define PARAGRAPH "<p>A paragraph of the article, long enough to count, with commas, clauses, and " \
  "the words of a real piece of writing about glaciers and the sea.</p>"

/* A short share block inside the article goes; a long one is content. */
static void
test_share_inside_article (void)
{
  const char page[] = "<html><body><article>" PARAGRAPH PARAGRAPH
                      "<p class=\"share-tools\">Share on Mastodon, by email, or with friends and colleagues.</p>"
                      PARAGRAPH PARAGRAPH "</article></body></html>";
  g_autoptr(ClipperArticle) article = clipper_extractor_extract (page, sizeof page - 1, NULL, NULL);

  g_assert_true (article->is_article);
  g_assert_null (strstr (article->text, "Share on Mastodon"));
  g_assert_nonnull (strstr (article->text, "glaciers and the sea"));
}

/* Sections, divs and headers with nothing in them go from the article. */
static void
test_empty_blocks (void)
{
  const char page[] = "<html><body><article>" PARAGRAPH "<section class=\"x\"> </section>" PARAGRAPH
                      "<div class=\"y\"><br></div>" PARAGRAPH "<header class=\"z\"></header>"
                      PARAGRAPH "</article></body></html>";
  g_autoptr(ClipperArticle) article = clipper_extractor_extract (page, sizeof page - 1, NULL, NULL);

  g_assert_true (article->is_article);
  g_assert_null (strstr (article->content, "<section"));
  g_assert_null (strstr (article->content, "<header"));
  g_assert_null (strstr (article->content, "<br"));
}

/* SVG can carry script: no SVG image from a data: address, well-formed
 * or not, base64 or not; other data: images stay. */
static void
test_svg_data_images (void)
{
  g_autofree char *out = clipper_sanitizer_sanitize (
    "<p><img src=\"data:image/svg+xml;base64,PHN2ZyB4bWxucz0iaHR0cDovL3d3dy53My5vcmcvMjAwMC9zdmciLz4=\">"
    "<img src=\"DATA:IMAGE/SVG+XML;utf8,<svg xmlns='http://www.w3.org/2000/svg'/>\">"
    "<img src=\"data:image/png;base64,iVBORw0KGgo=\"></p>", -1, "https://example.org/");

  g_assert_null (strstr (out, "svg"));
  g_assert_null (strstr (out, "SVG"));
  g_assert_nonnull (strstr (out, "data:image/png;base64,iVBORw0KGgo="));
}

static char *
pdf_text (const char *path,
          int         page)
{
  g_autofree char *first = g_strdup_printf ("%d", page);
  const char *argv[] = { "pdftotext", "-layout", "-f", first, "-l", first, path, "-", NULL };
  char *out = NULL;

  g_assert_true (g_spawn_sync (NULL, (char **)argv, NULL, G_SPAWN_SEARCH_PATH | G_SPAWN_STDERR_TO_DEV_NULL,
                               NULL, NULL, &out, NULL, NULL, NULL));
  return out;
}

/* Every page has its number at the foot. */
static void
test_pdf_page_numbers (void)
{
  g_autoptr(GString) page = g_string_new ("<html><head><title>Numbers</title></head><body><article>");
  g_autoptr(ClipperClipping) clipping = NULL;
  g_autoptr(GPtrArray) documents = g_ptr_array_new_with_free_func ((GDestroyNotify)clipper_document_free);
  g_autoptr(GFile) file = NULL;
  g_autoptr(GFileOutputStream) stream = NULL;
  g_autofree char *dir = g_dir_make_tmp ("clipper-pdf-XXXXXX", NULL);
  g_autofree char *path = g_build_filename (dir, "numbers.pdf", NULL);
  g_autofree char *program = g_find_program_in_path ("pdftotext");

  if (program == NULL)
    {
      g_test_skip ("pdftotext is not installed");
      return;
    }

  for (guint i = 0; i < 120; i++)
    g_string_append (page, PARAGRAPH);
  g_string_append (page, "</article></body></html>");
  clipping = clipper_capture_page (page->str, page->len, "https://example.org/", NULL, NULL);
  g_ptr_array_add (documents, clipper_document_new (clipping, NULL, NULL));
  file = g_file_new_for_path (path);
  stream = g_file_replace (file, NULL, FALSE, G_FILE_CREATE_NONE, NULL, NULL);
  g_assert_true (clipper_pdf_write (documents, NULL, CLIPPER_EXPORT_ARTICLE, CLIPPER_PAPER_A4,
                                    G_OUTPUT_STREAM (stream), NULL));
  g_output_stream_close (G_OUTPUT_STREAM (stream), NULL, NULL);

  for (int n = 1; n <= 3; n++)
    {
      g_autofree char *text = pdf_text (path, n);
      g_auto(GStrv) lines = g_strsplit (g_strstrip (text), "\n", -1);
      guint last = g_strv_length (lines) - 1;
      g_autofree char *expected = g_strdup_printf ("%d", n);

      g_assert_cmpstr (g_strstrip (lines[last]), ==, expected);
    }

  g_unlink (path);
  g_rmdir (dir);
}

/* A title is kept whole up to the limit, whatever its length below it;
 * past it (only a hostile page goes there) it is cut at a word boundary
 * with an ellipsis, or inside its one unbroken word. */
static void
test_title_whole (void)
{
  g_autoptr(GString) title = g_string_new (NULL);
  g_autofree char *at_limit = NULL;
  g_autofree char *past = NULL;
  g_autofree char *one_word = NULL;
  g_autofree char *word = g_strnfill (CLIPPER_TITLE_MAX_CHARS + 1, 'x');
  g_autofree char *long_title = NULL;
  g_autoptr(ClipperClipping) clipping = NULL;

  /* 250 characters, cut at 200 before: whole now, mid-word and all. */
  while (g_utf8_strlen (title->str, -1) < 250)
    g_string_append (title, "Überlänge ");
  g_string_truncate (title, title->len - 1);
  long_title = g_strdup (title->str);
  {
    g_autofree char *page = g_strdup_printf ("<html><head><title>%s</title></head><body><p>Short.</p></body></html>",
                                             long_title);

    clipping = clipper_capture_page (page, strlen (page), "https://example.org/t", NULL, NULL);
    g_assert_cmpstr (clipper_clipping_get_title (clipping), ==, long_title);
  }

  g_string_truncate (title, 0);
  while (g_utf8_strlen (title->str, -1) < CLIPPER_TITLE_MAX_CHARS)
    g_string_append (title, "ab ");
  g_string_truncate (title, g_utf8_offset_to_pointer (title->str, CLIPPER_TITLE_MAX_CHARS) - title->str);
  at_limit = clipper_capture_shorten_title (title->str);
  g_assert_cmpstr (at_limit, ==, title->str);

  g_string_append (title, "c");
  past = clipper_capture_shorten_title (title->str);
  g_assert_true (g_str_has_suffix (past, "ab…"));
  g_assert_cmpint (g_utf8_strlen (past, -1), <=, CLIPPER_TITLE_MAX_CHARS);

  one_word = clipper_capture_shorten_title (word);
  g_assert_cmpint (g_utf8_strlen (one_word, -1), ==, CLIPPER_TITLE_MAX_CHARS);
  g_assert_true (g_str_has_suffix (one_word, "x…"));
}

/* The date published, for people: a day read as one is formatted; free
 * text is shown as the page gave it; unknown is NULL. */
static void
test_published_for_people (void)
{
  g_autoptr(ClipperClipping) clipping = clipper_clipping_new ();
  g_autofree char *none = clipper_clipping_format_published (clipping);
  g_autofree char *day = NULL;
  g_autofree char *text = NULL;

  g_assert_null (none);
  clipper_clipping_set_published (clipping, "2025-03-04T10:00:00Z");
  day = clipper_clipping_format_published (clipping);
  g_assert_cmpstr (day, ==, "4 Mar 2025");

  clipper_clipping_set_published (clipping, "Spring 2025");
  text = clipper_clipping_format_published (clipping);
  g_assert_cmpstr (text, ==, "Spring 2025");
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/clipper/boundaries/title-whole", test_title_whole);
  g_test_add_func ("/clipper/boundaries/published-for-people", test_published_for_people);
  g_test_add_func ("/clipper/boundaries/anchor-error-bound", test_anchor_error_bound);
  g_test_add_func ("/clipper/boundaries/anchor-position-whole-quote", test_anchor_position_whole_quote);
  g_test_add_func ("/clipper/boundaries/anchor-surrogates", test_anchor_surrogates);
  g_test_add_func ("/clipper/boundaries/negated-words", test_negated_words);
  g_test_add_func ("/clipper/boundaries/phrase-at-end", test_phrase_at_end);
  g_test_add_func ("/clipper/boundaries/published-order", test_published_order);
  g_test_add_func ("/clipper/boundaries/share-inside-article", test_share_inside_article);
  g_test_add_func ("/clipper/boundaries/empty-blocks", test_empty_blocks);
  g_test_add_func ("/clipper/boundaries/svg-data-images", test_svg_data_images);
  g_test_add_func ("/clipper/boundaries/pdf-page-numbers", test_pdf_page_numbers);

  return g_test_run ();
}
