/* test-anchor.c
 *
 * Copyright 2026 The Clipper authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include "clipper-anchor.h"
#include "clipper-capture.h"
#include "clipper-document.h"
#include "clipper-text.h"

/* The offset, in UTF-16 units, of @needle in @text. */
static gint64
offset_of (ClipperAnchorText *text,
           const char        *needle)
{
  const char *utf8 = clipper_anchor_text_get_utf8 (text);
  const char *found = strstr (utf8, needle);
  g_autofree gunichar2 *units = NULL;
  glong length;

  g_assert_nonnull (found);
  units = g_utf8_to_utf16 (utf8, found - utf8, NULL, &length, NULL);
  return length;
}

static gint64
units_of (const char *text)
{
  g_autofree gunichar2 *units = NULL;
  glong length;

  units = g_utf8_to_utf16 (text, -1, NULL, &length, NULL);
  return length;
}

static ClipperSelector *
select_text (ClipperAnchorText *text,
             const char        *quote)
{
  gint64 start = offset_of (text, quote);

  return clipper_selector_new (text, start, start + units_of (quote));
}

static void
assert_located (ClipperAnchorText     *text,
                const ClipperSelector *selector,
                ClipperAnchorMatch     how,
                const char            *expected)
{
  gint64 start = -1, end = -1;
  g_autofree char *found = NULL;

  g_assert_cmpint (clipper_anchor_locate (text, selector, &start, &end), ==, how);
  found = clipper_anchor_text_slice (text, start, end);
  g_assert_cmpstr (found, ==, expected);
}

static void
test_canonical_text (void)
{
  g_autoptr(ClipperAnchorText) text = clipper_anchor_text_new_from_html (
    "<h2>Title</h2>\n<p>Hello <b>world</b> &amp; <a href=\"x\">friends</a>.</p>\n"
    "<table><tr><td>cell</td> <td>two</td></tr>\n</table><p>Caf\xc3\xa9</p>");

  /* Blank text between top-level blocks and in table structure is out. */
  g_assert_cmpstr (clipper_anchor_text_get_utf8 (text), ==,
                   "TitleHello world & friends.celltwoCafé");
}

static void
test_position_and_context (void)
{
  g_autoptr(ClipperAnchorText) text = clipper_anchor_text_new ("The quick brown fox jumps over the lazy dog.");
  g_autoptr(ClipperSelector) selector = select_text (text, "brown fox");

  g_assert_cmpstr (selector->exact, ==, "brown fox");
  g_assert_cmpstr (selector->prefix, ==, "The quick ");
  g_assert_cmpstr (selector->suffix, ==, " jumps over the lazy dog.");
  g_assert_cmpint (selector->start, ==, 10);
  g_assert_cmpint (selector->end, ==, 19);
  assert_located (text, selector, CLIPPER_ANCHOR_POSITION, "brown fox");
}

static void
test_moved (void)
{
  g_autoptr(ClipperAnchorText) before = clipper_anchor_text_new ("Alpha. Beta gamma delta. Epsilon.");
  g_autoptr(ClipperAnchorText) after = clipper_anchor_text_new ("A new first paragraph.\n\nAlpha. Beta gamma delta. Epsilon.");
  g_autoptr(ClipperSelector) selector = select_text (before, "gamma delta");

  assert_located (after, selector, CLIPPER_ANCHOR_EXACT, "gamma delta");
}

static void
test_repeated (void)
{
  const char *doc = "I said yes. Then she said yes, and he said no. Finally they said yes together.";
  g_autoptr(ClipperAnchorText) text = clipper_anchor_text_new (doc);
  g_autoptr(ClipperAnchorText) shifted = NULL;
  g_autoptr(ClipperSelector) selector = NULL;
  g_autofree char *moved = g_strconcat ("Preface. ", doc, NULL);
  gint64 start = offset_of (text, "she said yes") + 4;
  gint64 found_start, found_end;

  selector = clipper_selector_new (text, start, start + 8);
  g_assert_cmpstr (selector->exact, ==, "said yes");

  /* Moved: three places say "said yes"; the context picks the second. */
  shifted = clipper_anchor_text_new (moved);
  g_assert_cmpint (clipper_anchor_locate (shifted, selector, &found_start, &found_end), ==, CLIPPER_ANCHOR_EXACT);
  g_assert_cmpint (found_start, ==, start + 9);

  /* By quote alone it is ambiguous; context settles it. */
  g_assert_cmpint (clipper_anchor_find_quote (text, "said yes", NULL, NULL, &found_start, &found_end), ==, 3);
  g_assert_cmpint (clipper_anchor_find_quote (text, "said yes", "she ", NULL, &found_start, &found_end), ==, 1);
  g_assert_cmpint (found_start, ==, start);
  g_assert_cmpint (clipper_anchor_find_quote (text, "not there", NULL, NULL, &found_start, &found_end), ==, 0);
}

static void
test_fuzzy (void)
{
  g_autoptr(ClipperAnchorText) before = clipper_anchor_text_new (
    "Hegseth said that any security guarantee must be backed by capable European and "
    "non-European troops, not supported by Article 5 protections. Other text follows here.");
  g_autoptr(ClipperAnchorText) edited = clipper_anchor_text_new (
    "An inserted paragraph at the top.\n\nHegseth said that any security guarantee would have to be backed by capable "
    "European and non-European  troops, not supported by Article Five protections. Other text follows here.");
  g_autoptr(ClipperSelector) selector = select_text (before,
    "any security guarantee must be backed by capable European and non-European troops");
  gint64 start, end;
  g_autofree char *found = NULL;

  g_assert_cmpint (clipper_anchor_locate (edited, selector, &start, &end), ==, CLIPPER_ANCHOR_FUZZY);
  found = clipper_anchor_text_slice (edited, start, end);
  g_assert_cmpstr (found, ==,
                   "any security guarantee would have to be backed by capable European and non-European  troops");
}

static void
test_orphan (void)
{
  g_autoptr(ClipperAnchorText) before = clipper_anchor_text_new ("Keep this. Remove this whole sentence about tanks. Keep that.");
  g_autoptr(ClipperAnchorText) after = clipper_anchor_text_new ("Keep this. Keep that. Something entirely different is written here now.");
  g_autoptr(ClipperSelector) selector = select_text (before, "Remove this whole sentence about tanks.");
  gint64 start, end;

  g_assert_cmpint (clipper_anchor_locate (after, selector, &start, &end), ==, CLIPPER_ANCHOR_ORPHAN);
}

static void
test_unicode (void)
{
  /* e + combining acute, an emoji (a surrogate pair), Arabic, CJK. */
  g_autoptr(ClipperAnchorText) text = clipper_anchor_text_new (
    "Cafe\xcc\x81 \xf0\x9f\x98\x80 smile. \xd8\xa7\xd9\x84\xd8\xb3\xd9\x84\xd8\xa7\xd9\x85 "
    "\xe4\xb8\xad\xe6\x96\x87\xe6\x96\x87\xe6\x9c\xac end");
  g_autoptr(ClipperSelector) emoji = select_text (text, "\xf0\x9f\x98\x80 smile");
  g_autoptr(ClipperSelector) arabic = select_text (text, "\xd8\xa7\xd9\x84\xd8\xb3\xd9\x84\xd8\xa7\xd9\x85");
  g_autoptr(ClipperSelector) cjk = select_text (text, "\xe6\x96\x87\xe6\x96\x87");
  g_autoptr(ClipperAnchorText) moved = NULL;
  g_autofree char *half = NULL;

  /* Combining mark: 5 units for "Café", the emoji 2 units. */
  g_assert_cmpint (emoji->start, ==, 6);
  g_assert_cmpint (emoji->end, ==, 14);
  g_assert_cmpstr (emoji->prefix, ==, "Cafe\xcc\x81 ");
  assert_located (text, emoji, CLIPPER_ANCHOR_POSITION, "\xf0\x9f\x98\x80 smile");
  assert_located (text, arabic, CLIPPER_ANCHOR_POSITION, "\xd8\xa7\xd9\x84\xd8\xb3\xd9\x84\xd8\xa7\xd9\x85");
  assert_located (text, cjk, CLIPPER_ANCHOR_POSITION, "\xe6\x96\x87\xe6\x96\x87");

  moved = clipper_anchor_text_new ("\xf0\x9f\x8e\x89 Cafe\xcc\x81 \xf0\x9f\x98\x80 smile. \xd8\xa7\xd9\x84\xd8\xb3\xd9\x84\xd8\xa7\xd9\x85 "
                                   "\xe4\xb8\xad\xe6\x96\x87\xe6\x96\x87\xe6\x9c\xac end");
  assert_located (moved, emoji, CLIPPER_ANCHOR_EXACT, "\xf0\x9f\x98\x80 smile");
  assert_located (moved, cjk, CLIPPER_ANCHOR_EXACT, "\xe6\x96\x87\xe6\x96\x87");

  /* A slice never splits a surrogate pair. */
  half = clipper_anchor_text_slice (text, 7, 8);
  g_assert_true (g_utf8_validate (half, -1, NULL));
}

static void
test_long_text (void)
{
  g_autoptr(GString) doc = g_string_new (NULL);
  g_autoptr(ClipperAnchorText) text = NULL;
  g_autoptr(ClipperAnchorText) edited = NULL;
  g_autoptr(ClipperSelector) selector = NULL;
  g_autofree char *changed = NULL;
  gint64 start, end;
  char *p;

  for (guint i = 0; i < 3000; i++)
    g_string_append_printf (doc, "Sentence number %u says something about defence spending. ", i);
  text = clipper_anchor_text_new (doc->str);
  selector = select_text (text, "Sentence number 2500 says something about defence");

  changed = g_strdup (doc->str);
  /* One edit inside the quote: its neighbours differ by one unit too, and
   * the context must pick the right one. */
  p = strstr (changed, "Sentence number 2500 says");
  memcpy (p, "Sentence number 2500 sayz", 25);
  edited = clipper_anchor_text_new (changed);

  g_assert_cmpint (clipper_anchor_locate (edited, selector, &start, &end), ==, CLIPPER_ANCHOR_FUZZY);
  g_assert_cmpint (start, ==, selector->start);
}

/* @text without any white space: the document model collapses it. */
static char *
without_space (const char *text)
{
  GString *out = g_string_new (NULL);

  for (const char *p = text; *p; p++)
    if (!clipper_text_is_space (*p))
      g_string_append_c (out, *p);
  return g_string_free (out, FALSE);
}

/* The text of the runs a highlight covers, in document order. */
static char *
document_text_of (ClipperDocument *document,
                  gint64           id)
{
  GString *out = g_string_new (NULL);

  for (guint b = 0; b < document->blocks->len; b++)
    {
      ClipperBlock *block = g_ptr_array_index (document->blocks, b);

      for (guint r = 0; r < block->runs->len; r++)
        {
          ClipperRun *run = g_ptr_array_index (block->runs, r);

          for (guint h = 0; h < run->highlights->len; h++)
            if (g_array_index (run->highlights, gint64, h) == id)
              g_string_append (out, run->text);
        }
    }
  return g_string_free (out, FALSE);
}

/* Anchoring and the document model the exports read count the same
 * canonical text: a highlight at the start, the middle and the end of
 * every fixture covers the same characters in both. (The page script's
 * text is compared with the same fixtures in the window test.) */
static void
test_document_agrees (void)
{
  const char *fixtures[] = {
    "article.html", "blogger-post.html", "news-jsonld.html", "lazy-images.html",
    "not-article.html", "legacy-charset.html", "charset-mismatch.html", "rtl.html", "unicode.html",
  };

  for (guint i = 0; i < G_N_ELEMENTS (fixtures); i++)
    {
      g_autofree char *path = g_build_filename (g_getenv ("G_TEST_SRCDIR"), "fixtures", fixtures[i], NULL);
      g_autofree char *uri = g_filename_to_uri (path, NULL, NULL);
      g_autofree char *contents = NULL;
      g_autoptr(ClipperClipping) clipping = NULL;
      g_autoptr(ClipperAnchorText) text = NULL;
      g_autoptr(GPtrArray) highlights = g_ptr_array_new_with_free_func (g_object_unref);
      g_autoptr(ClipperDocument) document = NULL;
      g_autoptr(GError) error = NULL;
      gsize length;
      gint64 units;

      g_assert_true (g_file_get_contents (path, &contents, &length, NULL));
      clipping = clipper_capture_page (contents, length, uri, NULL, &error);
      g_assert_no_error (error);
      text = clipper_anchor_text_new_from_html (clipper_clipping_get_content (clipping));
      units = clipper_anchor_text_get_length (text);
      g_assert_cmpint (units, >, 40);

      for (guint j = 0; j < 3; j++)
        {
          gint64 start = j == 0 ? 0 : j == 1 ? units / 2 : units - 12;
          ClipperSelector *selector = clipper_selector_new (text, start, start + 12);
          ClipperHighlight *highlight = clipper_highlight_new ();

          clipper_highlight_set_id (highlight, j + 1);
          clipper_highlight_set_start (highlight, selector->start);
          clipper_highlight_set_end (highlight, selector->end);
          clipper_highlight_set_exact (highlight, selector->exact);
          clipper_highlight_set_color (highlight, "yellow");
          g_ptr_array_add (highlights, highlight);
          clipper_selector_free (selector);
        }

      document = clipper_document_new (clipping, highlights, NULL);
      for (guint j = 0; j < highlights->len; j++)
        {
          ClipperHighlight *highlight = g_ptr_array_index (highlights, j);
          g_autofree char *in_document = document_text_of (document, clipper_highlight_get_id (highlight));
          g_autofree char *want = without_space (clipper_highlight_get_exact (highlight));
          g_autofree char *got = without_space (in_document);

          g_test_message ("%s: [%" G_GINT64_FORMAT ", %" G_GINT64_FORMAT ") “%s”", fixtures[i],
                          clipper_highlight_get_start (highlight), clipper_highlight_get_end (highlight),
                          clipper_highlight_get_exact (highlight));
          g_assert_cmpstr (got, ==, want);
        }
    }
}

/* HTML's white space is five characters; no-break and zero-width spaces
 * are text. */
static void
test_white_space (void)
{
  g_autofree char *collapsed = clipper_text_collapse ("\f  a\t\r\nb \xc2\xa0 c\xe2\x80\x8b d\v ");

  g_assert_true (clipper_text_is_space (' '));
  g_assert_true (clipper_text_is_space ('\f'));
  g_assert_false (clipper_text_is_space ('\v'));
  g_assert_true (clipper_text_is_blank (" \n\t\r\f"));
  g_assert_true (clipper_text_is_blank (""));
  g_assert_false (clipper_text_is_blank ("\xc2\xa0"));
  g_assert_cmpstr (collapsed, ==, "a b \xc2\xa0 c\xe2\x80\x8b d\v");
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/clipper/anchor/canonical-text", test_canonical_text);
  g_test_add_func ("/clipper/anchor/document-agrees", test_document_agrees);
  g_test_add_func ("/clipper/anchor/white-space", test_white_space);
  g_test_add_func ("/clipper/anchor/position-and-context", test_position_and_context);
  g_test_add_func ("/clipper/anchor/moved", test_moved);
  g_test_add_func ("/clipper/anchor/repeated", test_repeated);
  g_test_add_func ("/clipper/anchor/fuzzy", test_fuzzy);
  g_test_add_func ("/clipper/anchor/orphan", test_orphan);
  g_test_add_func ("/clipper/anchor/unicode", test_unicode);
  g_test_add_func ("/clipper/anchor/long-text", test_long_text);

  return g_test_run ();
}
