/* test-highlight-editor.c
 *
 * Copyright 2026 The Clipper authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Creating, changing and deleting highlights without a window: what the
 * library holds after each, and the ranges that are refused.
 */

#include "config.h"

#include <string.h>

#include "clipper-clipping.h"
#include "clipper-error.h"
#include "clipper-highlight-editor.h"
#include "clipper-test-util.h"

#define CONTENT "<p>The glacier retreated faster than any model had predicted.</p><p>   </p>" \
                "<p>Scientists measured it every summer.</p>"

typedef struct
{
  char                   *dir;
  ClipperStore           *store;
  ClipperHighlightEditor *editor;
  ClipperAnchorText      *text;
  gint64                  clipping_id;
} Fixture;

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  g_autoptr(ClipperClipping) clipping = clipper_clipping_new ();
  g_autofree char *path = NULL;
  g_autoptr(GError) error = NULL;

  fixture->dir = g_dir_make_tmp ("clipper-editor-XXXXXX", NULL);
  path = g_build_filename (fixture->dir, "library.db", NULL);
  fixture->store = clipper_store_open (path, &error);
  g_assert_no_error (error);
  fixture->editor = clipper_highlight_editor_new (fixture->store);

  clipper_clipping_set_url (clipping, "https://example.org/glacier");
  clipper_clipping_set_title (clipping, "Glacier");
  clipper_clipping_set_content (clipping, CONTENT);
  clipper_clipping_set_text (clipping, "The glacier retreated faster than any model had predicted.\n\n"
                                       "Scientists measured it every summer.");
  fixture->clipping_id = clipper_store_add_clipping (fixture->store, clipping, &error);
  g_assert_no_error (error);
  fixture->text = clipper_anchor_text_new_from_html (CONTENT);
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  g_clear_pointer (&fixture->text, clipper_anchor_text_free);
  g_clear_object (&fixture->editor);
  g_clear_object (&fixture->store);
  clipper_test_remove_tree (fixture->dir);
  g_clear_pointer (&fixture->dir, g_free);
}

typedef struct
{
  gboolean          done;
  ClipperHighlight *highlight;
  gboolean          ok;
  GError           *error;
} Wait;

static void
on_created_cb (GObject      *object,
               GAsyncResult *result,
               gpointer      user_data)
{
  Wait *wait = user_data;

  wait->highlight = clipper_highlight_editor_create_finish (CLIPPER_HIGHLIGHT_EDITOR (object), result,
                                                            &wait->error);
  wait->done = TRUE;
}

static void
on_finished_cb (GObject      *object,
                GAsyncResult *result,
                gpointer      user_data)
{
  Wait *wait = user_data;

  wait->ok = clipper_highlight_editor_finish (CLIPPER_HIGHLIGHT_EDITOR (object), result, &wait->error);
  wait->done = TRUE;
}

static ClipperHighlight *
create (Fixture  *fixture,
        gint64    start,
        gint64    end,
        GError  **error)
{
  Wait wait = { 0 };

  clipper_highlight_editor_create_async (fixture->editor, fixture->clipping_id, fixture->text, start, end,
                                         "blue", NULL, on_created_cb, &wait);
  clipper_test_iterate_until (clipper_test_flag_set, &wait.done, "the highlight to be created");
  if (wait.error != NULL)
    g_propagate_error (error, wait.error);
  return wait.highlight;
}

static void
wait_for (Wait *wait)
{
  clipper_test_iterate_until (clipper_test_flag_set, &wait->done, "the write to finish");
  g_assert_no_error (wait->error);
  g_assert_true (wait->ok);
}

static gint64
offset_of (Fixture    *fixture,
           const char *needle)
{
  const char *text = clipper_anchor_text_get_utf8 (fixture->text);
  const char *found = strstr (text, needle);

  g_assert_nonnull (found);
  return g_utf8_pointer_to_offset (text, found);
}

/* A range of the text is saved with its quote; the ends of the text are
 * allowed, one past them is not, and white space alone is nothing. */
static void
test_create (Fixture       *fixture,
             gconstpointer  data)
{
  gint64 start = offset_of (fixture, "faster");
  gint64 length = clipper_anchor_text_get_length (fixture->text);
  g_autoptr(ClipperHighlight) highlight = create (fixture, start, start + strlen ("faster"), NULL);
  g_autoptr(ClipperHighlight) whole = create (fixture, 0, length, NULL);
  g_autoptr(GPtrArray) saved = NULL;
  g_autoptr(GError) past_end = NULL;
  g_autoptr(GError) before_start = NULL;
  g_autoptr(GError) empty = NULL;
  g_autoptr(GError) blank_error = NULL;
  g_autoptr(ClipperHighlight) blank = NULL;
  gint64 space = offset_of (fixture, "predicted.") + strlen ("predicted.");

  g_assert_nonnull (highlight);
  g_assert_cmpint (clipper_highlight_get_id (highlight), >, 0);
  g_assert_cmpstr (clipper_highlight_get_exact (highlight), ==, "faster");
  g_assert_cmpstr (clipper_highlight_get_color (highlight), ==, "blue");
  g_assert_nonnull (whole);

  g_assert_null (create (fixture, 0, length + 1, &past_end));
  g_assert_error (past_end, CLIPPER_ERROR, CLIPPER_ERROR_INVALID_INPUT);
  g_assert_null (create (fixture, -1, 3, &before_start));
  g_assert_error (before_start, CLIPPER_ERROR, CLIPPER_ERROR_INVALID_INPUT);
  g_assert_null (create (fixture, 5, 5, &empty));
  g_assert_error (empty, CLIPPER_ERROR, CLIPPER_ERROR_INVALID_INPUT);

  blank = create (fixture, space, space + 2, &blank_error);
  g_assert_null (blank);
  g_assert_no_error (blank_error);

  saved = clipper_store_list_highlights (fixture->store, fixture->clipping_id, NULL);
  g_assert_cmpuint (saved->len, ==, 2);
}

/* A change saves a copy: what its owner does afterwards is not written
 * until it is saved again. */
static void
test_save (Fixture       *fixture,
           gconstpointer  data)
{
  gint64 start = offset_of (fixture, "glacier");
  g_autoptr(ClipperHighlight) highlight = create (fixture, start, start + strlen ("glacier"), NULL);
  g_autoptr(GPtrArray) saved = NULL;
  ClipperHighlight *stored;
  Wait wait = { 0 };

  clipper_highlight_set_color (highlight, "pink");
  clipper_highlight_set_note (highlight, "Check the **1998** figures.");
  clipper_highlight_editor_save_async (fixture->editor, highlight, NULL, on_finished_cb, &wait);
  clipper_highlight_set_color (highlight, "green");
  wait_for (&wait);

  saved = clipper_store_list_highlights (fixture->store, fixture->clipping_id, NULL);
  g_assert_cmpuint (saved->len, ==, 1);
  stored = g_ptr_array_index (saved, 0);
  g_assert_cmpstr (clipper_highlight_get_color (stored), ==, "pink");
  g_assert_cmpstr (clipper_highlight_get_note (stored), ==, "Check the **1998** figures.");
}

/* The clipping's note and tags are saved together; deleting removes the
 * highlight, and deleting one already gone is no error. */
static void
test_details_and_delete (Fixture       *fixture,
                         gconstpointer  data)
{
  const char * const tags[] = { "ice", "coast", NULL };
  gint64 start = offset_of (fixture, "summer");
  g_autoptr(ClipperHighlight) highlight = create (fixture, start, start + strlen ("summer"), NULL);
  g_autoptr(ClipperClipping) clipping = NULL;
  g_autoptr(GPtrArray) saved = NULL;
  g_autofree char *note = NULL;
  Wait details = { 0 };
  Wait deleted = { 0 };
  Wait again = { 0 };

  clipper_highlight_editor_save_details_async (fixture->editor, fixture->clipping_id, "Read twice.", tags,
                                               NULL, on_finished_cb, &details);
  wait_for (&details);
  note = clipper_store_dup_clipping_note (fixture->store, fixture->clipping_id, NULL);
  g_assert_cmpstr (note, ==, "Read twice.");
  clipping = clipper_store_find_clipping (fixture->store, fixture->clipping_id, NULL);
  g_assert_cmpuint (g_strv_length ((char **)clipper_clipping_get_tags (clipping)), ==, 2);

  clipper_highlight_editor_delete_async (fixture->editor, clipper_highlight_get_id (highlight),
                                         on_finished_cb, &deleted);
  wait_for (&deleted);
  saved = clipper_store_list_highlights (fixture->store, fixture->clipping_id, NULL);
  g_assert_cmpuint (saved->len, ==, 0);

  clipper_highlight_editor_delete_async (fixture->editor, clipper_highlight_get_id (highlight),
                                         on_finished_cb, &again);
  wait_for (&again);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add ("/clipper/highlight-editor/create", Fixture, NULL,
              fixture_set_up, test_create, fixture_tear_down);
  g_test_add ("/clipper/highlight-editor/save", Fixture, NULL,
              fixture_set_up, test_save, fixture_tear_down);
  g_test_add ("/clipper/highlight-editor/details-and-delete", Fixture, NULL,
              fixture_set_up, test_details_and_delete, fixture_tear_down);

  return g_test_run ();
}
