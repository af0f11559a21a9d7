/* test-sanitizer.c
 *
 * Copyright 2026 The Clipper authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include "clipper-capture.h"
#include "clipper-html.h"
#include "clipper-sanitizer.h"

#define BASE "https://example.org/news/story.html"

static char *
sanitize (const char *html)
{
  return clipper_sanitizer_sanitize (html, -1, BASE);
}

static void
assert_absent (const char *haystack,
               const char *needle)
{
  g_autofree char *lower = g_ascii_strdown (haystack, -1);

  if (strstr (lower, needle) != NULL)
    g_error ("“%s” should not be in: %s", needle, haystack);
}

static void
test_scripts (void)
{
  g_autofree char *out = sanitize ("<p>before</p><script>alert(1)</script>"
                                   "<SCRIPT src=//evil.example/x.js></SCRIPT>"
                                   "<noscript><p>no</p></noscript><p>after</p>");

  g_assert_cmpstr (out, ==, "<p>before</p><p>after</p>");
}

static void
test_event_handlers (void)
{
  g_autofree char *out = sanitize ("<p onclick=\"steal()\" ONMOUSEOVER='x'>hi</p>"
                                   "<img src=a.png onerror=\"boom()\" alt=\"A\">"
                                   "<body onload=x()><div style=\"background:url(javascript:x)\">s</div>");

  assert_absent (out, "onclick");
  assert_absent (out, "onmouseover");
  assert_absent (out, "onerror");
  assert_absent (out, "onload");
  assert_absent (out, "style");
  assert_absent (out, "javascript");
  g_assert_nonnull (strstr (out, "<img src=\"https://example.org/news/a.png\" alt=\"A\">"));
}

static void
test_javascript_urls (void)
{
  g_autofree char *out = sanitize ("<a href=\"javascript:alert(1)\">one</a>"
                                   "<a href=\" JaVaScRiPt:alert(2)\">two</a>"
                                   "<a href=\"java&#x09;script:alert(3)\">three</a>"
                                   "<a href=\"vbscript:x\">four</a>"
                                   "<a href=\"data:text/html,<script>x</script>\">five</a>"
                                   "<img src=\"javascript:alert(6)\">"
                                   "<img src=\"data:image/svg+xml,<svg onload=x>\">"
                                   "<a href=\"mailto:a@example.org\">mail</a>"
                                   "<a href=\"#note-1\">note</a>");

  assert_absent (out, "script");
  assert_absent (out, "data:");
  assert_absent (out, "<img");
  /* The link text stays; only the link goes. */
  g_assert_nonnull (strstr (out, "one"));
  g_assert_nonnull (strstr (out, "five"));
  g_assert_nonnull (strstr (out, "href=\"mailto:a@example.org\""));
  g_assert_nonnull (strstr (out, "href=\"#note-1\""));
}

static void
test_embedded (void)
{
  g_autofree char *out = sanitize ("<iframe src=\"https://evil.example/\"></iframe>"
                                   "<svg><script>alert(1)</script><circle/></svg>"
                                   "<math><mi>x</mi></math>"
                                   "<object data=\"x.swf\"></object><embed src=\"x.swf\">"
                                   "<form action=\"/steal\"><input name=pw><button>Go</button></form>"
                                   "<video src=\"v.mp4\"></video>"
                                   "<style>p{}</style><link rel=stylesheet href=x.css>"
                                   "<meta http-equiv=refresh content=\"0;url=https://evil.example\">"
                                   "<base href=\"https://evil.example/\">"
                                   "<p>kept</p>");

  /* MathML stays: formulas are content. */
  g_assert_cmpstr (out, ==, "<math><mi>x</mi></math><p>kept</p>");
}

static void
test_structure_kept (void)
{
  g_autofree char *out = sanitize ("<article class=x><h2 id=sub>Sub</h2>"
                                   "<p>A <em>b</em> <strong>c</strong> <code>d</code></p>"
                                   "<blockquote cite=\"/src\"><p>q</p></blockquote>"
                                   "<ul><li>one</li></ul><table><tr><td colspan=2>t</td></tr></table>"
                                   "<figure><img src=\"/i.jpg\" alt=\"\"><figcaption>cap</figcaption></figure>"
                                   "<custom-element>inner <b>bold</b></custom-element>"
                                   "<!-- a comment --></article>");

  g_assert_nonnull (strstr (out, "<h2 id=\"sub\">Sub</h2>"));
  g_assert_nonnull (strstr (out, "<em>b</em>"));
  g_assert_nonnull (strstr (out, "<blockquote cite=\"https://example.org/src\">"));
  g_assert_nonnull (strstr (out, "<td colspan=\"2\">t</td>"));
  g_assert_nonnull (strstr (out, "<img src=\"https://example.org/i.jpg\" alt=\"\">"));
  g_assert_nonnull (strstr (out, "inner <b>bold</b>"));
  assert_absent (out, "custom-element");
  assert_absent (out, "class=");
  assert_absent (out, "comment");
}

static void
test_malformed (void)
{
  g_autofree char *unclosed = sanitize ("<div><p>open <b>bold <i>both</div> tail");
  g_autofree char *binary = NULL;
  g_autofree char *empty = sanitize ("");
  char garbage[] = "<p>\xff\xfe bad \xc3\x28 bytes \x00 and more</p>";

  g_assert_nonnull (strstr (unclosed, "both"));
  g_assert_nonnull (strstr (unclosed, "tail"));
  g_assert_cmpstr (empty, ==, "");

  binary = clipper_sanitizer_sanitize (garbage, sizeof garbage - 1, BASE);
  g_assert_true (g_utf8_validate (binary, -1, NULL));
  g_assert_nonnull (strstr (binary, "and more"));
}

static void
test_huge (void)
{
  g_autoptr(GString) html = g_string_new ("<html><body>");
  g_autofree char *out = NULL;

  /* Deep nesting (libxml2's HTML parser stops at 256 levels) and a big
   * page: no stack overflow, nothing lost. */
  for (guint i = 0; i < 250; i++)
    g_string_append (html, "<div>");
  g_string_append (html, "deep");
  for (guint i = 0; i < 20000; i++)
    g_string_append_printf (html, "<p>Paragraph %u</p>", i);
  out = sanitize (html->str);
  g_assert_nonnull (strstr (out, "deep"));
  g_assert_nonnull (strstr (out, "Paragraph 19999"));
}

static void
test_capture (void)
{
  const char *page = "<html lang=\"de\"><head><title>  Ein   Titel </title></head>"
                     "<body><h1>Kopf</h1><p>Erster <br>Absatz</p><ul><li>a</li><li>b</li></ul>"
                     "<script>x</script></body></html>";
  g_autoptr(GError) error = NULL;
  g_autoptr(ClipperClipping) clipping = NULL;

  clipping = clipper_capture_page (page, strlen (page), BASE, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (clipper_clipping_get_title (clipping), ==, "Ein Titel");
  g_assert_cmpstr (clipper_clipping_get_lang (clipping), ==, "de");
  g_assert_cmpstr (clipper_clipping_get_url (clipping), ==, BASE);
  g_assert_cmpstr (clipper_clipping_get_text (clipping), ==, "Kopf\n\nErster\nAbsatz\n\na\nb");
  assert_absent (clipper_clipping_get_content (clipping), "script");
}

static void
test_capture_untitled (void)
{
  g_autoptr(ClipperClipping) empty = NULL;
  g_autoptr(ClipperClipping) untitled = NULL;
  const char *page = "<p>First words of the page\nand more</p>";

  empty = clipper_capture_page ("", 0, NULL, NULL, NULL);
  g_assert_cmpstr (clipper_clipping_get_title (empty), ==, "Untitled");

  untitled = clipper_capture_page (page, strlen (page), NULL, NULL, NULL);
  g_assert_cmpstr (clipper_clipping_get_title (untitled), ==, "First words of the page and more");
}

static void
test_legacy_charset (void)
{
  /* “Café” in windows-1252, undeclared; and declared ISO-8859-1. */
  const char undeclared[] = "<p>Caf\xe9 cr\xe8me</p>";
  const char declared[] = "<meta charset=\"iso-8859-1\"><p>Gr\xfc\xdf" "e</p>";
  g_autoptr(ClipperClipping) a = clipper_capture_page (undeclared, sizeof undeclared - 1, NULL, NULL, NULL);
  g_autoptr(ClipperClipping) b = clipper_capture_page (declared, sizeof declared - 1, NULL, NULL, NULL);

  g_assert_cmpstr (clipper_clipping_get_text (a), ==, "Café crème");
  g_assert_cmpstr (clipper_clipping_get_text (b), ==, "Grüße");
}


/* The library's own scheme comes only from the capture, never a page. */
static void
test_clipper_urls (void)
{
  g_autofree char *out = sanitize ("<img src=\"clipper://resource/../../../tmp/x\">"
                                   "<img src=\"clipper://resource/"
                                   "0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef\">"
                                   "<a href=\"clipper://clipping/1\">link</a><p>kept</p>");
  g_autofree char *relative = clipper_sanitizer_sanitize ("<img src=\"../x.png\"><p>kept</p>", -1,
                                                          "clipper://clipping/3");

  assert_absent (out, "clipper:");
  assert_absent (out, "<img");
  g_assert_nonnull (strstr (out, "link"));
  assert_absent (relative, "clipper:");
}

/* Lifting and unwrapping move text next to other text; libxml2 would
 * merge and free the moved node under the walk. */
static void
test_adjacent_text (void)
{
  const char *pages[] = {
    "<p>a<span>b</span>c<custom>d<b>e</b>f</custom>g</p>",
    "<p>one<wbr>two</wbr>three<img src=\"/i.png\">four</img>five</p>",
    "<p>x<embed>lifted text</embed>y<source>more</source>z</p>",
    "<div>a<font>b<font>c</font>d</font>e</div>",
    /* An element libxml2 does not know as void holds two children, the
     * first of which meets text when lifted. */
    "<p>x<source>one<b>two</b>three</source>z</p>",
  };
  const char *expected[] = {
    "<p>a<span>b</span>cd<b>e</b>fg</p>", NULL, NULL, "<div>abcde</div>", "<p>xone<b>two</b>threez</p>",
  };

  for (guint i = 0; i < G_N_ELEMENTS (pages); i++)
    {
      g_autofree char *out = sanitize (pages[i]);

      g_assert_nonnull (out);
      if (expected[i])
        g_assert_cmpstr (out, ==, expected[i]);
    }
}

/* MathML's presentation markup stays, without its ways to run or load
 * anything. */
static void
test_mathml (void)
{
  g_autofree char *out = sanitize ("<p>Euler: <math display=\"block\"><semantics><mrow><msup><mi>e</mi>"
                                   "<mrow><mi>i</mi><mi href=\"javascript:alert(1)\">π</mi></mrow></msup>"
                                   "<mo>+</mo><mn>1</mn><mo>=</mo><mn>0</mn></mrow>"
                                   "<annotation-xml encoding=\"text/html\"><b onclick=\"x()\">html</b></annotation-xml>"
                                   "<annotation encoding=\"TeX\">e^{i\\pi}+1=0</annotation></semantics>"
                                   "<maction actiontype=\"statusline\"><mi>x</mi><mtext>hover</mtext></maction>"
                                   "</math></p>");

  g_assert_nonnull (strstr (out, "<math display=\"block\">"));
  g_assert_nonnull (strstr (out, "<msup><mi>e</mi>"));
  g_assert_nonnull (strstr (out, "<mo>=</mo><mn>0</mn>"));
  assert_absent (out, "javascript");
  assert_absent (out, "annotation");
  assert_absent (out, "onclick");
  assert_absent (out, "maction");
  assert_absent (out, "hover");
}

/* Two text nodes side by side in an element whose children are lifted
 * out (earlier removals leave them so): the second must not be merged
 * into the first, and freed, while the lifting still holds it. */
static void
test_adjacent_text_nodes_lifted (void)
{
  const char html[] = "<p>x<source>one<b>three</b></source>z</p>";
  g_autoptr(xmlDoc) doc = clipper_html_parse (html, sizeof html - 1, "UTF-8");
  xmlNode *body = clipper_html_get_body (doc);
  xmlNode *p = body->children;
  xmlNode *source = p->children->next;
  g_autofree char *out = NULL;

  g_assert_cmpstr ((const char *)source->name, ==, "source");
  clipper_html_move_after (xmlNewDocText (doc, (const xmlChar *)"two"), source->children);
  g_assert_true (source->children->next->type == XML_TEXT_NODE);

  clipper_sanitizer_clean (body, BASE);
  out = clipper_html_serialize_children (doc, body);
  g_assert_cmpstr (out, ==, "<p>xonetwo<b>three</b>z</p>");
}

/* The plain text stored for search and shown by the CLI: runs of white
 * space become one space, none at the ends; blocks are separated by a
 * blank line, list items and cells by a line break; <pre> keeps its
 * white space; what a browser hides is left out. */
static void
test_readable_text (void)
{
  static const struct {
    const char *html;
    const char *text;
  } cases[] = {
    { "<p>  one \n\t two  </p>", "one two" },
    { "<p>one</p><p>two</p>", "one\n\ntwo" },
    { "<ul><li>one</li><li> two </li></ul>", "one\ntwo" },
    { "<p>a<br>b</p>", "a\nb" },
    { "<p>a <b>bold</b>, <i> c </i>d</p>", "a bold, c d" },
    { "<pre>  x\n    y  </pre><p>z</p>", "  x\n    y  \n\nz" },
    { "<p>before</p><script>var x;</script><style>p{}</style><p>after</p>", "before\n\nafter" },
    { "<table><tr><td>1</td><td>2</td></tr></table>", "1\n2" },
    { "<div>   </div><p>é €  東</p>", "é € 東" },
    { "", "" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *page = g_strconcat ("<html><body>", cases[i].html, "</body></html>", NULL);
      g_autoptr(xmlDoc) doc = clipper_html_parse (page, strlen (page), "UTF-8");
      g_autofree char *text = clipper_html_dup_text (clipper_html_get_body (doc));

      g_assert_cmpstr (text, ==, cases[i].text);
    }
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/clipper/sanitizer/scripts", test_scripts);
  g_test_add_func ("/clipper/html/readable-text", test_readable_text);
  g_test_add_func ("/clipper/sanitizer/event-handlers", test_event_handlers);
  g_test_add_func ("/clipper/sanitizer/javascript-urls", test_javascript_urls);
  g_test_add_func ("/clipper/sanitizer/embedded", test_embedded);
  g_test_add_func ("/clipper/sanitizer/structure-kept", test_structure_kept);
  g_test_add_func ("/clipper/sanitizer/malformed", test_malformed);
  g_test_add_func ("/clipper/sanitizer/clipper-urls", test_clipper_urls);
  g_test_add_func ("/clipper/sanitizer/mathml", test_mathml);
  g_test_add_func ("/clipper/sanitizer/adjacent-text-nodes-lifted", test_adjacent_text_nodes_lifted);
  g_test_add_func ("/clipper/sanitizer/adjacent-text", test_adjacent_text);
  g_test_add_func ("/clipper/sanitizer/huge", test_huge);
  g_test_add_func ("/clipper/capture/page", test_capture);
  g_test_add_func ("/clipper/capture/untitled", test_capture_untitled);
  g_test_add_func ("/clipper/capture/legacy-charset", test_legacy_charset);

  return g_test_run ();
}
