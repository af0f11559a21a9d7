/* test-sync.c
 *
 * Copyright 2026 The Clipper authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Sync between libraries on this machine, playing the devices, through a
 * folder: the clock, the note merge, and what each kind of change does
 * when it meets another.
 */

#include "config.h"

#include <libsoup/soup.h>
#include <string.h>

#include "clipper-anchor.h"
#include "clipper-capture.h"
#include "clipper-error.h"
#include "clipper-hlc.h"
#include "clipper-store-sync.h"
#include "clipper-sync-folder.h"
#include "clipper-sync-webdav.h"
#include "clipper-sync.h"
#include "clipper-test-apache.h"
#include "clipper-test-util.h"

#define DEVICE_A "aaaaaaaa-aaaa-4aaa-8aaa-aaaaaaaaaaaa"
#define DEVICE_B "bbbbbbbb-bbbb-4bbb-8bbb-bbbbbbbbbbbb"

static void
test_hlc (void)
{
  ClipperHlc a, b;
  g_autofree char *one = NULL;
  g_autofree char *two = NULL;
  g_autofree char *three = NULL;
  g_autofree char *late = NULL;
  g_autofree char *skewed = NULL;
  g_autofree char *device = NULL;
  gint64 wall;
  guint counter;

  clipper_hlc_init (&a, DEVICE_A);
  clipper_hlc_init (&b, DEVICE_B);

  /* The same millisecond twice: the counter orders them. */
  one = clipper_hlc_tick (&a, 1000);
  two = clipper_hlc_tick (&a, 1000);
  g_assert_cmpstr (one, <, two);
  g_assert_true (clipper_hlc_parse (two, &wall, &counter, &device));
  g_assert_cmpint (wall, ==, 1000);
  g_assert_cmpuint (counter, ==, 1);
  g_assert_cmpstr (device, ==, DEVICE_A);

  /* A wall clock that goes back does not take the stamps with it. */
  three = clipper_hlc_tick (&a, 10);
  g_assert_cmpstr (two, <, three);

  /* B's clock is hours behind; after seeing A's stamp, B's next is later. */
  clipper_hlc_receive (&b, three, 5);
  late = clipper_hlc_tick (&b, 5);
  g_assert_cmpstr (three, <, late);
  /* And hours ahead: its stamps stay near its wall time. */
  skewed = clipper_hlc_tick (&b, 1000 + 3 * 3600 * 1000);
  g_assert_true (clipper_hlc_parse (skewed, &wall, NULL, NULL));
  g_assert_cmpint (wall, ==, 1000 + 3 * 3600 * 1000);

  /* Not stamps. */
  g_assert_false (clipper_hlc_parse ("", NULL, NULL, NULL));
  g_assert_false (clipper_hlc_parse ("00000000000g-0000-x", NULL, NULL, NULL));
  g_assert_false (clipper_hlc_parse ("0000000003e8_0000-x", NULL, NULL, NULL));
  g_assert_true (clipper_hlc_parse ("0000000003e8-0000-", NULL, NULL, NULL));

  clipper_hlc_clear (&a);
  clipper_hlc_clear (&b);
}

static char *
merge (const char *base,
       const char *local,
       const char *remote,
       gboolean   *conflict)
{
  return clipper_sync_merge_text (base, local, remote, "=====", conflict);
}

static void
test_merge_text (void)
{
  gboolean conflict;
  g_autofree char *both = NULL;
  g_autofree char *same = NULL;
  g_autofree char *clash = NULL;
  g_autofree char *ours = NULL;
  g_autofree char *theirs = NULL;
  g_autofree char *appended = NULL;

  /* Edits to different lines: both kept. */
  both = merge ("one\ntwo\nthree", "ONE\ntwo\nthree", "one\ntwo\nTHREE", &conflict);
  g_assert_cmpstr (both, ==, "ONE\ntwo\nTHREE");
  g_assert_false (conflict);

  /* The same edit on both sides is one edit. */
  same = merge ("one\ntwo", "one\n2", "one\n2", &conflict);
  g_assert_cmpstr (same, ==, "one\n2");
  g_assert_false (conflict);

  /* Only one side changed: that side. */
  ours = merge ("one", "uno", "one", &conflict);
  g_assert_cmpstr (ours, ==, "uno");
  theirs = merge ("one", "one", "eins", &conflict);
  g_assert_cmpstr (theirs, ==, "eins");

  /* Lines added at both ends. */
  appended = merge ("middle", "first\nmiddle", "middle\nlast", &conflict);
  g_assert_cmpstr (appended, ==, "first\nmiddle\nlast");
  g_assert_false (conflict);

  /* The same line changed two ways: ours whole, then theirs. */
  clash = merge ("one\ntwo", "one\nzwei", "one\ndeux", &conflict);
  g_assert_true (conflict);
  g_assert_cmpstr (clash, ==, "one\nzwei\n\n=====\n\none\ndeux");
}

typedef struct
{
  char              *dir;
  char              *root;   /* where the target's files are on disk */
  ClipperStore      *a;
  ClipperStore      *b;
  ClipperSyncTarget *target; /* NULL: skipped */
  ClipperTestApache  apache;
} Fixture;

static ClipperStore *
open_library (Fixture    *fixture,
              const char *name)
{
  g_autofree char *path = g_build_filename (fixture->dir, name, NULL);
  g_autoptr(GError) error = NULL;
  ClipperStore *store = clipper_store_open (path, &error);

  g_assert_no_error (error);
  return store;
}

/* The same tests run through a folder and through Apache's WebDAV. */
static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  fixture->dir = g_dir_make_tmp ("clipper-sync-XXXXXX", NULL);
  fixture->a = open_library (fixture, "a.db");
  fixture->b = open_library (fixture, "b.db");

  if (g_str_equal (data, "webdav"))
    {
      g_autoptr(GError) error = NULL;

      if (!clipper_test_apache_start (&fixture->apache, "reader", "s3cret pass"))
        return;
      fixture->root = g_build_filename (fixture->apache.served, "clipper", NULL);
      {
        g_autofree char *url = g_strconcat (fixture->apache.url, "clipper/", NULL);

        fixture->target = clipper_sync_webdav_new (url, "reader", "s3cret pass", &error);
        g_assert_no_error (error);
      }
    }
  else
    {
      g_autoptr(GFile) root = NULL;

      fixture->root = g_build_filename (fixture->dir, "target", NULL);
      root = g_file_new_for_path (fixture->root);
      fixture->target = clipper_sync_folder_new (root);
    }
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  g_clear_object (&fixture->a);
  g_clear_object (&fixture->b);
  g_clear_object (&fixture->target);
  clipper_test_apache_stop (&fixture->apache);
  g_clear_pointer (&fixture->root, g_free);
  clipper_test_remove_tree (fixture->dir);
  g_clear_pointer (&fixture->dir, g_free);
}

static ClipperSyncReport
sync_library (Fixture      *fixture,
              ClipperStore *store)
{
  g_autoptr(ClipperSync) sync = clipper_sync_new (store, fixture->target);
  g_autoptr(GError) error = NULL;
  ClipperSyncReport report;

  g_assert_true (clipper_sync_run (sync, &report, NULL, &error));
  g_assert_no_error (error);
  return report;
}

#define TEXT "The glacier retreated faster than any model had predicted.\n\nThe river carried more silt each year."

static gint64
add_clipping (ClipperStore *store,
              const char   *url,
              const char   *title)
{
  g_autoptr(ClipperClipping) clipping = clipper_clipping_new ();
  g_autoptr(GError) error = NULL;
  gint64 id;

  clipper_clipping_set_url (clipping, url);
  clipper_clipping_set_title (clipping, title);
  clipper_clipping_set_content (clipping, "<p>The glacier retreated faster than any model had predicted.</p>"
                                          "<p>The river carried more silt each year.</p>");
  clipper_clipping_set_text (clipping, TEXT);
  id = clipper_store_add_clipping (store, clipping, &error);
  g_assert_no_error (error);
  return id;
}

static gint64
add_highlight (ClipperStore *store,
               gint64        clipping_id,
               const char   *quote,
               const char   *color)
{
  g_autoptr(ClipperClipping) clipping = clipper_store_find_clipping (store, clipping_id, NULL);
  g_autoptr(ClipperAnchorText) text = clipper_anchor_text_new_from_html (clipper_clipping_get_content (clipping));
  g_autoptr(ClipperSelector) selector = NULL;
  g_autoptr(ClipperHighlight) highlight = clipper_highlight_new ();
  g_autoptr(GError) error = NULL;
  gint64 start, end, id;

  g_assert_cmpint (clipper_anchor_find_quote (text, quote, NULL, NULL, &start, &end), ==, 1);
  selector = clipper_selector_new (text, start, end);
  clipper_highlight_set_clipping_id (highlight, clipping_id);
  clipper_highlight_set_color (highlight, color);
  clipper_highlight_set_selector (highlight, selector);
  id = clipper_store_add_highlight (store, highlight, &error);
  g_assert_no_error (error);
  return id;
}

static guint
search_count (ClipperStore *store,
              const char   *text)
{
  g_autoptr(ClipperQuery) query = clipper_query_parse (text);
  g_autoptr(GPtrArray) results = clipper_store_search (store, query, CLIPPER_SORT_CLIPPED, 0, NULL);

  return results ? results->len : 0;
}

/* The one clipping of @url in @store, or NULL. */
static ClipperClipping *
find_by_url (ClipperStore *store,
             const char   *url)
{
  gint64 id = clipper_store_find_clipping_by_url (store, url, NULL);

  return id > 0 ? clipper_store_find_clipping (store, id, NULL) : NULL;
}

static char *
note_of (ClipperStore *store,
         const char   *url)
{
  return clipper_store_dup_clipping_note (store, clipper_store_find_clipping_by_url (store, url, NULL), NULL);
}

/* A clips and highlights; B gets all of it: text, highlight in place,
 * note, tag; B's highlight goes back to A. */
static void
test_two_libraries (Fixture       *fixture,
                    gconstpointer  data)
{
  g_autoptr(ClipperClipping) on_b = NULL;
  g_autoptr(GPtrArray) highlights = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *note = NULL;
  const char *tags[] = { "Climate", NULL };
  ClipperSyncReport report;
  gint64 id;

  if (fixture->target == NULL)
    return;
  id = add_clipping (fixture->a, "https://example.org/glaciers", "Glaciers");
  add_highlight (fixture->a, id, "retreated faster", "green");
  g_assert_true (clipper_store_set_clipping_note (fixture->a, id, "Read again", &error));
  g_assert_true (clipper_store_add_clipping_tags (fixture->a, id, tags, &error));

  report = sync_library (fixture, fixture->a);
  g_assert_true (report.uploaded_all);
  g_assert_cmpuint (report.sent, >, 0);
  g_assert_cmpuint (report.blobs_sent, ==, 1);

  report = sync_library (fixture, fixture->b);
  g_assert_cmpuint (report.devices, ==, 1);
  g_assert_cmpuint (report.created, ==, 2);
  on_b = find_by_url (fixture->b, "https://example.org/glaciers");
  g_assert_nonnull (on_b);
  g_assert_cmpstr (clipper_clipping_get_title (on_b), ==, "Glaciers");
  g_assert_cmpstr (clipper_clipping_get_text (on_b), ==, TEXT);
  g_assert_cmpstr (clipper_clipping_get_tags (on_b)[0], ==, "Climate");
  note = clipper_store_dup_clipping_note (fixture->b, clipper_clipping_get_id (on_b), NULL);
  g_assert_cmpstr (note, ==, "Read again");
  highlights = clipper_store_list_highlights (fixture->b, clipper_clipping_get_id (on_b), NULL);
  g_assert_cmpuint (highlights->len, ==, 1);
  g_assert_cmpstr (clipper_highlight_get_exact (g_ptr_array_index (highlights, 0)), ==, "retreated faster");
  g_assert_cmpstr (clipper_highlight_get_color (g_ptr_array_index (highlights, 0)), ==, "green");
  g_assert_false (clipper_highlight_get_orphaned (g_ptr_array_index (highlights, 0)));
  g_assert_cmpuint (search_count (fixture->b, "silt"), ==, 1);

  /* B highlights; A gets it. */
  add_highlight (fixture->b, clipper_clipping_get_id (on_b), "more silt", "pink");
  sync_library (fixture, fixture->b);
  report = sync_library (fixture, fixture->a);
  g_assert_cmpuint (report.created, ==, 1);
  g_clear_pointer (&highlights, g_ptr_array_unref);
  highlights = clipper_store_list_highlights (fixture->a, id, NULL);
  g_assert_cmpuint (highlights->len, ==, 2);

  /* Nothing new: nothing sent, nothing taken. */
  report = sync_library (fixture, fixture->a);
  g_assert_cmpuint (report.sent, ==, 0);
  g_assert_cmpuint (report.received, ==, 0);
  g_assert_false (report.uploaded_all);
}

/* Notes edited on both since the last sync: merged when the edits are on
 * different lines, both texts kept when not; titles: the newer wins. */
static void
test_concurrent_edits (Fixture       *fixture,
                       gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *on_a = NULL;
  g_autofree char *on_b = NULL;
  const char *url = "https://example.org/glaciers";
  ClipperSyncReport report;
  gint64 a_id, b_id;

  if (fixture->target == NULL)
    return;
  a_id = add_clipping (fixture->a, url, "Glaciers");
  g_assert_true (clipper_store_set_clipping_note (fixture->a, a_id, "one\ntwo\nthree", &error));
  sync_library (fixture, fixture->a);
  sync_library (fixture, fixture->b);
  b_id = clipper_store_find_clipping_by_url (fixture->b, url, NULL);

  g_assert_true (clipper_store_set_clipping_note (fixture->a, a_id, "ONE\ntwo\nthree", &error));
  g_assert_true (clipper_store_set_clipping_note (fixture->b, b_id, "one\ntwo\nTHREE", &error));
  sync_library (fixture, fixture->a);
  report = sync_library (fixture, fixture->b);
  g_assert_cmpuint (report.merged, ==, 1);
  g_assert_cmpuint (report.conflicts, ==, 0);
  sync_library (fixture, fixture->a);
  on_a = note_of (fixture->a, url);
  on_b = note_of (fixture->b, url);
  g_assert_cmpstr (on_a, ==, "ONE\ntwo\nTHREE");
  g_assert_cmpstr (on_b, ==, on_a);

  /* The same line, two ways: both kept, on both machines. */
  g_assert_true (clipper_store_set_clipping_note (fixture->a, a_id, "ONE\nzwei\nTHREE", &error));
  g_assert_true (clipper_store_set_clipping_note (fixture->b, b_id, "ONE\ndeux\nTHREE", &error));
  sync_library (fixture, fixture->a);
  report = sync_library (fixture, fixture->b);
  g_assert_cmpuint (report.conflicts, ==, 1);
  sync_library (fixture, fixture->a);
  g_clear_pointer (&on_a, g_free);
  g_clear_pointer (&on_b, g_free);
  on_a = note_of (fixture->a, url);
  on_b = note_of (fixture->b, url);
  g_assert_nonnull (strstr (on_a, "zwei"));
  g_assert_nonnull (strstr (on_a, "deux"));
  g_assert_cmpstr (on_b, ==, on_a);
}

/* A deletes a clipping while B writes a note on it: the note is not lost,
 * the clipping comes back on A. A deletion with nothing against it goes
 * through. */
static void
test_delete_against_edit (Fixture       *fixture,
                          gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *note = NULL;
  ClipperSyncReport report;
  gint64 kept, gone;

  if (fixture->target == NULL)
    return;
  kept = add_clipping (fixture->a, "https://example.org/kept", "Kept");
  gone = add_clipping (fixture->a, "https://example.org/gone", "Gone");
  sync_library (fixture, fixture->a);
  sync_library (fixture, fixture->b);
  g_assert_cmpint (clipper_store_count_clippings (fixture->b, NULL), ==, 2);

  g_assert_true (clipper_store_delete_clipping (fixture->a, kept, &error));
  g_assert_true (clipper_store_delete_clipping (fixture->a, gone, &error));
  g_assert_true (clipper_store_set_clipping_note (fixture->b, clipper_store_find_clipping_by_url (fixture->b,
                                                                                                 "https://example.org/kept",
                                                                                                 NULL),
                                                  "Still needed", &error));
  sync_library (fixture, fixture->a);
  report = sync_library (fixture, fixture->b);
  g_assert_cmpuint (report.deleted, ==, 1);
  g_assert_cmpint (clipper_store_count_clippings (fixture->b, NULL), ==, 1);
  report = sync_library (fixture, fixture->a);
  g_assert_cmpint (clipper_store_count_clippings (fixture->a, NULL), ==, 1);
  note = note_of (fixture->a, "https://example.org/kept");
  g_assert_cmpstr (note, ==, "Still needed");
}

/* A second machine with a library of its own: its page that A has too
 * becomes one clipping, with the highlights of both; nothing is asked. */
static void
test_second_library_merges (Fixture       *fixture,
                            gconstpointer  data)
{
  g_autoptr(GPtrArray) highlights = NULL;
  const char *url = "https://example.org/glaciers";
  gint64 id;

  if (fixture->target == NULL)
    return;
  id = add_clipping (fixture->a, url, "Glaciers");
  add_highlight (fixture->a, id, "retreated faster", "yellow");
  id = add_clipping (fixture->b, url, "Glaciers (B)");
  add_highlight (fixture->b, id, "more silt", "blue");
  add_clipping (fixture->b, "https://example.org/only-b", "Only on B");

  sync_library (fixture, fixture->a);
  sync_library (fixture, fixture->b);
  sync_library (fixture, fixture->a);

  g_assert_cmpint (clipper_store_count_clippings (fixture->a, NULL), ==, 2);
  g_assert_cmpint (clipper_store_count_clippings (fixture->b, NULL), ==, 2);
  highlights = clipper_store_list_highlights (fixture->a, clipper_store_find_clipping_by_url (fixture->a, url, NULL),
                                              NULL);
  g_assert_cmpuint (highlights->len, ==, 2);
  g_clear_pointer (&highlights, g_ptr_array_unref);
  highlights = clipper_store_list_highlights (fixture->b, clipper_store_find_clipping_by_url (fixture->b, url, NULL),
                                              NULL);
  g_assert_cmpuint (highlights->len, ==, 2);
}

/* Tags renamed and merged on both sides end the same on both. */
static void
test_tags (Fixture       *fixture,
           gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(ClipperClipping) a_view = NULL;
  g_autoptr(ClipperClipping) b_view = NULL;
  const char *climate[] = { "climate", NULL };
  const char *ice[] = { "ice", NULL };
  gint64 id;

  if (fixture->target == NULL)
    return;
  id = add_clipping (fixture->a, "https://example.org/glaciers", "Glaciers");
  g_assert_true (clipper_store_add_clipping_tags (fixture->a, id, climate, &error));
  g_assert_true (clipper_store_add_clipping_tags (fixture->a, id, ice, &error));
  sync_library (fixture, fixture->a);
  sync_library (fixture, fixture->b);

  g_assert_true (clipper_store_rename_tag (fixture->a, "climate", "Climate", &error));
  g_assert_true (clipper_store_rename_tag (fixture->b, "ice", "climate", &error));
  sync_library (fixture, fixture->a);
  sync_library (fixture, fixture->b);
  sync_library (fixture, fixture->a);

  a_view = find_by_url (fixture->a, "https://example.org/glaciers");
  b_view = find_by_url (fixture->b, "https://example.org/glaciers");
  g_assert_cmpuint (g_strv_length ((char **)clipper_clipping_get_tags (a_view)), ==, 1);
  g_assert_true (g_strv_equal (clipper_clipping_get_tags (a_view), clipper_clipping_get_tags (b_view)));
  g_assert_cmpint (g_ascii_strcasecmp (clipper_clipping_get_tags (a_view)[0], "climate"), ==, 0);
}

/* With many clippings on the target, a sync of one new highlight costs
 * the same requests as with few. */
static void
test_requests_follow_changes (Fixture       *fixture,
                              gconstpointer  data)
{
  guint costs[2];

  if (fixture->target == NULL)
    return;
  for (guint round = 0; round < 2; round++)
    {
      guint many = round == 0 ? 5 : 60;
      g_autofree char *url = g_strdup_printf ("https://example.org/last-%u", round);
      ClipperSyncReport report;
      gint64 id = 0;

      for (guint i = 0; i < many; i++)
        {
          g_autofree char *page = g_strdup_printf ("https://example.org/%u/%u", round, i);

          id = add_clipping (fixture->a, page, page);
        }
      sync_library (fixture, fixture->a);
      sync_library (fixture, fixture->b);

      add_highlight (fixture->a, id, "more silt", "yellow");
      report = sync_library (fixture, fixture->a);
      g_assert_cmpuint (report.sent, ==, 5);
      report = sync_library (fixture, fixture->b);
      g_assert_cmpuint (report.received, ==, 5);
      costs[round] = report.requests;
      g_test_message ("%" G_GINT64_FORMAT " clippings: the highlight took %u requests",
                      clipper_store_count_clippings (fixture->a, NULL), report.requests);
    }
  g_assert_cmpuint (costs[0], ==, costs[1]);
  g_assert_cmpuint (costs[1], <=, 6);
}

/* A target set up by a newer version is refused, and left as it was. */
static void
test_newer_format (Fixture       *fixture,
                   gconstpointer  data)
{
  g_autoptr(ClipperSync) sync = clipper_sync_new (fixture->a, fixture->target);
  g_autoptr(GError) error = NULL;
  g_autofree char *format = g_build_filename (fixture->root, "clipper-sync.json", NULL);
  g_autofree char *devices = g_build_filename (fixture->root, "devices", NULL);
  ClipperSyncReport report;

  if (fixture->target == NULL)
    return;
  add_clipping (fixture->a, "https://example.org/glaciers", "Glaciers");
  g_assert_cmpint (g_mkdir_with_parents (fixture->root, 0755), ==, 0);
  g_assert_true (g_file_set_contents (format, "{\"format\": 2}", -1, NULL));
  g_assert_false (clipper_sync_run (sync, &report, NULL, &error));
  g_assert_error (error, CLIPPER_ERROR, CLIPPER_ERROR_NEWER_DATABASE);
  g_assert_nonnull (strstr (error->message, "newer version"));
  g_assert_false (g_file_test (devices, G_FILE_TEST_EXISTS));
}

/* The target wiped: the next sync sends everything again, and the other
 * library, which had it all, still follows. */
static void
test_target_wiped (Fixture       *fixture,
                   gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  ClipperSyncReport report;
  gint64 id;

  if (fixture->target == NULL)
    return;
  id = add_clipping (fixture->a, "https://example.org/glaciers", "Glaciers");
  sync_library (fixture, fixture->a);
  sync_library (fixture, fixture->b);
  clipper_test_remove_tree (fixture->root);

  report = sync_library (fixture, fixture->a);
  g_assert_true (report.uploaded_all);
  report = sync_library (fixture, fixture->b);
  g_assert_true (report.uploaded_all);

  g_assert_true (clipper_store_set_clipping_note (fixture->a, id, "After the wipe", &error));
  sync_library (fixture, fixture->a);
  sync_library (fixture, fixture->b);
  {
    g_autofree char *note = note_of (fixture->b, "https://example.org/glaciers");

    g_assert_cmpstr (note, ==, "After the wipe");
  }
  g_assert_cmpint (clipper_store_count_clippings (fixture->b, NULL), ==, 1);
}

/* A wrong password: a sentence that says so, and nothing lost here: the
 * changes are sent by the next sync that gets in. */
static void
test_refused (Fixture       *fixture,
              gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(ClipperSyncTarget) wrong = NULL;
  g_autoptr(ClipperSync) sync = NULL;
  g_autofree char *url = NULL;
  ClipperSyncReport report;

  if (fixture->target == NULL)
    return;

  add_clipping (fixture->a, "https://example.org/glaciers", "Glaciers");
  url = g_strconcat (fixture->apache.url, "clipper/", NULL);
  wrong = clipper_sync_webdav_new (url, "reader", "not the password", &error);
  sync = clipper_sync_new (fixture->a, wrong);
  g_assert_false (clipper_sync_run (sync, &report, NULL, &error));
  g_assert_error (error, CLIPPER_ERROR, CLIPPER_ERROR_REFUSED);
  g_assert_nonnull (strstr (error->message, "user name or password"));
  g_assert_nonnull (strstr (error->message, "401"));
  g_assert_cmpint (clipper_store_sync_count_dirty (fixture->a, NULL), >, 0);

  sync_library (fixture, fixture->a);
  sync_library (fixture, fixture->b);
  g_assert_cmpint (clipper_store_count_clippings (fixture->b, NULL), ==, 1);
}

/* A target that fails its Nth request, as a server that answers 503 or
 * drops the connection there would. */
#define TEST_TYPE_FAULTY (test_faulty_get_type ())
G_DECLARE_FINAL_TYPE (TestFaulty, test_faulty, TEST, FAULTY, ClipperSyncTarget)

struct _TestFaulty
{
  ClipperSyncTarget  parent_instance;
  ClipperSyncTarget *inner;
  guint              calls;
  guint              fail_at;
};

G_DEFINE_FINAL_TYPE (TestFaulty, test_faulty, CLIPPER_TYPE_SYNC_TARGET)

static gboolean
faulty_fails (TestFaulty  *self,
              GError     **error)
{
  if (++self->calls != self->fail_at)
    return FALSE;
  g_set_error (error, CLIPPER_ERROR, CLIPPER_ERROR_UNAVAILABLE, "The server is failing for now (test)");
  return TRUE;
}

static GBytes *
faulty_get (ClipperSyncTarget *target, const char *path, const char *if_none_match, char **etag,
            GCancellable *cancellable, GError **error)
{
  TestFaulty *self = TEST_FAULTY (target);

  return faulty_fails (self, error) ? NULL
                                    : clipper_sync_target_get (self->inner, path, if_none_match, etag, cancellable,
                                                               error);
}

static char *
faulty_put (ClipperSyncTarget *target, const char *path, GBytes *bytes, const char *if_match,
            GCancellable *cancellable, GError **error)
{
  TestFaulty *self = TEST_FAULTY (target);

  return faulty_fails (self, error) ? NULL
                                    : clipper_sync_target_put (self->inner, path, bytes, if_match, cancellable, error);
}

static gboolean
faulty_make_dir (ClipperSyncTarget *target, const char *path, GCancellable *cancellable, GError **error)
{
  TestFaulty *self = TEST_FAULTY (target);

  return !faulty_fails (self, error) && clipper_sync_target_make_dir (self->inner, path, cancellable, error);
}

static char **
faulty_list (ClipperSyncTarget *target, const char *path, GCancellable *cancellable, GError **error)
{
  TestFaulty *self = TEST_FAULTY (target);

  return faulty_fails (self, error) ? NULL : clipper_sync_target_list (self->inner, path, cancellable, error);
}

static char *
faulty_describe (ClipperSyncTarget *target)
{
  return g_strdup ("a failing target");
}

static void
test_faulty_finalize (GObject *object)
{
  g_clear_object (&TEST_FAULTY (object)->inner);
  G_OBJECT_CLASS (test_faulty_parent_class)->finalize (object);
}

static void
test_faulty_class_init (TestFaultyClass *klass)
{
  ClipperSyncTargetClass *target_class = CLIPPER_SYNC_TARGET_CLASS (klass);

  G_OBJECT_CLASS (klass)->finalize = test_faulty_finalize;
  target_class->get = faulty_get;
  target_class->put = faulty_put;
  target_class->make_dir = faulty_make_dir;
  target_class->list = faulty_list;
  target_class->describe = faulty_describe;
}

static void
test_faulty_init (TestFaulty *self)
{
}

/* A request failing at each point of a sync in turn (the first sync, then
 * ones with a note edited since): the sync says so, and the next one
 * that gets through sends all of it; the other library ends with every
 * note. */
static void
test_failures_anywhere (Fixture       *fixture,
                        gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  guint failures = 0;
  gint64 id;

  if (fixture->target == NULL)
    return;

  id = add_clipping (fixture->a, "https://example.org/glaciers", "Glaciers");
  add_highlight (fixture->a, id, "retreated faster", "yellow");
  for (guint fail_at = 1; fail_at <= 14; fail_at++)
    {
      g_autoptr(TestFaulty) faulty = g_object_new (TEST_TYPE_FAULTY, NULL);
      g_autoptr(ClipperSync) sync = NULL;
      g_autofree char *note = g_strdup_printf ("Edit %u", fail_at);
      ClipperSyncReport report;

      g_assert_true (clipper_store_set_clipping_note (fixture->a, id, note, &error));
      faulty->inner = g_object_ref (fixture->target);
      faulty->fail_at = fail_at;
      sync = clipper_sync_new (fixture->a, CLIPPER_SYNC_TARGET (faulty));
      if (!clipper_sync_run (sync, &report, NULL, &error))
        {
          g_assert_error (error, CLIPPER_ERROR, CLIPPER_ERROR_UNAVAILABLE);
          g_clear_error (&error);
          failures++;
        }
      /* The other library syncs in between, through a sound target. */
      sync_library (fixture, fixture->b);
    }
  g_assert_cmpuint (failures, >=, 8);

  sync_library (fixture, fixture->a);
  sync_library (fixture, fixture->b);
  {
    g_autofree char *on_b = note_of (fixture->b, "https://example.org/glaciers");
    g_autoptr(GPtrArray) highlights = clipper_store_list_highlights (
      fixture->b, clipper_store_find_clipping_by_url (fixture->b, "https://example.org/glaciers", NULL), NULL);

    g_assert_cmpstr (on_b, ==, "Edit 14");
    g_assert_cmpuint (highlights->len, ==, 1);
  }
  g_assert_cmpint (clipper_store_sync_count_dirty (fixture->a, NULL), ==, 0);
}

typedef struct
{
  guint status;
  gboolean drop;
  gboolean hang;
} Answer;

static void
answer_cb (SoupServer        *server,
           SoupServerMessage *msg,
           const char        *path,
           GHashTable        *query,
           gpointer           user_data)
{
  Answer *answer = user_data;

  if (answer->hang)
    {
      soup_server_message_pause (msg);
      return;
    }
  if (answer->drop)
    {
      GIOStream *stream = soup_server_message_steal_connection (msg);

      g_io_stream_close (stream, NULL, NULL);
      g_object_unref (stream);
      return;
    }
  soup_server_message_set_status (msg, answer->status, NULL);
}

static void
run_in_thread (GTask        *task,
               gpointer      source,
               gpointer      data,
               GCancellable *cancellable)
{
  ClipperSyncReport report;
  GError *error = NULL;

  if (clipper_sync_run (source, &report, cancellable, &error))
    g_task_return_boolean (task, TRUE);
  else
    g_task_return_error (task, error);
}

static void
on_ran_cb (GObject      *object,
           GAsyncResult *result,
           gpointer      user_data)
{
  GError **error = user_data;

  if (g_task_propagate_boolean (G_TASK (result), error))
    *error = g_error_new_literal (CLIPPER_ERROR, CLIPPER_ERROR_FAILED, "it succeeded");
}

/* What a WebDAV server's refusals and failures become: a sentence with
 * the right kind, and nothing lost here. The server runs in this thread,
 * the sync in a worker. */
static void
test_server_answers (void)
{
  const struct { guint status; gboolean drop; gboolean hang; int code; const char *words; } cases[] = {
    { 401, FALSE, FALSE, CLIPPER_ERROR_REFUSED, "user name or password" },
    { 403, FALSE, FALSE, CLIPPER_ERROR_REFUSED, "user name or password" },
    { 404, FALSE, FALSE, CLIPPER_ERROR_NOT_FOUND, "not on the server" },
    { 409, FALSE, FALSE, CLIPPER_ERROR_NOT_FOUND, "not on the server" },
    { 412, FALSE, FALSE, CLIPPER_ERROR_CONFLICT, "written meanwhile" },
    { 423, FALSE, FALSE, CLIPPER_ERROR_UNAVAILABLE, "locked" },
    { 500, FALSE, FALSE, CLIPPER_ERROR_UNAVAILABLE, "500" },
    { 503, FALSE, FALSE, CLIPPER_ERROR_UNAVAILABLE, "503" },
    { 507, FALSE, FALSE, CLIPPER_ERROR_NO_SPACE, "out of space" },
    { 0, TRUE, FALSE, CLIPPER_ERROR_NETWORK, "Could not reach" },
    { 0, FALSE, TRUE, CLIPPER_ERROR_NETWORK, "Could not reach" },
  };
  g_autofree char *dir = g_dir_make_tmp ("clipper-sync-answers-XXXXXX", NULL);
  g_autofree char *path = g_build_filename (dir, "a.db", NULL);
  g_autoptr(ClipperStore) store = clipper_store_open (path, NULL);

  add_clipping (store, "https://example.org/glaciers", "Glaciers");
  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(SoupServer) server = soup_server_new (NULL, NULL);
      g_autoptr(GSList) uris = NULL;
      g_autoptr(ClipperSyncTarget) target = NULL;
      g_autoptr(ClipperSync) sync = NULL;
      g_autoptr(GTask) task = NULL;
      g_autofree char *url = NULL;
      Answer answer = { cases[i].status, cases[i].drop, cases[i].hang };
      GError *error = NULL;

      soup_server_add_handler (server, NULL, answer_cb, &answer, NULL);
      g_assert_true (soup_server_listen_local (server, 0, SOUP_SERVER_LISTEN_IPV4_ONLY, NULL));
      uris = soup_server_get_uris (server);
      url = g_strdup_printf ("http://127.0.0.1:%d/dav/", g_uri_get_port (uris->data));
      g_slist_free_full (g_steal_pointer (&uris), (GDestroyNotify)g_uri_unref);
      target = clipper_sync_webdav_new (url, "reader", "secret", NULL);
      clipper_sync_webdav_set_timeout (CLIPPER_SYNC_WEBDAV (target), 1);
      sync = clipper_sync_new (store, target);

      task = g_task_new (sync, NULL, on_ran_cb, &error);
      g_task_run_in_thread (task, run_in_thread);
      clipper_test_iterate_until (clipper_test_pointer_set, &error, "the sync to end");
      g_test_message ("%u: %s", cases[i].status, error->message);
      g_assert_error (error, CLIPPER_ERROR, cases[i].code);
      g_assert_nonnull (strstr (error->message, cases[i].words));
      g_assert_null (strchr (error->message, '\n'));
      g_clear_error (&error);
      g_assert_cmpint (clipper_store_sync_count_dirty (store, NULL), >, 0);
    }
  g_clear_object (&store);
  clipper_test_remove_tree (dir);
}

static gpointer
sync_thread (gpointer data)
{
  ClipperSync *sync = data;
  ClipperSyncReport report;
  GError *error = NULL;

  /* Either may find the other's files half there: it fails or not, and
   * loses nothing. */
  if (!clipper_sync_run (sync, &report, NULL, &error))
    g_error_free (error);
  return NULL;
}

/* Two machines syncing at the same moment, each with changes of its own
 * and one note changed on both: after a sync each, both hold the same. */
static void
test_same_moment (Fixture       *fixture,
                  gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  const char *url = "https://example.org/glaciers";
  gint64 a_id, b_id;

  if (fixture->target == NULL)
    return;

  a_id = add_clipping (fixture->a, url, "Glaciers");
  sync_library (fixture, fixture->a);
  sync_library (fixture, fixture->b);
  b_id = clipper_store_find_clipping_by_url (fixture->b, url, NULL);

  for (guint round = 0; round < 3; round++)
    {
      g_autoptr(ClipperSync) on_a = clipper_sync_new (fixture->a, fixture->target);
      g_autoptr(ClipperSync) on_b = clipper_sync_new (fixture->b, fixture->target);
      g_autofree char *page_a = g_strdup_printf ("https://example.org/a/%u", round);
      g_autofree char *page_b = g_strdup_printf ("https://example.org/b/%u", round);
      g_autofree char *note_a = g_strdup_printf ("From A, round %u", round);
      g_autofree char *note_b = g_strdup_printf ("From B, round %u", round);
      GThread *threads[2];

      add_clipping (fixture->a, page_a, page_a);
      add_clipping (fixture->b, page_b, page_b);
      g_assert_true (clipper_store_set_clipping_note (fixture->a, a_id, note_a, &error));
      g_assert_true (clipper_store_set_clipping_note (fixture->b, b_id, note_b, &error));

      threads[0] = g_thread_new ("sync-a", sync_thread, on_a);
      threads[1] = g_thread_new ("sync-b", sync_thread, on_b);
      g_thread_join (threads[0]);
      g_thread_join (threads[1]);
    }

  sync_library (fixture, fixture->a);
  sync_library (fixture, fixture->b);
  sync_library (fixture, fixture->a);
  g_assert_cmpint (clipper_store_count_clippings (fixture->a, NULL), ==, 7);
  g_assert_cmpint (clipper_store_count_clippings (fixture->b, NULL), ==, 7);
  {
    g_autofree char *on_a = note_of (fixture->a, url);
    g_autofree char *on_b = note_of (fixture->b, url);

    g_assert_cmpstr (on_a, ==, on_b);
    g_assert_nonnull (strstr (on_a, "From A, round 2"));
    g_assert_nonnull (strstr (on_a, "From B, round 2"));
  }
  g_assert_cmpint (clipper_store_sync_count_dirty (fixture->a, NULL), ==, 0);
  g_assert_cmpint (clipper_store_sync_count_dirty (fixture->b, NULL), ==, 0);
}

/* The highlight of @library's clipping of @url, checked to sit on its
 * quote in the clipping's text; its start. */
static gint64
placed_start (ClipperStore *library,
              const char   *url,
              const char   *quote)
{
  g_autoptr(ClipperClipping) clipping = find_by_url (library, url);
  g_autoptr(GPtrArray) highlights = clipper_store_list_highlights (library, clipper_clipping_get_id (clipping), NULL);
  g_autoptr(ClipperAnchorText) text = clipper_anchor_text_new_from_html (clipper_clipping_get_content (clipping));
  ClipperHighlight *highlight;
  g_autofree char *there = NULL;

  g_assert_cmpuint (highlights->len, ==, 1);
  highlight = g_ptr_array_index (highlights, 0);
  g_assert_false (clipper_highlight_get_orphaned (highlight));
  there = clipper_anchor_text_slice (text, clipper_highlight_get_start (highlight), clipper_highlight_get_end (highlight));
  g_assert_cmpstr (there, ==, quote);
  return clipper_highlight_get_start (highlight);
}

/* A page re-clipped on A (a paragraph more at the top) while B
 * highlights the old text: on arrival, each machine places the highlight
 * in the new text, and both agree. */
static void
test_reanchor_on_arrival (Fixture       *fixture,
                          gconstpointer  data)
{
  g_autoptr(ClipperClipping) again = clipper_clipping_new ();
  g_autoptr(GError) error = NULL;
  const char *url = "https://example.org/glaciers";
  gint64 a_start, b_start;

  if (fixture->target == NULL)
    return;

  add_clipping (fixture->a, url, "Glaciers");
  sync_library (fixture, fixture->a);
  sync_library (fixture, fixture->b);

  clipper_clipping_set_url (again, url);
  clipper_clipping_set_title (again, "Glaciers");
  clipper_clipping_set_content (again, "<p>A paragraph the site added at the top since.</p>"
                                       "<p>The glacier retreated faster than any model had predicted.</p>"
                                       "<p>The river carried more silt each year.</p>");
  clipper_clipping_set_text (again, "A paragraph the site added at the top since.\n\n" TEXT);
  g_assert_cmpint (clipper_capture_save (fixture->a, again, FALSE, NULL, &error), >, 0);
  g_assert_no_error (error);
  add_highlight (fixture->b, clipper_store_find_clipping_by_url (fixture->b, url, NULL), "more silt", "pink");

  sync_library (fixture, fixture->a);
  sync_library (fixture, fixture->b);
  sync_library (fixture, fixture->a);
  sync_library (fixture, fixture->b);

  a_start = placed_start (fixture->a, url, "more silt");
  b_start = placed_start (fixture->b, url, "more silt");
  g_assert_cmpint (a_start, ==, b_start);
  g_assert_cmpint (a_start, >, 60);
}

/* Another "device" on the target writing what Clipper never would: a
 * blob named like a path out of the target, fields that do not exist,
 * stamps that are not stamps, a tag with quotes. The library takes what
 * makes sense, reads nothing outside the target, and a segment that is
 * not JSON stops the sync with a sentence naming it. */
static void
test_hostile_device (Fixture       *fixture,
                     gconstpointer  data)
{
  const char *device = "cccccccc-cccc-4ccc-8ccc-cccccccccccc";
  g_autofree char *segments = NULL;
  g_autofree char *head = NULL;
  g_autofree char *segment = NULL;
  g_autofree char *second = NULL;
  g_autoptr(ClipperSync) sync = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(ClipperClipping) clipping = NULL;
  ClipperSyncReport report;
  const char *changes =
    "{\"format\": 1, \"device\": \"cccccccc-cccc-4ccc-8ccc-cccccccccccc\", \"seq\": 1, \"changes\": ["
    "{\"stamp\": \"000000000001-0000-x\", \"kind\": \"clipping\", \"id\": \"u1\", \"field\": \"url\","
    " \"value\": \"https://example.org/hostile\"},"
    "{\"stamp\": \"000000000001-0001-x\", \"kind\": \"clipping\", \"id\": \"u1\", \"field\": \"title\","
    " \"value\": \"Robert'); DROP TABLE clippings;--\"},"
    "{\"stamp\": \"000000000001-0002-x\", \"kind\": \"clipping\", \"id\": \"u1\", \"field\": \"content\","
    " \"value\": {\"blob\": \"../../../../../../dev/zero\", \"resources\": [{\"hash\": \"../x\", \"type\": \"x\"}]}},"
    "{\"stamp\": \"000000000001-0003-x\", \"kind\": \"clipping\", \"id\": \"u1\", \"field\": \"id; DROP\","
    " \"value\": 1},"
    "{\"stamp\": \"000000000001-0004-x\", \"kind\": \"clipping\", \"id\": \"u1\", \"field\": \"tag:\\\"x\","
    " \"value\": \"\\\"x\"},"
    "{\"stamp\": \"not a stamp\", \"kind\": \"clipping\", \"id\": \"u1\", \"field\": \"title\", \"value\": \"No\"},"
    "{\"stamp\": \"000000000001-0005-x\", \"kind\": \"table\", \"id\": \"u1\", \"field\": \"title\", \"value\": \"No\"},"
    "{\"stamp\": \"000000000001-0006-x\", \"kind\": \"highlight\", \"id\": \"h1\", \"field\": \"color\","
    " \"value\": \"ultraviolet\"}"
    "]}";

  if (fixture->target == NULL)
    return;

  sync_library (fixture, fixture->a);
  segments = g_build_filename (fixture->root, "devices", device, "segments", NULL);
  g_assert_cmpint (g_mkdir_with_parents (segments, 0755), ==, 0);
  head = g_build_filename (fixture->root, "devices", device, "head.json", NULL);
  g_assert_true (g_file_set_contents (head, "{\"seq\": 1, \"first\": 1}", -1, NULL));
  segment = g_build_filename (segments, "0000000001.json", NULL);
  g_assert_true (g_file_set_contents (segment, changes, -1, NULL));

  report = sync_library (fixture, fixture->a);
  g_assert_cmpuint (report.received, ==, 6);
  clipping = find_by_url (fixture->a, "https://example.org/hostile");
  g_assert_nonnull (clipping);
  g_assert_cmpstr (clipper_clipping_get_title (clipping), ==, "Robert'); DROP TABLE clippings;--");
  g_assert_cmpstr (clipper_clipping_get_tags (clipping)[0], ==, "\"x");
  g_assert_false (clipper_clipping_get_fetched (clipping));
  g_assert_cmpuint (report.blobs_received, ==, 0);

  /* A segment that is not JSON: a sentence, and the one before stays. */
  g_assert_true (g_file_set_contents (head, "{\"seq\": 2, \"first\": 1}", -1, NULL));
  second = g_build_filename (segments, "0000000002.json", NULL);
  g_assert_true (g_file_set_contents (second, "{\"changes\": [", -1, NULL));
  sync = clipper_sync_new (fixture->a, fixture->target);
  g_assert_false (clipper_sync_run (sync, &report, NULL, &error));
  g_assert_nonnull (strstr (error->message, "0000000002.json"));
  g_assert_cmpint (clipper_store_count_clippings (fixture->a, NULL), ==, 1);
}

/* Archiving travels: archived on A, archived on B; brought back on B,
 * back on A. */
static void
test_archive (Fixture       *fixture,
              gconstpointer  data)
{
  g_autoptr(ClipperClipping) there = NULL;
  g_autoptr(ClipperClipping) here = NULL;
  gint64 id;

  if (fixture->target == NULL)
    return;

  id = add_clipping (fixture->a, "https://example.org/glaciers", "Glaciers");
  sync_library (fixture, fixture->a);
  sync_library (fixture, fixture->b);
  g_assert_true (clipper_store_set_archived (fixture->a, id, TRUE, NULL));
  sync_library (fixture, fixture->a);
  sync_library (fixture, fixture->b);
  there = find_by_url (fixture->b, "https://example.org/glaciers");
  g_assert_true (clipper_clipping_get_archived (there));
  g_assert_cmpuint (search_count (fixture->b, "is:archived"), ==, 1);

  g_assert_true (clipper_store_set_archived (fixture->b, clipper_clipping_get_id (there), FALSE, NULL));
  sync_library (fixture, fixture->b);
  sync_library (fixture, fixture->a);
  here = find_by_url (fixture->a, "https://example.org/glaciers");
  g_assert_false (clipper_clipping_get_archived (here));
  g_assert_cmpuint (search_count (fixture->a, "is:archived"), ==, 0);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/sync/hlc", test_hlc);
  g_test_add_func ("/sync/merge-text", test_merge_text);
  for (guint i = 0; i < 2; i++)
    {
      const char *kind = i == 0 ? "folder" : "webdav";
#define ADD(path, func)                                                                     \
      {                                                                                     \
        g_autofree char *name = g_strdup_printf ("/sync/%s/%s", kind, path);               \
        g_test_add (name, Fixture, kind, fixture_set_up, func, fixture_tear_down);          \
      }
      ADD ("two-libraries", test_two_libraries);
      ADD ("concurrent-edits", test_concurrent_edits);
      ADD ("delete-against-edit", test_delete_against_edit);
      ADD ("second-library-merges", test_second_library_merges);
      ADD ("tags", test_tags);
      ADD ("requests-follow-changes", test_requests_follow_changes);
      ADD ("newer-format", test_newer_format);
      ADD ("target-wiped", test_target_wiped);
      ADD ("failures-anywhere", test_failures_anywhere);
      ADD ("same-moment", test_same_moment);
      ADD ("reanchor-on-arrival", test_reanchor_on_arrival);
      ADD ("hostile-device", test_hostile_device);
      ADD ("archive", test_archive);
#undef ADD
    }
  g_test_add_func ("/sync/webdav/server-answers", test_server_answers);
  g_test_add ("/sync/webdav/refused", Fixture, "webdav", fixture_set_up, test_refused, fixture_tear_down);

  return g_test_run ();
}
