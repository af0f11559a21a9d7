/* test-extractor.c
 *
 * Copyright 2026 The Clipper authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include "clipper-error.h"
#include "clipper-extractor.h"
#include "clipper-extractor-private.h"
#include "clipper-json.h"

static ClipperArticle *
extract_fixture (const char *name,
                 const char *url)
{
  g_autofree char *path = g_test_build_filename (G_TEST_DIST, "fixtures", name, NULL);
  g_autofree char *contents = NULL;
  g_autofree char *uri = g_filename_to_uri (path, NULL, NULL);
  gsize length;

  g_assert_true (g_file_get_contents (path, &contents, &length, NULL));
  return clipper_extractor_extract (contents, length, url ? url : uri, NULL);
}

static void
assert_contains (const char *haystack,
                 const char *needle)
{
  if (strstr (haystack, needle) == NULL)
    g_error ("“%s” is missing from the extraction", needle);
}

static void
assert_lacks (const char *haystack,
              const char *needle)
{
  if (strstr (haystack, needle) != NULL)
    g_error ("“%s” should not be in the extraction", needle);
}

/* The seed article inside a Blogger page: exactly the post. */
static void
test_blogger (void)
{
  g_autoptr(ClipperArticle) article = extract_fixture ("blogger-post.html", NULL);
  g_autofree char *seed_path = g_test_build_filename (G_TEST_DIST, "..", "..", "shared", "seeds",
                                                      "000_07d08befc45e5372.txt", NULL);
  const char *chrome[] = {
    "World Desk Notes", "Popular Posts", "Blog Archive", "About Me", "Labels", "Share to Twitter",
    "Email This", "No comments:", "Post a Comment", "Newer Post", "Older Post", "Subscribe to",
    "Powered by", "View my complete profile", "Thursday, February 13, 2025",
  };
  const char *paragraphs[] = {
    "NATO membership for Ukraine ‘not realistic’ and Kyiv must abandon hopes of returning to pre-2014 borders, Hegseth says",
    "The US secretary of defense has signalled a major shift in Washington’s approach",
    "Europeans must provide ‘overwhelming share’",
    "That means, he continued, Ukraine must abandon its “illusionary goal”",
    "Under Article Five of NATO, an attack on one member is considered an attack on all members",
    "Ukrainian President Volodymyr Zelenskyy also said on Wednesday he had held a “meaningful” call with Trump.",
  };

  g_assert_true (article->is_article);
  g_assert_cmpstr (article->title, ==,
                   "US defence chief signals major shift in Ukraine support in first NATO meet");
  g_assert_cmpstr (article->lang, ==, "en");
  g_assert_cmpstr (article->published, ==, "2025-02-13T16:15:00Z");
  g_assert_cmpstr (article->byline, ==, "Desk Editor");

  for (guint i = 0; i < G_N_ELEMENTS (paragraphs); i++)
    assert_contains (article->text, paragraphs[i]);
  for (guint i = 0; i < G_N_ELEMENTS (chrome); i++)
    assert_lacks (article->text, chrome[i]);

  /* <br><br> runs became paragraphs. */
  g_assert_nonnull (strstr (article->text, "allies.\n\nPentagon Chief"));
  assert_contains (article->content, "images/hegseth.png");
  assert_lacks (article->content, "<script");
  assert_lacks (article->content, "<iframe");

  /* Every paragraph of the seed is there, in order. */
  if (g_file_test (seed_path, G_FILE_TEST_EXISTS))
    {
      g_autofree char *seed = NULL;
      g_auto(GStrv) lines = NULL;
      const char *cursor;
      gboolean inside = FALSE;

      g_assert_true (g_file_get_contents (seed_path, &seed, NULL, NULL));
      lines = g_strsplit (seed, "\n", -1);
      cursor = article->text;
      for (guint i = 0; lines[i]; i++)
        {
          const char *line = g_strstrip (lines[i]);
          const char *found;

          if (g_str_equal (line, "al Jazeera:"))
            inside = TRUE;
          if (!inside || line[0] == '\0')
            continue;
          if (g_str_equal (line, "No comments:"))
            break;

          found = strstr (cursor, line);
          if (found == NULL)
            g_error ("Seed line missing or out of order: %s", line);
          cursor = found + strlen (line);
        }
    }
}

static void
test_json_ld (void)
{
  g_autoptr(ClipperArticle) article = extract_fixture ("news-jsonld.html",
                                                       "https://news.example.org/2025/02/12/allies");

  g_assert_true (article->is_article);
  g_assert_cmpstr (article->title, ==, "Allies weigh defence spending targets");
  g_assert_cmpstr (article->byline, ==, "Maria Lopez, Tom Becker");
  g_assert_cmpstr (article->site_name, ==, "The Example Times");
  g_assert_cmpstr (article->published, ==, "2025-02-12T09:30:00Z");
  g_assert_cmpstr (article->excerpt, ==, "Members debate a call to spend 5 percent of GDP on defence.");
  g_assert_cmpstr (article->lang, ==, "en-GB");
  g_assert_cmpstr (article->lead_image, ==, "https://news.example.org/img/summit.jpg");

  assert_contains (article->text, "far beyond the current target of 2 percent");
  assert_contains (article->text, "What the ministers said");
  assert_contains (article->text, "realistic assessment of the battlefield");
  assert_contains (article->text, "Proposed target: 5 percent of GDP");
  assert_lacks (article->text, "We use cookies");
  assert_lacks (article->text, "Related stories");
  assert_lacks (article->text, "All rights reserved");
  assert_lacks (article->text, "Share on X");
  assert_lacks (article->text, "Politics");
}

static void
test_lazy_images (void)
{
  g_autoptr(ClipperArticle) article = extract_fixture ("lazy-images.html",
                                                       "https://photos.example.org/essays/harbour");

  assert_contains (article->content, "<img src=\"https://photos.example.org/essays/images/lazy.png\" alt=\"Boats at the quay\">");
  /* The widest candidate of a lazy srcset. */
  assert_contains (article->content, "alt=\"The fish market\" src=\"https://photos.example.org/essays/images/lazy.png\"");
  assert_lacks (article->content, "data:image/gif");
  assert_lacks (article->content, "data-src");
}

static void
test_not_article (void)
{
  g_autoptr(ClipperArticle) article = extract_fixture ("not-article.html", NULL);

  g_assert_false (article->is_article);
  g_assert_cmpstr (article->title, ==, "Sign in — Example Accounts");
  /* Kept whole, sanitised: the form is gone, the rest is there. */
  assert_contains (article->text, "Example Accounts");
  assert_contains (article->text, "Forgot your password?");
  assert_lacks (article->content, "<form");
  assert_lacks (article->content, "<input");
}

static void
test_charsets (void)
{
  g_autoptr(ClipperArticle) legacy = extract_fixture ("legacy-charset.html", NULL);
  g_autoptr(ClipperArticle) mismatch = extract_fixture ("charset-mismatch.html", NULL);

  g_assert_cmpstr (legacy->title, ==, "Un café à Bruxelles");
  assert_contains (legacy->text, "Le café crème coûte deux euros à la brasserie « Chez Zoé », où l’on parle");
  assert_contains (legacy->text, "— mais pas pour tout le monde");

  /* Declares ISO-8859-1, is UTF-8: read as what the bytes are. */
  g_assert_cmpstr (mismatch->title, ==, "Un café à Bruxelles");
  g_assert_cmpstr (mismatch->text, ==, legacy->text);
}

static void
test_invalid_utf8 (void)
{
  const char page[] = "<html><head><meta charset=\"utf-8\"><title>Bad \xff bytes</title></head>"
                      "<body><p>Valid text, then \xc3\x28 broken, then \xe2\x82 more, and the rest "
                      "of a long enough paragraph to count as an article for sure.</p></body></html>";
  g_autoptr(ClipperArticle) article = clipper_extractor_extract (page, sizeof page - 1, NULL, NULL);

  g_assert_true (g_utf8_validate (article->title, -1, NULL));
  g_assert_true (g_utf8_validate (article->content, -1, NULL));
  g_assert_true (g_utf8_validate (article->text, -1, NULL));
  assert_contains (article->text, "Valid text");
  assert_contains (article->text, "the rest of a long enough paragraph");
}

static void
test_rtl (void)
{
  g_autoptr(ClipperArticle) article = extract_fixture ("rtl.html", NULL);

  g_assert_cmpstr (article->dir, ==, "rtl");
  g_assert_cmpstr (article->lang, ==, "ar");
  g_assert_cmpstr (article->title, ==, "اجتماع وزراء الدفاع في بروكسل");
  assert_contains (article->text, "عقد وزراء الدفاع في حلف شمال الأطلسي");
}

static void
test_hostile (void)
{
  static const char utf16[] = "\xff\xfe<\x00h\x00t\x00m\x00l\x00>\x00";
  const char *pages[] = {
    "",
    "<",
    "<html><body></body></html>",
    utf16,
    "<script>while(1){}</script><p onload=x>hi",
    "<!DOCTYPE html><title>t</title><body><table><tr><td><table><tr><td><p>x</table></table>",
    "<html><head><script type=\"application/ld+json\">{\"@context\":\"https://schema.org\",\"@type\":\"NewsArticle\",\"author\":[[[[{}]]]],\"headline\":{\"x\":1}}</script></head><body><p>a</p></body></html>",
    "<html><head><script type=\"application/ld+json\">{{{{{{{{{{not json</script></head></html>",
    "<meta property=\"og:title\" content=\"&amp;amp;quot;Escaped&amp;amp;quot; &amp;#x1F600;\"><p>x</p>",
  };

  for (guint i = 0; i < G_N_ELEMENTS (pages); i++)
    {
      /* The UTF-16 page holds NULs: its length is the array's. */
      gsize length = pages[i] == utf16 ? sizeof utf16 - 1 : strlen (pages[i]);
      g_autoptr(ClipperArticle) article = clipper_extractor_extract (pages[i], length, NULL, NULL);

      g_assert_nonnull (article);
      g_assert_nonnull (article->title);
      g_assert_nonnull (article->content);
      g_assert_nonnull (article->text);
      g_assert_true (g_utf8_validate (article->content, -1, NULL));
      assert_lacks (article->content, "<script");
    }
}

/* Scripts are dropped before parsing; nothing around them may go. */
static void
test_scripts_dropped (void)
{
  const char page[] =
    "<html><head><title>Scripts everywhere</title>"
    "<script type=\"application/ld+json\">{\"@context\":\"https://schema.org\",\"@type\":\"Article\","
    "\"author\":{\"name\":\"Ada Writer\"}}</script>"
    "<style>p { color: red } /* </p> */</style></head><body>"
    "<p>Before the scripts, a paragraph long enough to be counted as part of the article text.</p>"
    "<!-- <script> a commented-out tag must not swallow what follows -->"
    "<p>Kept after the comment, another paragraph with enough words to stay in the article.</p>"
    "<SCRIPT type=\"text/javascript\">var s = \"<p>not text</p>\"; if (a < b) {}</SCRIPT>"
    "<p>After the script, the last paragraph of the article, long enough to be scored too.</p>"
    "<script>unterminated";
  g_autoptr(ClipperArticle) article = clipper_extractor_extract (page, sizeof page - 1, NULL, NULL);

  g_assert_cmpstr (article->byline, ==, "Ada Writer");
  assert_contains (article->text, "Before the scripts");
  assert_contains (article->text, "Kept after the comment");
  assert_contains (article->text, "After the script");
  assert_lacks (article->text, "not text");
  assert_lacks (article->text, "color: red");
}

static void
test_huge (void)
{
  g_autoptr(GString) page = g_string_new ("<html><head><title>Long read</title></head><body><article>");
  g_autoptr(ClipperArticle) article = NULL;

  for (guint i = 0; i < 20000; i++)
    g_string_append_printf (page, "<p>Paragraph %u, with a few words, commas, and a full stop.</p>", i);
  g_string_append (page, "</article></body></html>");

  article = clipper_extractor_extract (page->str, page->len, "https://example.org/", NULL);
  g_assert_true (article->is_article);
  assert_contains (article->text, "Paragraph 0,");
  assert_contains (article->text, "Paragraph 19999,");
}


/* A page may hide its body (and show it from a script): the content is
 * still the article, and extraction never reads the freed body. */
static void
test_hidden_body (void)
{
  const char *pages[] = {
    "<body hidden",
    "<body hidden><article><p>Hidden body, first paragraph, long enough to count, with commas, "
    "and more words.</p></article></body>",
    "<body style=\"display:none\"><article><p>Hidden body, first paragraph, long enough to count, "
    "with commas, and more words.</p></article></body>",
    "<body style=\"visibility: hidden\"><article><p>Hidden body, first paragraph, long enough to "
    "count, with commas, and more words.</p></article></body>",
    "<html><body aria-hidden=\"true\"><article><p>Hidden body, first paragraph, long enough to "
    "count, with commas, and more words.</p></article></body></html>",
    "<html><body role=\"dialog\" aria-modal=\"true\"><article><p>Hidden body, first paragraph, "
    "long enough to count, with commas, and more words.</p></article></body></html>",
  };

  for (guint i = 0; i < G_N_ELEMENTS (pages); i++)
    {
      g_autoptr(ClipperArticle) article = clipper_extractor_extract (pages[i], strlen (pages[i]), NULL, NULL);

      g_assert_nonnull (article->content);
      if (i > 0)
        assert_contains (article->text, "Hidden body, first paragraph");
    }
}

/* Hidden parts inside the body still go. */
static void
test_hidden_parts (void)
{
  const char page[] =
    "<html><body><article><p>The visible paragraph of the article, long enough to count, with "
    "commas, and more words. It goes on for a while, so that the page is an article: sentences "
    "about the weather, the sea, and the ice that is no longer there in the summer.</p>"
    "<p>A second paragraph, also long enough, with commas, clauses, and the kind of detail that "
    "readers of long articles expect, such as names, places, and dates of the events.</p>"
    "<p>A third paragraph closes the piece with a quotation, a date, and a last remark, so that "
    "the text as a whole clearly passes any threshold for being an article.</p>"
    "<div aria-hidden=\"true\">Screen readers skip this</div>"
    "<p hidden>Hidden paragraph</p><p style=\"display: none\">Undisplayed paragraph</p>"
    "</article></body></html>";
  g_autoptr(ClipperArticle) article = clipper_extractor_extract (page, sizeof page - 1, NULL, NULL);

  assert_contains (article->text, "The visible paragraph");
  assert_lacks (article->text, "Screen readers skip this");
  assert_lacks (article->text, "Hidden paragraph");
  assert_lacks (article->text, "Undisplayed paragraph");
}

#define JAPANESE "東京は今日は晴れです。明日は雨が降るでしょう。気温は二十度まで上がり、風は弱いでしょう。"

/* A declared charset that does not fit the bytes loses nothing: valid
 * UTF-8 is read as UTF-8 whatever the page or the server says. */
static void
test_wrong_declared_charset (void)
{
  const char *declared[] = { "shift_jis", "gb2312", "euc-kr", "windows-1252", "utf-16" };

  for (guint i = 0; i < G_N_ELEMENTS (declared); i++)
    {
      g_autofree char *page = g_strdup_printf ("<html><head><meta charset=\"%s\"><title>天気</title></head>"
                                               "<body><article><p>%s</p><p>%s</p><p>最後の段落。</p>"
                                               "</article></body></html>",
                                               declared[i], JAPANESE, JAPANESE);
      g_autoptr(ClipperArticle) in_meta = clipper_extractor_extract (page, strlen (page), NULL, NULL);
      g_autoptr(ClipperArticle) in_http = clipper_extractor_extract (page, strlen (page), NULL, declared[i]);

      g_assert_cmpstr (in_meta->title, ==, "天気");
      assert_contains (in_meta->text, JAPANESE);
      assert_contains (in_meta->text, "最後の段落。");
      g_assert_cmpstr (in_http->title, ==, "天気");
      assert_contains (in_http->text, "最後の段落。");
    }
}

/* Bytes that are not valid in the declared charset cost a character each
 * (U+FFFD), never the rest of the page. */
static void
test_lossy_decoding (void)
{
  g_autofree char *sjis_text = g_convert (JAPANESE, -1, "SHIFT_JIS", "UTF-8", NULL, NULL, NULL);
  g_autofree char *page = NULL;
  g_autoptr(ClipperArticle) article = NULL;

  g_assert_nonnull (sjis_text);
  /* 0xA0 cannot start a character in Shift_JIS, and 0x81 at the end of
   * the paragraph cuts one in half. */
  page = g_strdup_printf ("<html><head><meta charset=\"shift_jis\"><title>t</title></head><body><article>"
                          "<p>%s\xa0%s\x81</p><p>The last paragraph, in ASCII, long enough.</p>"
                          "</article></body></html>", sjis_text, sjis_text);
  article = clipper_extractor_extract (page, strlen (page), NULL, NULL);

  assert_contains (article->text, JAPANESE "\xef\xbf\xbd" JAPANESE);
  assert_contains (article->text, "The last paragraph, in ASCII");
}

/* Titles, bylines and site names reach terminals and rows: no controls. */
static void
test_metadata_controls (void)
{
  const char page[] =
    "<html><head><title>Red\xc2\x9b" "31m title \x1b]8;;https://evil.example\x07link\x1b]8;;\x07</title>"
    "<meta name=\"author\" content=\"Ada\x1b[2J Writer\">"
    "<meta property=\"og:site_name\" content=\"Site\x7f\x01\tName\">"
    "<meta property=\"og:image\" content=\"javascript:alert(1)\"></head>"
    "<body><article><p>A paragraph long enough to be the article, with commas, and words.</p>"
    "</article></body></html>";
  g_autoptr(ClipperArticle) article = clipper_extractor_extract (page, sizeof page - 1,
                                                                 "https://example.org/a", NULL);

  g_assert_cmpstr (article->title, ==, "Red31m title ]8;;https://evil.examplelink]8;;");
  g_assert_cmpstr (article->byline, ==, "Ada[2J Writer");
  g_assert_cmpstr (article->site_name, ==, "Site\tName");
  g_assert_null (article->lead_image);
}

static void
test_lead_image_resolved (void)
{
  const char page[] =
    "<html><head><title>t</title><meta property=\"og:image\" content=\"/images/lead.jpg\"></head>"
    "<body><article><p>A paragraph long enough to be the article, with commas, and words.</p>"
    "</article></body></html>";
  g_autoptr(ClipperArticle) article = clipper_extractor_extract (page, sizeof page - 1,
                                                                 "https://example.org/a/b", NULL);

  g_assert_cmpstr (article->lead_image, ==, "https://example.org/images/lead.jpg");
}

/* Removing a script leaves two text nodes side by side inside an element
 * the sanitizer then lifts its children out of: nothing may merge them
 * under its feet. */
static void
test_adjacent_text_lifted (void)
{
  const char page[] =
    "<html><body><article><p>A paragraph long enough to be the article, with commas, clauses, "
    "and more words about glaciers and the sea.</p><p>x<source>one<script>s()</script>two<b>three</b>"
    "<script>t()</script>four<i>five</i></source>z</p><p>Another paragraph long enough to count, "
    "with commas, clauses, and more words about the ice.</p></article></body></html>";
  g_autoptr(ClipperArticle) article = clipper_extractor_extract (page, sizeof page - 1, NULL, NULL);

  assert_contains (article->text, "xonetwothreefourfivez");
}

static void
test_json (void)
{
  g_autoptr(JsonNode) json = clipper_json_parse ("{\"a\": [1, 2.5e1, true, false, null],"
                                                 " \"b\": \"\\u00e9\\ud83d\\ude00\\n\"}", -1, NULL);
  const char *bad[] = { "", "{", "[1,]", "{\"a\" 1}", "\"unterminated", "tru", "{\"a\":1} x", "[\"\\ud800\"",
                        "{\"a\": \"\xff\"}", "{\"a\":\"\\ud80!0\"}", "[\"\\ud800 lone\"]",
                        "{\"\\ud800\": 1}" };

  g_assert_nonnull (json);
  g_assert_cmpuint (clipper_json_get_length (clipper_json_get_member (json, "a")), ==, 5);
  g_assert_cmpfloat (json_node_get_double (clipper_json_get_element (clipper_json_get_member (json, "a"), 1)), ==, 25);
  g_assert_cmpstr (clipper_json_get_member_string (json, "b"), ==, "é😀\n");
  /* Readers of the wrong shape answer nothing rather than fail. */
  g_assert_null (clipper_json_get_member_string (json, "a"));
  g_assert_null (clipper_json_get_element (clipper_json_get_member (json, "a"), 5));
  g_assert_null (clipper_json_get_member (clipper_json_get_member (json, "b"), "c"));
  g_assert_cmpuint (clipper_json_get_length (NULL), ==, 0);

  for (guint i = 0; i < G_N_ELEMENTS (bad); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(JsonNode) parsed = clipper_json_parse (bad[i], -1, &error);

      g_assert_null (parsed);
      g_assert_error (error, CLIPPER_ERROR, CLIPPER_ERROR_INVALID_INPUT);
    }
}

/* Nesting: the limit itself parses, one more level is refused, brackets
 * inside strings do not count. */
static void
test_json_depth (void)
{
  for (guint depth = CLIPPER_JSON_MAX_DEPTH; depth <= CLIPPER_JSON_MAX_DEPTH + 1; depth++)
    {
      g_autoptr(GString) text = g_string_new (NULL);
      g_autoptr(JsonNode) parsed = NULL;
      g_autoptr(GError) error = NULL;

      for (guint i = 0; i < depth; i++)
        g_string_append (text, i % 2 ? "{\"k\":" : "[");
      g_string_append (text, "\"[[[{{{\"");
      for (guint i = depth; i > 0; i--)
        g_string_append (text, (i - 1) % 2 ? "}" : "]");

      parsed = clipper_json_parse (text->str, text->len, &error);
      if (depth == CLIPPER_JSON_MAX_DEPTH)
        g_assert_no_error (error);
      else
        g_assert_error (error, CLIPPER_ERROR, CLIPPER_ERROR_INVALID_INPUT);
    }
}

/* Size: a document of exactly the limit parses, one byte more does not. */
static void
test_json_size (void)
{
  for (gsize size = CLIPPER_JSON_MAX_SIZE; size <= CLIPPER_JSON_MAX_SIZE + 1; size++)
    {
      g_autofree char *text = g_malloc (size + 1);
      g_autoptr(JsonNode) parsed = NULL;
      g_autoptr(GError) error = NULL;

      memset (text, ' ', size);
      memcpy (text, "[\"", 2);
      memcpy (text + size - 2, "\"]", 2);
      text[size] = '\0';

      parsed = clipper_json_parse (text, size, &error);
      if (size == CLIPPER_JSON_MAX_SIZE)
        {
          g_assert_no_error (error);
          g_assert_cmpuint (strlen (clipper_json_get_string (clipper_json_get_element (parsed, 0))), ==, size - 4);
        }
      else
        g_assert_error (error, CLIPPER_ERROR, CLIPPER_ERROR_TOO_LARGE);
    }
}

/* Output: C0, DEL and C1 controls escaped, other text as it is, and it
 * reads back as itself. */
static void
test_json_output (void)
{
  const char *text = "tab\there \x1b[31m del\x7f c1\xc2\x9b\xc2\x85 é😀 \xc2\xa0 \"q\" \\";
  g_autoptr(JsonNode) node = json_node_init_string (json_node_alloc (), text);
  g_autofree char *json = clipper_json_to_string (node);
  g_autoptr(JsonNode) back = clipper_json_parse (json, -1, NULL);

  g_assert_cmpstr (json, ==, "\"tab\\there \\u001b[31m del\\u007f c1\\u009b\\u0085 é😀 \xc2\xa0 \\\"q\\\" \\\\\"");
  g_assert_cmpstr (clipper_json_get_string (back), ==, text);
}

#define PARA "<p>The glacier retreated faster than any model had predicted, and scientists who " \
  "measured it every summer since 1998 said that melting ice shelves expose the coast, and more.</p>"

static ClipperArticle *
extract_in_article (const char *middle)
{
  g_autofree char *page = g_strconcat ("<html><head><title>Ice</title></head><body><article>",
                                       PARA, PARA, PARA, middle, PARA, PARA, PARA,
                                       "</article></body></html>", NULL);

  return clipper_extractor_extract (page, strlen (page), "https://example.org/a", NULL);
}

/* Conditional cleaning: a short block goes only when it holds a link; a
 * block saying only "Advertisement" or "Loading…" goes; a block left with
 * no running text goes, but a section heading alone in its block stays. */
static void
test_clean_short_blocks (void)
{
  g_autoptr(ClipperArticle) caption = extract_in_article (
    "<div><div><p><img src=\"/logo.png\"></p><div>SeaMonkey logo</div></div></div>");
  g_autoptr(ClipperArticle) linked = extract_in_article (
    "<div><div><p><img src=\"/logo.png\"></p><div>See <a href=\"/x\">more</a></div></div></div>");
  g_autoptr(ClipperArticle) ad = extract_in_article ("<div><div>Advertisement</div></div>");
  g_autoptr(ClipperArticle) ad_longer = extract_in_article ("<div><div>Advertisements</div></div>");
  g_autoptr(ClipperArticle) loading = extract_in_article ("<div><div>Loading…</div></div>");
  g_autoptr(ClipperArticle) loading_dots = extract_in_article ("<div><div>Chargement...</div></div>");
  g_autoptr(ClipperArticle) heading = extract_in_article ("<div><h3>Methods and materials</h3></div>");
  g_autoptr(ClipperArticle) orphan = extract_in_article (
    "<div><header><h3>Other people are reading</h3></header><ul class=\"people-reading\">"
    "<li><a href=\"/a\"><img src=\"/a.png\"></a><a href=\"/a\">One</a></li>"
    "<li><a href=\"/b\"><img src=\"/b.png\"></a><a href=\"/b\">Two</a></li></ul></div>");

  assert_contains (caption->text, "SeaMonkey logo");
  assert_lacks (linked->text, "See more");
  assert_lacks (ad->text, "Advertisement");
  assert_contains (ad_longer->text, "Advertisements");
  assert_lacks (loading->text, "Loading");
  assert_lacks (loading_dots->text, "Chargement");
  assert_contains (heading->text, "Methods and materials");
  assert_lacks (orphan->text, "Other people are reading");
}

/* A byline element is taken out of the article (the header names the
 * author; the body need not repeat it), but only when it is short before
 * its white space is collapsed. */
static void
test_byline_elements (void)
{
  const char *with_meta =
    "<html><head><title>Ice</title><meta name=\"author\" content=\"Ann Lee\"></head><body><article>"
    "<div class=\"byline\">By Ann Lee, 1:39 PM</div>" PARA PARA PARA PARA "</article></body></html>";
  const char *without_meta =
    "<html><head><title>Ice</title></head><body><article>"
    "<div class=\"byline\">By Ann Lee, 1:39 PM</div>" PARA PARA PARA PARA "</article></body></html>";
  g_autofree char *spread = g_strdup_printf (
    "<html><head><title>Ice</title></head><body><article>"
    "<div class=\"byline\"><span class=\"author\">Ann Lee</span>%s<time>1:39 PM</time></div>"
    PARA PARA PARA PARA "</article></body></html>", "                                                  "
    "                                                                          ");
  g_autoptr(ClipperArticle) a = clipper_extractor_extract (with_meta, strlen (with_meta), NULL, NULL);
  g_autoptr(ClipperArticle) b = clipper_extractor_extract (without_meta, strlen (without_meta), NULL, NULL);
  g_autoptr(ClipperArticle) c = clipper_extractor_extract (spread, strlen (spread), NULL, NULL);

  g_assert_cmpstr (a->byline, ==, "Ann Lee");
  assert_lacks (a->text, "1:39 PM");

  g_assert_cmpstr (b->byline, ==, "By Ann Lee, 1:39 PM");
  assert_lacks (b->text, "1:39 PM");

  /* The div is 124 characters with its spaces: not a byline; its span is. */
  g_assert_cmpstr (c->byline, ==, "Ann Lee");
  assert_contains (c->text, "1:39 PM");
}

/* A page too short to be sure of is kept whole, unless what was found
 * holds nine tenths of its text or more. */
static void
test_short_page_whole (void)
{
#define SHORT_PAGE                                                                                 \
  "<html><head><title>Short</title></head><body><h1>%s</h1><div>"                                  \
  "<p>Lorem ipsum dolor sit amet, consectetur adipisicing elit, sed do eiusmod tempor.</p>"        \
  "<p>Ut enim ad minim veniam, quis nostrud exercitation ullamco laboris nisi ut aliquip.</p>"     \
  "</div></body></html>"
  /* The paragraphs hold 163 characters: a 5-character heading leaves them
   * over nine tenths, a 30-character one under. */
  g_autofree char *small = g_strdup_printf (SHORT_PAGE, "Lorem");
  g_autofree char *large = g_strdup_printf (SHORT_PAGE, "A heading of thirty characters");
  g_autoptr(ClipperArticle) a = clipper_extractor_extract (small, strlen (small), NULL, NULL);
  g_autoptr(ClipperArticle) b = clipper_extractor_extract (large, strlen (large), NULL, NULL);

  g_assert_true (a->is_article);
  assert_lacks (a->text, "Lorem\n");
  assert_contains (a->text, "Ut enim");
  g_assert_false (b->is_article);
  assert_contains (b->text, "A heading of thirty characters");
  assert_contains (b->text, "Ut enim");
}

/* Dialogs over the page are not the article's. */
static void
test_dialog_dropped (void)
{
  g_autoptr(ClipperArticle) article = extract_in_article (
    "</article><div id=\"homepagedialog\"><h2>Make us your homepage</h2><ul>"
    "<li><p>On the toolbar, click Firefox, then click Preferences, and then General.</p></li>"
    "<li><p>In the text box next to Home page, simply type our address, then close it.</p></li>"
    "</ul></div><article>");

  assert_contains (article->text, "The glacier retreated");
  assert_lacks (article->text, "Make us your homepage");
}

/* The length every score is made of, against a plain reading of the rule:
 * characters, one for each run of white space between them, none for white
 * space before the first or after the last. Random texts of every length
 * around the eight-byte steps, with multi-byte characters and controls. */
static int
reference_length (const char *text)
{
  int length = 0;
  gboolean gap = FALSE, started = FALSE;

  for (const char *p = text; *p; p = g_utf8_next_char (p))
    {
      if (strchr (" \n\t\r\f", *p))
        {
          gap = TRUE;
          continue;
        }
      length += (gap && started) + 1;
      gap = FALSE;
      started = TRUE;
    }
  return length;
}

static void
test_text_length (void)
{
  static const char * const pieces[] = { "a", "Z", ",", " ", "  ", "\n", "\t", "\r\n", "\f", "\v",
                                         "\x01", "é", "€", "東", "𝄞", "،", "，", "x y" };
  g_autoptr(GRand) rand = g_rand_new_with_seed (20261202);

  for (guint round = 0; round < 4000; round++)
    {
      g_autoptr(GString) text = g_string_new (NULL);
      guint count = g_rand_int_range (rand, 0, 40);
      xmlNode *node;

      for (guint i = 0; i < count; i++)
        g_string_append (text, pieces[g_rand_int_range (rand, 0, G_N_ELEMENTS (pieces))]);

      node = xmlNewText ((const xmlChar *)text->str);
      g_assert_cmpint (_clipper_extractor_text_length (node), ==, reference_length (text->str));
      xmlFreeNode (node);
    }

  /* Counted node by node from each one's kept count, a run of texts and
   * elements reads as the texts joined. */
  for (guint round = 0; round < 2000; round++)
    {
      g_autoptr(GString) joined = g_string_new (NULL);
      xmlNode *root = xmlNewNode (NULL, (const xmlChar *)"div");
      xmlNode *parent = root;
      guint count = g_rand_int_range (rand, 0, 8);

      for (guint i = 0; i < count; i++)
        {
          g_autoptr(GString) text = g_string_new (NULL);
          guint length = g_rand_int_range (rand, 0, 6);

          for (guint j = 0; j < length; j++)
            g_string_append (text, pieces[g_rand_int_range (rand, 0, G_N_ELEMENTS (pieces))]);
          g_string_append (joined, text->str);

          /* Alternately nest deeper and step back out. */
          if (g_rand_boolean (rand))
            parent = xmlNewChild (parent, NULL, (const xmlChar *)"span", NULL);
          else if (parent != root)
            parent = parent->parent;
          xmlAddChild (parent, xmlNewText ((const xmlChar *)text->str));
        }

      g_assert_cmpint (_clipper_extractor_text_length_cached (root), ==, reference_length (joined->str));
      /* Again, from the counts kept the first time. */
      g_assert_cmpint (_clipper_extractor_text_length_cached (root), ==, reference_length (joined->str));
      xmlFreeNode (root);
    }
}

/* A link to "#" standing alone between blocks is a control for the page's
 * scripts; one inside a paragraph, one to a place in the page, and a long
 * one stay. */
static void
test_dead_link_controls (void)
{
  g_autoptr(ClipperArticle) article = extract_in_article (
    "<section>" PARA "<a href=\"#\">Feedback</a>" PARA
    "<a href=\"#\">Twenty-four characters..</a>" PARA
    "<a href=\"#\">Twenty-five characters...</a>" PARA
    "<a href=\"#notes\">Notes</a>" PARA "</section>"
    "<p>A paragraph with <a href=\"#\">a dead link</a> inside it, and more words, and commas.</p>");

  assert_lacks (article->text, "Feedback");
  assert_lacks (article->text, "Twenty-four characters");
  assert_contains (article->text, "Twenty-five characters");
  assert_contains (article->text, "Notes");
  assert_contains (article->text, "with a dead link inside");
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/clipper/extractor/blogger", test_blogger);
  g_test_add_func ("/clipper/extractor/json-ld", test_json_ld);
  g_test_add_func ("/clipper/extractor/lazy-images", test_lazy_images);
  g_test_add_func ("/clipper/extractor/not-article", test_not_article);
  g_test_add_func ("/clipper/extractor/charsets", test_charsets);
  g_test_add_func ("/clipper/extractor/invalid-utf8", test_invalid_utf8);
  g_test_add_func ("/clipper/extractor/rtl", test_rtl);
  g_test_add_func ("/clipper/extractor/hostile", test_hostile);
  g_test_add_func ("/clipper/extractor/scripts-dropped", test_scripts_dropped);
  g_test_add_func ("/clipper/extractor/huge", test_huge);
  g_test_add_func ("/clipper/extractor/hidden-body", test_hidden_body);
  g_test_add_func ("/clipper/extractor/hidden-parts", test_hidden_parts);
  g_test_add_func ("/clipper/extractor/wrong-declared-charset", test_wrong_declared_charset);
  g_test_add_func ("/clipper/extractor/lossy-decoding", test_lossy_decoding);
  g_test_add_func ("/clipper/extractor/metadata-controls", test_metadata_controls);
  g_test_add_func ("/clipper/extractor/lead-image", test_lead_image_resolved);
  g_test_add_func ("/clipper/extractor/adjacent-text-lifted", test_adjacent_text_lifted);
  g_test_add_func ("/clipper/extractor/text-length", test_text_length);
  g_test_add_func ("/clipper/extractor/clean-short-blocks", test_clean_short_blocks);
  g_test_add_func ("/clipper/extractor/byline-elements", test_byline_elements);
  g_test_add_func ("/clipper/extractor/short-page-whole", test_short_page_whole);
  g_test_add_func ("/clipper/extractor/dialog-dropped", test_dialog_dropped);
  g_test_add_func ("/clipper/extractor/dead-link-controls", test_dead_link_controls);
  g_test_add_func ("/clipper/json/parse", test_json);
  g_test_add_func ("/clipper/json/depth", test_json_depth);
  g_test_add_func ("/clipper/json/size", test_json_size);
  g_test_add_func ("/clipper/json/output", test_json_output);

  return g_test_run ();
}
