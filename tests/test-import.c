/* test-import.c
 *
 * Copyright 2026 The Clipper authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Imports of other tools' exports (hand-made in their real shapes, in
 * tests/fixtures/import/): formats found from content, highlights placed
 * in the library's text or kept as orphans, pages not in the library
 * kept to be clipped later, nothing doubled by a second import, and our
 * own exports read back as they were written.
 */

#include "config.h"

#include <glib/gstdio.h>
#include <fcntl.h>
#include <string.h>
#include <unistd.h>

#include "clipper-annotations.h"
#include "clipper-capture.h"
#include "clipper-error.h"
#include "clipper-import.h"
#include "clipper-test-store.h"
#include "clipper-test-util.h"

#define GLACIERS "https://news.example/2025/glaciers"

typedef struct
{
  char         *dir;
  ClipperStore *store;
  gint64        id;    /* the glaciers article, clipped */
} Fixture;

static ClipperStore *
open_store (const char *dir,
            const char *name)
{
  g_autofree char *path = g_build_filename (dir, name, NULL);
  g_autoptr(GError) error = NULL;
  ClipperStore *store = clipper_store_open (path, &error);

  g_assert_no_error (error);
  return store;
}

static gint64
clip_glaciers (ClipperStore *store)
{
  g_autofree char *path = g_test_build_filename (G_TEST_DIST, "fixtures", "news-jsonld.html", NULL);
  g_autofree char *contents = NULL;
  g_autoptr(ClipperClipping) clipping = NULL;
  g_autoptr(GError) error = NULL;
  gsize length;
  gint64 id;

  g_assert_true (g_file_get_contents (path, &contents, &length, NULL));
  clipping = clipper_capture_page (contents, length, GLACIERS, NULL, NULL);
  id = clipper_store_add_clipping (store, clipping, &error);
  g_assert_no_error (error);
  return id;
}

static void
fixture_setup (Fixture       *fixture,
               gconstpointer  data)
{
  fixture->dir = g_dir_make_tmp ("clipper-import-XXXXXX", NULL);
  fixture->store = open_store (fixture->dir, "library.db");
  fixture->id = clip_glaciers (fixture->store);
}

static void
fixture_teardown (Fixture       *fixture,
                  gconstpointer  data)
{
  g_clear_object (&fixture->store);
  clipper_test_remove_tree (fixture->dir);
  g_free (fixture->dir);
}

static void
import_fixture (ClipperStore         *store,
                const char           *name,
                ClipperImportSummary *summary)
{
  g_autofree char *path = g_test_build_filename (G_TEST_DIST, "fixtures", "import", name, NULL);
  g_autoptr(GError) error = NULL;

  clipper_import_summary_init (summary);
  g_assert_true (clipper_import_file (store, path, NULL, summary, NULL, &error));
  g_assert_no_error (error);
}

static ClipperHighlight *
find_quote (GPtrArray  *highlights,
            const char *exact)
{
  for (guint i = 0; i < highlights->len; i++)
    if (g_str_equal (clipper_highlight_get_exact (g_ptr_array_index (highlights, i)), exact))
      return g_ptr_array_index (highlights, i);
  return NULL;
}

static gboolean
has_tag (const char * const *tags,
         const char         *tag)
{
  return tags != NULL && g_strv_contains (tags, tag);
}

static void
test_detect (void)
{
  struct { const char *name; ClipperImportFormat format; } files[] = {
    { "hypothesis.json", CLIPPER_IMPORT_HYPOTHESIS },
    { "readwise.csv", CLIPPER_IMPORT_READWISE },
    { "instapaper.csv", CLIPPER_IMPORT_INSTAPAPER },
    { "w3c-page.jsonld", CLIPPER_IMPORT_W3C },
    { "w3c-one.jsonld", CLIPPER_IMPORT_W3C },
    { "wallabag.json", CLIPPER_IMPORT_WALLABAG },
    { "pocket.zip", CLIPPER_IMPORT_POCKET },
    { "omnivore.zip", CLIPPER_IMPORT_OMNIVORE },
    { "ril_export.html", CLIPPER_IMPORT_POCKET_HTML },
  };
  const char *unknown[] = { "", "just words", "<html><body>hi</body></html>", "a,b,c\n1,2,3\n", "{\"x\": 1}",
                            "[1, 2]", "{not json", "\xef\xbb\xbf   " };

  for (guint i = 0; i < G_N_ELEMENTS (files); i++)
    {
      g_autofree char *path = g_test_build_filename (G_TEST_DIST, "fixtures", "import", files[i].name, NULL);
      g_autofree char *contents = NULL;
      g_autofree char *with_bom = NULL;
      gsize length;

      g_assert_true (g_file_get_contents (path, &contents, &length, NULL));
      g_assert_cmpint (clipper_import_detect (contents, length), ==, files[i].format);
      /* Content decides, with a byte order mark before it or not. */
      if (!g_str_has_suffix (files[i].name, ".zip"))
        {
          with_bom = g_strconcat ("\xef\xbb\xbf", contents, NULL);
          g_assert_cmpint (clipper_import_detect (with_bom, length + 3), ==, files[i].format);
        }
    }
  for (guint i = 0; i < G_N_ELEMENTS (unknown); i++)
    g_assert_cmpint (clipper_import_detect (unknown[i], strlen (unknown[i])), ==, CLIPPER_IMPORT_UNKNOWN);
}

/* Hypothesis: a highlight whose position moved is found by its quote and
 * context, a misspelt one by a close match; the page note becomes the
 * clipping's note; a page not in the library is kept, its highlight an
 * orphan; a javascript: address is left out, and said. */
static void
test_hypothesis (Fixture       *fixture,
                 gconstpointer  data)
{
  ClipperImportSummary summary;
  g_autoptr(GPtrArray) highlights = NULL;
  g_autoptr(ClipperClipping) glaciers = NULL;
  g_autoptr(ClipperClipping) emoji = NULL;
  g_autoptr(GPtrArray) emoji_highlights = NULL;
  g_autofree char *note = NULL;
  ClipperHighlight *key, *fuzzy;
  gint64 emoji_id;

  import_fixture (fixture->store, "hypothesis.json", &summary);
  g_assert_cmpuint (summary.entries, ==, 2);
  g_assert_cmpuint (summary.merged, ==, 1);
  g_assert_cmpuint (summary.created, ==, 1);
  g_assert_cmpuint (summary.highlights_placed, ==, 2);
  g_assert_cmpuint (summary.highlights_orphaned, ==, 1);
  g_assert_cmpuint (summary.skipped, ==, 1);
  g_assert_nonnull (strstr (g_ptr_array_index (summary.problems, 0), "annotation 5"));
  g_assert_nonnull (strstr (g_ptr_array_index (summary.problems, 0), "javascript:"));
  clipper_import_summary_clear (&summary);

  highlights = clipper_store_list_highlights (fixture->store, fixture->id, NULL);
  g_assert_cmpuint (highlights->len, ==, 2);
  key = find_quote (highlights, "raise the allocation to 5 percent of their gross domestic product");
  g_assert_nonnull (key);
  g_assert_false (clipper_highlight_get_orphaned (key));
  g_assert_cmpstr (clipper_highlight_get_note (key), ==, "The **key** figure.");
  g_assert_true (has_tag (clipper_highlight_get_tags (key), "methods"));
  g_assert_true (has_tag (clipper_highlight_get_tags (key), "spending"));
  g_assert_cmpstr (clipper_highlight_get_color (key), ==, "yellow");
  g_assert_cmpint (clipper_highlight_get_created_at (key), ==, 1740042900);
  /* The close match takes the text's own spelling. */
  fuzzy = find_quote (highlights, "most European countries are still struggling to reach 2 percent");
  g_assert_nonnull (fuzzy);
  g_assert_false (clipper_highlight_get_orphaned (fuzzy));

  note = clipper_store_dup_clipping_note (fixture->store, fixture->id, NULL);
  g_assert_cmpstr (note, ==, "Page note: read with the *summit* communiqué.");
  glaciers = clipper_store_find_clipping (fixture->store, fixture->id, NULL);
  g_assert_true (has_tag (clipper_clipping_get_tags (glaciers), "nato"));

  emoji_id = clipper_store_find_clipping_by_url (fixture->store, "https://blog.example/ice-\xf0\x9f\xa7\x8a", NULL);
  g_assert_cmpint (emoji_id, >, 0);
  emoji = clipper_store_find_clipping (fixture->store, emoji_id, NULL);
  g_assert_cmpstr (clipper_clipping_get_title (emoji), ==, "Ice \xf0\x9f\xa7\x8a notes");
  emoji_highlights = clipper_store_list_highlights (fixture->store, emoji_id, NULL);
  g_assert_cmpuint (emoji_highlights->len, ==, 1);
  g_assert_true (clipper_highlight_get_orphaned (g_ptr_array_index (emoji_highlights, 0)));
  g_assert_cmpstr (clipper_highlight_get_exact (g_ptr_array_index (emoji_highlights, 0)), ==,
                   "cold \xf0\x9f\xa7\x8a facts");

  /* A second import adds nothing. */
  import_fixture (fixture->store, "hypothesis.json", &summary);
  g_assert_cmpuint (summary.created, ==, 0);
  g_assert_cmpuint (summary.highlights_placed + summary.highlights_orphaned, ==, 0);
  g_assert_cmpuint (summary.highlights_present, ==, 3);
  clipper_import_summary_clear (&summary);
  g_clear_pointer (&highlights, g_ptr_array_unref);
  highlights = clipper_store_list_highlights (fixture->store, fixture->id, NULL);
  g_assert_cmpuint (highlights->len, ==, 2);
  g_clear_pointer (&note, g_free);
  note = clipper_store_dup_clipping_note (fixture->store, fixture->id, NULL);
  g_assert_cmpstr (note, ==, "Page note: read with the *summit* communiqué.");
  g_assert_cmpint (clipper_store_count_clippings (fixture->store, NULL), ==, 2);
}

/* W3C: a page of annotations, with a bodyValue, a tagging body and a
 * target that is only an address; and one annotation alone, with our
 * colour extension. */
static void
test_w3c (Fixture       *fixture,
          gconstpointer  data)
{
  ClipperImportSummary summary;
  g_autoptr(GPtrArray) highlights = NULL;
  g_autoptr(ClipperClipping) clipping = NULL;
  ClipperHighlight *one, *two;

  import_fixture (fixture->store, "w3c-page.jsonld", &summary);
  g_assert_cmpuint (summary.highlights_placed, ==, 1);
  clipper_import_summary_clear (&summary);
  import_fixture (fixture->store, "w3c-one.jsonld", &summary);
  g_assert_cmpuint (summary.highlights_placed, ==, 1);
  clipper_import_summary_clear (&summary);

  highlights = clipper_store_list_highlights (fixture->store, fixture->id, NULL);
  g_assert_cmpuint (highlights->len, ==, 2);
  one = find_quote (highlights, "raise the allocation to 5 percent of their gross domestic product");
  two = find_quote (highlights, "most European countries are still struggling to reach 2 percent");
  g_assert_cmpstr (clipper_highlight_get_color (one), ==, "green");
  g_assert_cmpstr (clipper_highlight_get_note (one), ==, "One alone");
  g_assert_cmpstr (clipper_highlight_get_note (two), ==, "A plain body value");
  clipping = clipper_store_find_clipping (fixture->store, fixture->id, NULL);
  g_assert_true (has_tag (clipper_clipping_get_tags (clipping), "budget"));
}

/* Readwise: colours mapped, tags split, a book without an address left
 * out with its line. */
static void
test_readwise (Fixture       *fixture,
               gconstpointer  data)
{
  ClipperImportSummary summary;
  g_autoptr(GPtrArray) highlights = NULL;
  g_autoptr(ClipperClipping) clipping = NULL;
  ClipperHighlight *highlight;

  import_fixture (fixture->store, "readwise.csv", &summary);
  g_assert_cmpuint (summary.entries, ==, 1);
  g_assert_cmpuint (summary.skipped, ==, 1);
  g_assert_true (g_str_has_prefix (g_ptr_array_index (summary.problems, 0), "line 4:"));
  g_assert_nonnull (strstr (g_ptr_array_index (summary.problems, 0), "The Guns of August"));
  clipper_import_summary_clear (&summary);

  highlights = clipper_store_list_highlights (fixture->store, fixture->id, NULL);
  g_assert_cmpuint (highlights->len, ==, 1);
  highlight = g_ptr_array_index (highlights, 0);
  g_assert_false (clipper_highlight_get_orphaned (highlight));
  g_assert_cmpstr (clipper_highlight_get_color (highlight), ==, "pink");
  g_assert_cmpstr (clipper_highlight_get_note (highlight), ==, "A note\non two lines");
  g_assert_true (has_tag (clipper_highlight_get_tags (highlight), "methods"));
  g_assert_true (has_tag (clipper_highlight_get_tags (highlight), "spending"));
  g_assert_cmpint (clipper_highlight_get_created_at (highlight), ==, 1740042900);
  clipping = clipper_store_find_clipping (fixture->store, fixture->id, NULL);
  g_assert_true (has_tag (clipper_clipping_get_tags (clipping), "climate"));
}

/* Instapaper: Archive archives the page, the tags column is a JSON array, a
 * title holds a comma and a line break, a file: address is left out. */
static void
test_instapaper (Fixture       *fixture,
                 gconstpointer  data)
{
  ClipperImportSummary summary;
  g_autoptr(ClipperClipping) glaciers = NULL;
  g_autoptr(ClipperClipping) two = NULL;
  g_autoptr(GPtrArray) highlights = NULL;
  gint64 two_id;

  import_fixture (fixture->store, "instapaper.csv", &summary);
  g_assert_cmpuint (summary.entries, ==, 2);
  g_assert_cmpuint (summary.created, ==, 1);
  g_assert_cmpuint (summary.skipped, ==, 1);
  g_assert_true (g_str_has_prefix (g_ptr_array_index (summary.problems, 0), "line 5:"));
  clipper_import_summary_clear (&summary);

  glaciers = clipper_store_find_clipping (fixture->store, fixture->id, NULL);
  g_assert_true (clipper_clipping_get_archived (glaciers));
  g_assert_true (has_tag (clipper_clipping_get_tags (glaciers), "nato"));
  g_assert_true (has_tag (clipper_clipping_get_tags (glaciers), "budget"));
  highlights = clipper_store_list_highlights (fixture->store, fixture->id, NULL);
  g_assert_cmpuint (highlights->len, ==, 1);

  two_id = clipper_store_find_clipping_by_url (fixture->store, "https://e.example/two", NULL);
  two = clipper_store_find_clipping (fixture->store, two_id, NULL);
  g_assert_cmpstr (clipper_clipping_get_title (two), ==, "A title, with a comma\nand a line break");
  g_assert_cmpint (clipper_clipping_get_clipped_at (two), ==, 1739960000);
}

/* Wallabag: an article with its HTML becomes a whole clipping, its
 * annotation placed in that text; one already in the library keeps its
 * own text and gets the state as a tag; an ftp: address is left out. */
static void
test_wallabag (Fixture       *fixture,
               gconstpointer  data)
{
  ClipperImportSummary summary;
  g_autoptr(ClipperClipping) flank = NULL;
  g_autoptr(ClipperClipping) glaciers = NULL;
  g_autoptr(GPtrArray) highlights = NULL;
  ClipperHighlight *highlight;
  gint64 id;

  import_fixture (fixture->store, "wallabag.json", &summary);
  g_assert_cmpuint (summary.entries, ==, 2);
  g_assert_cmpuint (summary.created, ==, 1);
  g_assert_cmpuint (summary.not_fetched, ==, 0);
  g_assert_cmpuint (summary.merged, ==, 1);
  g_assert_cmpuint (summary.highlights_placed, ==, 1);
  g_assert_cmpuint (summary.skipped, ==, 2);
  g_assert_nonnull (strstr (g_ptr_array_index (summary.problems, 0), "entry 1, annotation 2"));
  g_assert_nonnull (strstr (g_ptr_array_index (summary.problems, 1), "ftp://"));
  clipper_import_summary_clear (&summary);

  id = clipper_store_find_clipping_by_url (fixture->store, "https://paper.example/2025/02/flank", NULL);
  flank = clipper_store_find_clipping (fixture->store, id, NULL);
  g_assert_cmpstr (clipper_clipping_get_title (flank), ==, "Ministers meet on the eastern flank");
  g_assert_cmpstr (clipper_clipping_get_byline (flank), ==, "Lena Novak");
  g_assert_nonnull (strstr (clipper_clipping_get_content (flank), "air policing"));
  g_assert_cmpint (clipper_clipping_get_clipped_at (flank), ==, 1739524364);
  g_assert_true (clipper_clipping_get_archived (flank));
  g_assert_true (has_tag (clipper_clipping_get_tags (flank), "europe"));
  highlights = clipper_store_list_highlights (fixture->store, id, NULL);
  g_assert_cmpuint (highlights->len, ==, 1);
  highlight = g_ptr_array_index (highlights, 0);
  g_assert_false (clipper_highlight_get_orphaned (highlight));
  g_assert_cmpstr (clipper_highlight_get_exact (highlight), ==,
                   "a new rotation of air policing missions over the Baltic states");
  g_assert_cmpstr (clipper_highlight_get_note (highlight), ==, "Compare with **last year**.");

  glaciers = clipper_store_find_clipping (fixture->store, fixture->id, NULL);
  g_assert_null (strstr (clipper_clipping_get_content (glaciers), "Not the text the library has"));
  g_assert_true (has_tag (clipper_clipping_get_tags (glaciers), "starred"));
  g_assert_false (clipper_clipping_get_archived (glaciers));
}

/* Pocket's ZIP: its CSV parts by header name, states as tags, quotes
 * from annotations/ placed in the page the library has, or kept for the
 * page not fetched. */
static void
test_pocket (Fixture       *fixture,
             gconstpointer  data)
{
  ClipperImportSummary summary;
  g_autoptr(ClipperClipping) glaciers = NULL;
  g_autoptr(ClipperClipping) saved = NULL;
  g_autoptr(GPtrArray) highlights = NULL;
  g_autoptr(GPtrArray) waiting = NULL;
  gint64 saved_id;

  import_fixture (fixture->store, "pocket.zip", &summary);
  g_assert_cmpuint (summary.entries, ==, 2);
  g_assert_cmpuint (summary.created, ==, 1);
  g_assert_cmpuint (summary.not_fetched, ==, 1);
  g_assert_cmpuint (summary.highlights_placed, ==, 1);
  g_assert_cmpuint (summary.highlights_orphaned, ==, 1);
  g_assert_cmpuint (summary.skipped, ==, 1);
  g_assert_true (g_str_has_prefix (g_ptr_array_index (summary.problems, 0), "part_000001.csv, line 2:"));
  clipper_import_summary_clear (&summary);

  glaciers = clipper_store_find_clipping (fixture->store, fixture->id, NULL);
  g_assert_true (clipper_clipping_get_archived (glaciers));
  g_assert_true (has_tag (clipper_clipping_get_tags (glaciers), "budget"));
  highlights = clipper_store_list_highlights (fixture->store, fixture->id, NULL);
  g_assert_cmpuint (highlights->len, ==, 1);
  g_assert_cmpint (clipper_highlight_get_created_at (g_ptr_array_index (highlights, 0)), ==, 1739650000);

  saved_id = clipper_store_find_clipping_by_url (fixture->store, "https://saved.example/page", NULL);
  saved = clipper_store_find_clipping (fixture->store, saved_id, NULL);
  g_assert_cmpstr (clipper_clipping_get_title (saved), ==, "A saved page, never read");
  g_assert_cmpint (clipper_clipping_get_clipped_at (saved), ==, 1739700000);
  waiting = clipper_store_list_highlights (fixture->store, saved_id, NULL);
  g_assert_cmpuint (waiting->len, ==, 1);
  g_assert_true (clipper_highlight_get_orphaned (g_ptr_array_index (waiting, 0)));

  import_fixture (fixture->store, "pocket.zip", &summary);
  g_assert_cmpuint (summary.created + summary.highlights_placed + summary.highlights_orphaned, ==, 0);
  clipper_import_summary_clear (&summary);
}

/* Pocket's older HTML export: the heading says what is archived. */
static void
test_pocket_html (Fixture       *fixture,
                  gconstpointer  data)
{
  ClipperImportSummary summary;
  g_autoptr(ClipperClipping) glaciers = NULL;
  g_autoptr(ClipperClipping) later = NULL;
  g_autoptr(ClipperClipping) done = NULL;

  import_fixture (fixture->store, "ril_export.html", &summary);
  g_assert_cmpuint (summary.entries, ==, 3);
  g_assert_cmpuint (summary.created, ==, 2);
  g_assert_cmpuint (summary.merged, ==, 1);
  g_assert_cmpuint (summary.skipped, ==, 1);
  g_assert_true (g_str_has_prefix (g_ptr_array_index (summary.problems, 0), "link 4:"));
  clipper_import_summary_clear (&summary);

  glaciers = clipper_store_find_clipping (fixture->store, fixture->id, NULL);
  g_assert_true (has_tag (clipper_clipping_get_tags (glaciers), "nato"));
  g_assert_false (clipper_clipping_get_archived (glaciers));
  later = clipper_store_find_clipping (fixture->store,
                                       clipper_store_find_clipping_by_url (fixture->store,
                                                                           "https://later.example/essay?id=7&ref=rss",
                                                                           NULL),
                                       NULL);
  g_assert_cmpstr (clipper_clipping_get_title (later), ==, "An essay for later, “quoted”");
  g_assert_cmpint (clipper_clipping_get_clipped_at (later), ==, 1586966100);
  done = clipper_store_find_clipping (fixture->store,
                                      clipper_store_find_clipping_by_url (fixture->store, "https://read.example/done",
                                                                          NULL),
                                      NULL);
  g_assert_true (clipper_clipping_get_archived (done));
  g_assert_true (has_tag (clipper_clipping_get_tags (done), "done"));
}

/* Omnivore's ZIP: the article's HTML becomes the clipping, the
 * highlights file's quotes (one over two lines), labels and notes are
 * placed in it; a slug that climbs out of the archive is not followed. */
static void
test_omnivore (Fixture       *fixture,
               gconstpointer  data)
{
  ClipperImportSummary summary;
  g_autoptr(ClipperClipping) flank = NULL;
  g_autoptr(GPtrArray) highlights = NULL;
  ClipperHighlight *rotation, *delivery, *statement;
  gint64 id;

  import_fixture (fixture->store, "omnivore.zip", &summary);
  g_assert_cmpuint (summary.entries, ==, 2);
  g_assert_cmpuint (summary.created, ==, 2);
  g_assert_cmpuint (summary.not_fetched, ==, 1);
  g_assert_cmpuint (summary.highlights_placed, ==, 3);
  g_assert_cmpuint (summary.highlights_orphaned, ==, 0);
  clipper_import_summary_clear (&summary);

  id = clipper_store_find_clipping_by_url (fixture->store, "https://paper.example/2025/02/flank", NULL);
  flank = clipper_store_find_clipping (fixture->store, id, NULL);
  g_assert_cmpstr (clipper_clipping_get_byline (flank), ==, "Lena Novak");
  g_assert_true (has_tag (clipper_clipping_get_tags (flank), "defence"));
  g_assert_true (has_tag (clipper_clipping_get_tags (flank), "europe"));
  g_assert_true (clipper_clipping_get_archived (flank));
  highlights = clipper_store_list_highlights (fixture->store, id, NULL);
  g_assert_cmpuint (highlights->len, ==, 3);
  rotation = find_quote (highlights, "a new rotation of air policing missions over the Baltic states");
  delivery = find_quote (highlights, "a faster delivery of air defence systems");
  statement = find_quote (highlights, "A final statement is expected after the summit in June");
  g_assert_nonnull (rotation);
  g_assert_nonnull (delivery);
  g_assert_nonnull (statement);
  g_assert_cmpstr (clipper_highlight_get_note (rotation), ==, "Compare with **last year**.");
  g_assert_true (has_tag (clipper_highlight_get_tags (rotation), "nato"));
  g_assert_true (has_tag (clipper_highlight_get_tags (rotation), "air"));
  g_assert_null (clipper_highlight_get_note (delivery));
  g_assert_cmpstr (clipper_highlight_get_note (statement), ==, "Watch for it.");
}

/* Hostile archives: a name that climbs out is left out and said; a bomb's
 * entry is left out and the rest read; a damaged file gives what it has. */
static void
test_hostile_zips (Fixture       *fixture,
                   gconstpointer  data)
{
  ClipperImportSummary summary;
  g_autoptr(GError) error = NULL;
  g_autofree char *truncated = g_test_build_filename (G_TEST_DIST, "fixtures", "import", "truncated.zip", NULL);

  import_fixture (fixture->store, "traversal.zip", &summary);
  g_assert_cmpuint (summary.created, ==, 1);
  g_assert_nonnull (strstr (g_ptr_array_index (summary.problems, 0), "points out of the archive"));
  clipper_import_summary_clear (&summary);

  import_fixture (fixture->store, "bomb.zip", &summary);
  g_assert_cmpuint (summary.merged, ==, 1);
  g_assert_nonnull (strstr (g_ptr_array_index (summary.problems, 0), "ZIP bomb"));
  clipper_import_summary_clear (&summary);

  /* Cut short: a clear error, or what could be read and a problem. */
  clipper_import_summary_init (&summary);
  if (!clipper_import_file (fixture->store, truncated, NULL, &summary, NULL, &error))
    g_assert_true (g_str_has_prefix (error->message, truncated));
  else
    g_assert_cmpuint (summary.problems->len, >, 0);
  clipper_import_summary_clear (&summary);
  g_assert_cmpint (clipper_store_count_clippings (fixture->store, NULL), >=, 2);
}

/* Our exports, imported into another library holding the same page,
 * give back the same highlights, notes and tags; and once more, nothing. */
static void
test_round_trip (Fixture       *fixture,
                 gconstpointer  data)
{
  ClipperAnnotationFormat formats[] = { CLIPPER_ANNOTATIONS_W3C, CLIPPER_ANNOTATIONS_HYPOTHESIS,
                                        CLIPPER_ANNOTATIONS_READWISE };
  g_autoptr(GPtrArray) original = NULL;
  g_autoptr(GError) error = NULL;

  clipper_test_add_highlight (fixture->store, fixture->id, "raise the allocation to 5 percent", "blue",
                              "A *note*,\nwith \"quotes\"", "methods");
  clipper_test_add_highlight (fixture->store, fixture->id, "several governments face tight budgets", "purple", NULL,
                              NULL);
  g_assert_true (clipper_store_set_clipping_note (fixture->store, fixture->id, "Clipping note", &error));
  original = clipper_store_list_highlights (fixture->store, fixture->id, NULL);

  for (guint f = 0; f < G_N_ELEMENTS (formats); f++)
    {
      g_autofree char *name = g_strdup_printf ("other-%u.db", f);
      g_autoptr(ClipperStore) other = open_store (fixture->dir, name);
      gint64 other_id = clip_glaciers (other);
      g_autofree char *text = clipper_annotations_write (fixture->store, &fixture->id, 1, formats[f], &error);
      g_autofree char *path = g_build_filename (fixture->dir, "export", NULL);
      g_autoptr(GPtrArray) back = NULL;
      g_autofree char *note = NULL;
      ClipperImportSummary summary;

      g_assert_no_error (error);
      g_assert_true (g_file_set_contents (path, text, -1, NULL));
      for (guint round = 0; round < 2; round++)
        {
          clipper_import_summary_init (&summary);
          g_assert_true (clipper_import_file (other, path, NULL, &summary, NULL, &error));
          g_assert_no_error (error);
          g_assert_cmpuint (summary.highlights_placed, ==, round == 0 ? 2 : 0);
          g_assert_cmpuint (summary.highlights_present, ==, round == 0 ? 0 : 2);
          clipper_import_summary_clear (&summary);
        }

      back = clipper_store_list_highlights (other, other_id, NULL);
      g_assert_cmpuint (back->len, ==, original->len);
      for (guint i = 0; i < original->len; i++)
        {
          ClipperHighlight *a = g_ptr_array_index (original, i);
          ClipperHighlight *b = g_ptr_array_index (back, i);

          g_assert_cmpstr (clipper_highlight_get_exact (b), ==, clipper_highlight_get_exact (a));
          g_assert_cmpint (clipper_highlight_get_start (b), ==, clipper_highlight_get_start (a));
          g_assert_cmpint (clipper_highlight_get_end (b), ==, clipper_highlight_get_end (a));
          g_assert_cmpstr (clipper_highlight_get_note (b), ==, clipper_highlight_get_note (a));
          g_assert_true (g_strv_equal (clipper_highlight_get_tags (b), clipper_highlight_get_tags (a)));
          g_assert_cmpint (clipper_highlight_get_created_at (b), ==, clipper_highlight_get_created_at (a));
          /* Hypothesis has no colours: those come back yellow. */
          g_assert_cmpstr (clipper_highlight_get_color (b), ==,
                           formats[f] == CLIPPER_ANNOTATIONS_HYPOTHESIS ? "yellow" : clipper_highlight_get_color (a));
        }
      /* Readwise's CSV has no page notes. */
      note = clipper_store_dup_clipping_note (other, other_id, NULL);
      g_assert_cmpstr (note ? note : "", ==, formats[f] == CLIPPER_ANNOTATIONS_READWISE ? "" : "Clipping note");
    }
}

/* Bad files: a clear error naming the file, and the library untouched. */
static void
test_bad_input (Fixture       *fixture,
                gconstpointer  data)
{
  g_autofree char *path = g_build_filename (fixture->dir, "bad", NULL);
  g_autoptr(GString) deep = g_string_new ("{\"annotations\": ");
  struct { const char *text; gssize length; const char *says; } cases[] = {
    { "Hello, this is a letter.", -1, "not a file Clipper can import" },
    { "Highlight,Book Title,URL\n\"open quote,x,https://e.org\n", -1, "Line 2:" },
    { "URL,Title,Selection\nhttps://e.org,bad \xff byte,x\n", -1, "Line 2:" },
    { "", 0, "is empty" },
    { NULL, -1, "deeper" },
  };

  for (guint i = 0; i < 10000; i++)
    g_string_append_c (deep, '[');
  for (guint i = 0; i < 10000; i++)
    g_string_append_c (deep, ']');
  g_string_append_c (deep, '}');

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(GError) error = NULL;
      ClipperImportSummary summary;
      const char *text = cases[i].text ? cases[i].text : deep->str;

      g_assert_true (g_file_set_contents (path, text, cases[i].length, NULL));
      clipper_import_summary_init (&summary);
      g_assert_false (clipper_import_file (fixture->store, path, NULL, &summary, NULL, &error));
      g_assert_nonnull (error);
      g_assert_true (g_str_has_prefix (error->message, path));
      if (strstr (error->message, cases[i].says) == NULL)
        g_error ("case %u: %s", i, error->message);
      clipper_import_summary_clear (&summary);
      g_assert_cmpint (clipper_store_count_clippings (fixture->store, NULL), ==, 1);
    }
}

/* The size limit: a file one byte over is refused before it is read. */
static void
test_too_large (Fixture       *fixture,
                gconstpointer  data)
{
  g_autofree char *path = g_build_filename (fixture->dir, "huge.json", NULL);
  g_autoptr(GError) error = NULL;
  ClipperImportSummary summary;
  int fd;

  fd = g_open (path, O_CREAT | O_WRONLY, 0600);
  g_assert_cmpint (fd, >=, 0);
  /* Sparse: no disk used. */
  g_assert_cmpint (ftruncate (fd, CLIPPER_IMPORT_MAX_SIZE + 1), ==, 0);
  close (fd);

  clipper_import_summary_init (&summary);
  g_assert_false (clipper_import_file (fixture->store, path, NULL, &summary, NULL, &error));
  g_assert_error (error, CLIPPER_ERROR, CLIPPER_ERROR_TOO_LARGE);
  clipper_import_summary_clear (&summary);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/clipper/import/detect", test_detect);
  g_test_add ("/clipper/import/hypothesis", Fixture, NULL, fixture_setup, test_hypothesis, fixture_teardown);
  g_test_add ("/clipper/import/w3c", Fixture, NULL, fixture_setup, test_w3c, fixture_teardown);
  g_test_add ("/clipper/import/wallabag", Fixture, NULL, fixture_setup, test_wallabag, fixture_teardown);
  g_test_add ("/clipper/import/pocket", Fixture, NULL, fixture_setup, test_pocket, fixture_teardown);
  g_test_add ("/clipper/import/pocket-html", Fixture, NULL, fixture_setup, test_pocket_html, fixture_teardown);
  g_test_add ("/clipper/import/omnivore", Fixture, NULL, fixture_setup, test_omnivore, fixture_teardown);
  g_test_add ("/clipper/import/hostile-zips", Fixture, NULL, fixture_setup, test_hostile_zips, fixture_teardown);
  g_test_add ("/clipper/import/readwise", Fixture, NULL, fixture_setup, test_readwise, fixture_teardown);
  g_test_add ("/clipper/import/instapaper", Fixture, NULL, fixture_setup, test_instapaper, fixture_teardown);
  g_test_add ("/clipper/import/round-trip", Fixture, NULL, fixture_setup, test_round_trip, fixture_teardown);
  g_test_add ("/clipper/import/bad-input", Fixture, NULL, fixture_setup, test_bad_input, fixture_teardown);
  g_test_add ("/clipper/import/too-large", Fixture, NULL, fixture_setup, test_too_large, fixture_teardown);

  return g_test_run ();
}
