/* test-citation.c
 *
 * Copyright 2026 The Clipper authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Citations: names from bylines, keys and their collisions, the fields a
 * person sets surviving a re-clip, provenance, and the three formats.
 */

#include "config.h"

#include <string.h>

#include "clipper-capture.h"
#include "clipper-cite-formats.h"
#include "clipper-error.h"
#include "clipper-report.h"
#include "clipper-store.h"
#include "clipper-test-util.h"

typedef struct
{
  const char *byline;
  const char *expected; /* as clipper_citation_format_authors() writes them */
} NameCase;

static char *
format_names (const char *byline)
{
  g_autoptr(ClipperCitation) citation = clipper_citation_new ();

  g_ptr_array_unref (citation->authors);
  citation->authors = clipper_names_parse (byline);
  return clipper_citation_format_authors (citation);
}

static void
test_names (void)
{
  const NameCase cases[] = {
    { "Jane Doe", "Doe, Jane" },
    { "By Jane Doe and John Smith", "Doe, Jane; Smith, John" },
    { "Jane Doe, John Smith & Ann Lee", "Doe, Jane; Smith, John; Lee, Ann" },
    { "Doe, Jane", "Doe, Jane" },
    { "Jean-Paul de la Fontaine", "de la Fontaine, Jean-Paul" },
    { "Ludwig van Beethoven", "van Beethoven, Ludwig" },
    { "Reuters", "{Reuters}" },
    { "Reuters Staff", "{Reuters Staff}" },
    { "The Associated Press", "{The Associated Press}" },
    { "Jane Doe and Reuters Staff", "Doe, Jane; {Reuters Staff}" },
    { "  ", "" },
    { "", "" },
    { "María José García Márquez", "Márquez, María José García" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *names = format_names (cases[i].byline);

      g_assert_cmpstr (names, ==, cases[i].expected);
    }

  {
    g_autofree char *none = format_names (NULL);

    g_assert_cmpstr (none, ==, "");
  }
}

static ClipperCitation *
citation_with (const char *byline,
               const char *title,
               const char *issued)
{
  ClipperCitation *citation = clipper_citation_new ();

  g_ptr_array_unref (citation->authors);
  citation->authors = clipper_names_parse (byline);
  citation->title = g_strdup (title);
  citation->issued = g_strdup (issued);
  return citation;
}

static void
test_key_base (void)
{
  struct { const char *byline, *title, *issued, *key; } cases[] = {
    { "Jane Doe", "The Glacier in Retreat", "2025-02-13", "doeglacier2025" },
    { "Jane Doe", "On the Ice", "2025", "doeice2025" },
    { "Jane Doe", "Glacier", NULL, "doeglacier" },
    { "Reuters Staff", "Markets fall", "2024-01", "reutersmarkets2024" },
    { "Zoë Šimić", "Élan vital", "2020", "simicelan2020" },
    { NULL, "The 2024 election", "2024", "election2024" },
    { NULL, "2024", "2024", "item2024" },
    { NULL, "", NULL, "item" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(ClipperCitation) citation = citation_with (cases[i].byline, cases[i].title, cases[i].issued);
      g_autofree char *key = clipper_citation_dup_key_base (citation);

      /* A key never starts with a digit: BibTeX tools refuse those. */
      if (g_ascii_isdigit (cases[i].key[0]))
        {
          g_autofree char *prefixed = g_strconcat ("item", cases[i].key, NULL);

          g_assert_cmpstr (key, ==, prefixed);
        }
      else
        g_assert_cmpstr (key, ==, cases[i].key);
    }
}

/* Dates as the page gave them: the date part is kept, anything else is
 * not a date. */
static void
test_issued (void)
{
  struct { const char *in, *out; } cases[] = {
    { "2025-02-13T16:15:00Z", "2025-02-13" },
    { "2025-02-13", "2025-02-13" },
    { "2025-02", "2025-02" },
    { "2025", "2025" },
    { "2025-2-13", NULL },
    { "2025-13", NULL },
    { "2025-02-30", NULL },
    { "2024-02-29", "2024-02-29" },
    { "2025-00-10", NULL },
    { "13 February 2025", NULL },
    { "202", NULL },
    { "20251", NULL },
    { NULL, NULL },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *issued = clipper_issued_from_date (cases[i].in);

      g_assert_cmpstr (issued, ==, cases[i].out);
    }
}

static void
test_set_field (void)
{
  g_autoptr(ClipperCitation) citation = citation_with ("Jane Doe", "Glacier", "2025");
  struct { const char *field, *value; } bad[] = {
    { "key", "has space" }, { "key", "" }, { "type", "book" }, { "issued", "2025-13" },
    { "issued", "last year" }, { "accessed", "2025" }, { "accessed", "2025-02-30" }, { "colour", "x" },
  };
  g_autofree char *authors = NULL;

  for (guint i = 0; i < G_N_ELEMENTS (bad); i++)
    {
      g_autoptr(GError) error = NULL;

      g_assert_false (clipper_citation_set_field (citation, bad[i].field, bad[i].value, &error));
      g_assert_error (error, CLIPPER_ERROR, CLIPPER_ERROR_INVALID_INPUT);
    }
  g_assert_cmpuint (citation->edited, ==, 0);

  g_assert_true (clipper_citation_set_field (citation, "authors", "Doe, Jane; {World Glacier Monitoring Service}; Smith", NULL));
  authors = clipper_citation_format_authors (citation);
  g_assert_cmpstr (authors, ==, "Doe, Jane; {World Glacier Monitoring Service}; Smith");
  g_assert_true (clipper_citation_set_field (citation, "accessed", "2026-01-31", NULL));
  g_assert_cmpint (citation->accessed, ==, 1769817600);
  g_assert_true (clipper_citation_set_field (citation, "issued", "", NULL));
  g_assert_null (citation->issued);
  g_assert_true (clipper_citation_set_field (citation, "type", "article-newspaper", NULL));
  g_assert_cmpint (citation->type, ==, CLIPPER_ITEM_NEWSPAPER_ARTICLE);
  g_assert_cmpuint (citation->edited, ==, CLIPPER_CITATION_FIELD_AUTHORS | CLIPPER_CITATION_FIELD_ACCESSED |
                                          CLIPPER_CITATION_FIELD_ISSUED | CLIPPER_CITATION_FIELD_TYPE);
}

/* LaTeX's special characters are escaped; UTF-8 stays. */
static void
test_bibtex_escape (void)
{
  g_autofree char *escaped = clipper_cite_bibtex_escape ("50% of $5 & #1_a {b} ~c^ \\d é");

  g_assert_cmpstr (escaped, ==,
                   "50\\% of \\$5 \\& \\#1\\_a \\{b\\} \\textasciitilde{}c\\textasciicircum{} "
                   "\\textbackslash{}d é");
}

static ClipperCitation *
sample_citation (void)
{
  ClipperCitation *citation = citation_with ("Jane Doe and Reuters Staff", "Glaciers & the 50% question",
                                             "2025-02-13");

  citation->key = g_strdup ("doeglaciers2025");
  citation->type = CLIPPER_ITEM_NEWSPAPER_ARTICLE;
  citation->container = g_strdup ("The World Desk");
  citation->url = g_strdup ("https://worlddesk.example/2025/02/glaciers?a=1&b=2");
  citation->accessed = 1764720000; /* 2025-12-03 */
  citation->language = g_strdup ("en");
  return citation;
}

static void
test_formats (void)
{
  g_autoptr(GPtrArray) citations = g_ptr_array_new_with_free_func ((GDestroyNotify)clipper_citation_free);
  g_autofree char *csl = NULL;
  g_autofree char *bib = NULL;
  g_autofree char *ris = NULL;

  g_ptr_array_add (citations, sample_citation ());
  csl = clipper_cite_write (citations, CLIPPER_CITE_FORMAT_CSL_JSON);
  bib = clipper_cite_write (citations, CLIPPER_CITE_FORMAT_BIBTEX);
  ris = clipper_cite_write (citations, CLIPPER_CITE_FORMAT_RIS);

  g_assert_nonnull (strstr (csl, "\"type\" : \"article-newspaper\""));
  g_assert_nonnull (strstr (csl, "\"family\" : \"Doe\""));
  g_assert_nonnull (strstr (csl, "\"literal\" : \"Reuters Staff\""));
  g_assert_nonnull (strstr (csl, "\"date-parts\" : [\n"));

  g_assert_true (g_str_has_prefix (bib, "@article{doeglaciers2025,\n  entrysubtype = {newspaper},\n"));
  g_assert_nonnull (strstr (bib, "  author = {Doe, Jane and {Reuters Staff}},\n"));
  g_assert_nonnull (strstr (bib, "  title = {Glaciers \\& the 50\\% question},\n"));
  g_assert_nonnull (strstr (bib, "  journaltitle = {The World Desk},\n"));
  g_assert_nonnull (strstr (bib, "  date = {2025-02-13},\n"));
  g_assert_nonnull (strstr (bib, "  url = {https://worlddesk.example/2025/02/glaciers?a=1&b=2},\n"));
  g_assert_nonnull (strstr (bib, "  urldate = {2025-12-03},\n"));

  g_assert_true (g_str_has_prefix (ris, "TY  - NEWS\r\nAU  - Doe, Jane\r\nAU  - Reuters Staff\r\n"));
  g_assert_nonnull (strstr (ris, "DA  - 2025/02/13/\r\n"));
  g_assert_nonnull (strstr (ris, "Y2  - 2025/12/03/\r\n"));
  g_assert_true (g_str_has_suffix (ris, "ER  - \r\n"));
}

/* Text fragments: "-", "," and "&" escaped inside a part, a few words of
 * context, a long quote by its first and last words, the page's own
 * fragment dropped. */
static void
test_text_fragment (void)
{
  g_autofree char *simple = clipper_report_text_fragment ("https://example.org/a#top", "one two three four",
                                                          "well-known, & true", "five six seven eight");
  g_autofree char *bare = clipper_report_text_fragment ("https://example.org/a", "", "quote", NULL);
  g_autofree char *long_quote = clipper_report_text_fragment ("https://example.org/a", NULL,
                                                              "a b c d e f g h i j k l m n o p q r s t u v w x y z "
                                                              "a b c d e f g h i j k l m n o p q r s t u v w x y z "
                                                              "a b c d e f g h i j k l m n o p q r s t u v w x y z "
                                                              "a b c d e f g h i j k l m n o p q r s t u v w x y z end",
                                                              NULL);

  g_assert_cmpstr (simple, ==, "https://example.org/a#:~:text=two%20three%20four-,well%2Dknown%2C%20%26%20true,-five%20six%20seven");
  g_assert_cmpstr (bare, ==, "https://example.org/a#:~:text=quote");
  g_assert_cmpstr (long_quote, ==, "https://example.org/a#:~:text=a%20b%20c%20d%20e,w%20x%20y%20z%20end");
}

typedef struct
{
  char         *dir;
  ClipperStore *store;
} Fixture;

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  g_autofree char *path = NULL;
  g_autoptr(GError) error = NULL;

  fixture->dir = g_dir_make_tmp ("clipper-cite-XXXXXX", NULL);
  path = g_build_filename (fixture->dir, "library.db", NULL);
  fixture->store = clipper_store_open (path, &error);
  g_assert_no_error (error);
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  g_clear_object (&fixture->store);
  clipper_test_remove_tree (fixture->dir);
  g_clear_pointer (&fixture->dir, g_free);
}

static gint64
clip (Fixture    *fixture,
      const char *url,
      const char *byline,
      const char *paragraph)
{
  g_autofree char *page = g_strdup_printf ("<html><head><title>Glaciers in retreat</title>"
                                           "<meta name=\"author\" content=\"%s\">"
                                           "<meta property=\"article:published_time\" content=\"2025-02-13T10:00:00Z\">"
                                           "<meta property=\"og:site_name\" content=\"The World Desk\">"
                                           "<script type=\"application/ld+json\">{\"@context\": \"https://schema.org\","
                                           " \"@type\": \"NewsArticle\", \"headline\": \"Glaciers in retreat\"}</script>"
                                           "</head><body><article><h1>Glaciers in retreat</h1><p>%s</p>"
                                           "<p>The glacier retreated faster than any model had predicted, and "
                                           "scientists who measured it every summer since 1998 said so.</p>"
                                           "</article></body></html>",
                                           byline, paragraph);
  g_autoptr(ClipperClipping) clipping = clipper_capture_page (page, strlen (page), url, "UTF-8", NULL);
  g_autoptr(GError) error = NULL;
  gboolean refreshed;
  gint64 id;

  id = clipper_capture_save (fixture->store, clipping, FALSE, &refreshed, &error);
  g_assert_no_error (error);
  return id;
}

/* Clipping fills the citation; two clippings whose keys would collide get
 * "a" and "b"; the provenance is the canonical text's digest. */
static void
test_capture (Fixture       *fixture,
              gconstpointer  data)
{
  gint64 first = clip (fixture, "https://worlddesk.example/a", "Jane Doe", "One.");
  gint64 second = clip (fixture, "https://worlddesk.example/b", "Jane Doe", "Two.");
  gint64 third = clip (fixture, "https://worlddesk.example/c", "Jane Doe", "Three.");
  g_autoptr(ClipperCitation) a = clipper_store_find_citation (fixture->store, first, NULL);
  g_autoptr(ClipperCitation) b = clipper_store_find_citation (fixture->store, second, NULL);
  g_autoptr(ClipperCitation) c = clipper_store_find_citation (fixture->store, third, NULL);
  g_autoptr(ClipperClipping) stored = clipper_store_find_clipping (fixture->store, first, NULL);
  g_autoptr(ClipperAnchorText) text = clipper_anchor_text_new_from_html (clipper_clipping_get_content (stored));
  g_autofree char *digest = g_compute_checksum_for_string (G_CHECKSUM_SHA256, clipper_anchor_text_get_utf8 (text), -1);
  g_autoptr(GError) error = NULL;
  g_autoptr(ClipperCitation) none = clipper_store_find_citation (fixture->store, 999, &error);

  g_assert_cmpstr (a->key, ==, "doeglaciers2025");
  g_assert_cmpstr (b->key, ==, "doeglaciers2025a");
  g_assert_cmpstr (c->key, ==, "doeglaciers2025b");
  g_assert_cmpint (a->type, ==, CLIPPER_ITEM_NEWSPAPER_ARTICLE);
  g_assert_cmpstr (a->container, ==, "The World Desk");
  g_assert_cmpstr (a->issued, ==, "2025-02-13");
  g_assert_cmpstr (a->url, ==, "https://worlddesk.example/a");
  g_assert_cmpint (a->accessed, ==, clipper_clipping_get_clipped_at (stored));
  g_assert_cmpstr (a->text_sha256, ==, digest);
  g_assert_cmpint (a->captured_at, >, 0);
  g_assert_null (none);
  g_assert_error (error, CLIPPER_ERROR, CLIPPER_ERROR_NOT_FOUND);
}

/* A person's edits survive a re-clip; what they did not touch follows the
 * page; the key and the access date stay; the provenance is the new text. */
static void
test_edits_survive_reclip (Fixture       *fixture,
                           gconstpointer  data)
{
  gint64 id = clip (fixture, "https://worlddesk.example/a", "Jane Doe", "One.");
  g_autoptr(ClipperCitation) citation = clipper_store_find_citation (fixture->store, id, NULL);
  g_autoptr(ClipperCitation) after = NULL;
  g_autofree char *authors = NULL;
  g_autofree char *old_digest = g_strdup (citation->text_sha256);
  gint64 accessed = citation->accessed;

  g_assert_true (clipper_citation_set_field (citation, "title", "Glaciers in Retreat: A Field Report", NULL));
  g_assert_true (clipper_citation_set_field (citation, "key", "doe2025field", NULL));
  g_assert_true (clipper_store_set_citation (fixture->store, citation, NULL));

  g_assert_cmpint (clip (fixture, "https://worlddesk.example/a", "John Smith", "One, changed."), ==, id);
  after = clipper_store_find_citation (fixture->store, id, NULL);
  authors = clipper_citation_format_authors (after);
  g_assert_cmpstr (after->title, ==, "Glaciers in Retreat: A Field Report");
  g_assert_cmpstr (after->key, ==, "doe2025field");
  g_assert_cmpstr (authors, ==, "Smith, John");
  g_assert_cmpint (after->accessed, ==, accessed);
  g_assert_cmpstr (after->text_sha256, !=, old_digest);
}

/* A key another clipping has is refused, and nothing is changed. */
static void
test_key_taken (Fixture       *fixture,
                gconstpointer  data)
{
  gint64 first = clip (fixture, "https://worlddesk.example/a", "Jane Doe", "One.");
  gint64 second = clip (fixture, "https://worlddesk.example/b", "Ann Lee", "Two.");
  g_autoptr(ClipperCitation) citation = clipper_store_find_citation (fixture->store, second, NULL);
  g_autoptr(ClipperCitation) unchanged = NULL;
  g_autoptr(GError) error = NULL;

  g_assert_cmpint (first, !=, second);
  g_assert_true (clipper_citation_set_field (citation, "key", "doeglaciers2025", NULL));
  g_assert_false (clipper_store_set_citation (fixture->store, citation, &error));
  g_assert_error (error, CLIPPER_ERROR, CLIPPER_ERROR_INVALID_INPUT);
  unchanged = clipper_store_find_citation (fixture->store, second, NULL);
  g_assert_cmpstr (unchanged->key, ==, "leeglaciers2025");
}

/* Colliding keys take the suffixes in order, a … z, aa, ab …, found in
 * a few lookups; after a deletion leaves a gap, a new one is still
 * unique. */
static void
test_key_suffixes (Fixture       *fixture,
                   gconstpointer  data)
{
  const char *wanted[] = { "doeglaciers2025", "doeglaciers2025a", "doeglaciers2025b" };
  g_autoptr(GHashTable) keys = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  gint64 ids[30];
  gint64 extra;
  g_autoptr(ClipperCitation) last = NULL;
  g_autoptr(ClipperCitation) newest = NULL;

  for (guint i = 0; i < G_N_ELEMENTS (ids); i++)
    {
      g_autofree char *url = g_strdup_printf ("https://worlddesk.example/%u", i);
      g_autoptr(ClipperCitation) citation = NULL;

      ids[i] = clip (fixture, url, "Jane Doe", "Same.");
      citation = clipper_store_find_citation (fixture->store, ids[i], NULL);
      if (i < G_N_ELEMENTS (wanted))
        g_assert_cmpstr (citation->key, ==, wanted[i]);
      g_assert_false (g_hash_table_contains (keys, citation->key));
      g_hash_table_add (keys, g_strdup (citation->key));
    }
  /* The 30th: base, a … z (26), aa, ab, ac. */
  last = clipper_store_find_citation (fixture->store, ids[29], NULL);
  g_assert_cmpstr (last->key, ==, "doeglaciers2025ac");

  g_assert_true (clipper_store_delete_clipping (fixture->store, ids[10], NULL));
  extra = clip (fixture, "https://worlddesk.example/extra", "Jane Doe", "Same.");
  newest = clipper_store_find_citation (fixture->store, extra, NULL);
  g_hash_table_remove (keys, "doeglaciers2025j");
  g_assert_false (g_hash_table_contains (keys, newest->key));
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/clipper/citation/names", test_names);
  g_test_add_func ("/clipper/citation/key-base", test_key_base);
  g_test_add_func ("/clipper/citation/issued", test_issued);
  g_test_add_func ("/clipper/citation/set-field", test_set_field);
  g_test_add_func ("/clipper/citation/bibtex-escape", test_bibtex_escape);
  g_test_add_func ("/clipper/citation/formats", test_formats);
  g_test_add_func ("/clipper/citation/text-fragment", test_text_fragment);
  g_test_add ("/clipper/citation/capture", Fixture, NULL, fixture_set_up, test_capture, fixture_tear_down);
  g_test_add ("/clipper/citation/edits-survive-reclip", Fixture, NULL, fixture_set_up, test_edits_survive_reclip,
              fixture_tear_down);
  g_test_add ("/clipper/citation/key-taken", Fixture, NULL, fixture_set_up, test_key_taken, fixture_tear_down);
  g_test_add ("/clipper/citation/key-suffixes", Fixture, NULL, fixture_set_up, test_key_suffixes, fixture_tear_down);

  return g_test_run ();
}
