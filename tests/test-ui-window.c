/* test-ui-window.c
 *
 * Copyright 2026 The Clipper authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * What the window builds only when it is needed: the reader module
 * (WebKit loads with the first page opened, and a window whose reader
 * cannot load says so rather than failing quietly) and the keyboard
 * shortcuts window.
 */

#include "config.h"

#include "clipper-test-widgets.h"

#include "clipper-test-util.h"

#include <glib/gstdio.h>
#include <string.h>

#include "clipper-error.h"
#include "clipper-highlight-popover.h"
#include "clipper-window.h"

static GtkWidget *
find_status_page (GtkWidget  *root,
                  const char *title)
{
  if (ADW_IS_STATUS_PAGE (root) && g_strcmp0 (adw_status_page_get_title (ADW_STATUS_PAGE (root)), title) == 0)
    return root;

  for (GtkWidget *child = gtk_widget_get_first_child (root); child;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_status_page (child, title);

      if (found)
        return found;
    }

  return NULL;
}

static void
test_loads_on_demand (void)
{
  g_autoptr(GError) error = NULL;
  ClipperReader *reader;
  ClipperReader *second;

  reader = g_object_ref_sink (clipper_reader_new (&error));
  g_assert_no_error (error);
  g_assert_true (CLIPPER_IS_READER (reader));
  g_assert_null (clipper_reader_get_uri (reader));
  g_assert_false (clipper_reader_can_go_back (reader));
  g_assert_false (clipper_reader_is_loading (reader));

  /* The module stays; a second reader is of the same type. */
  second = g_object_ref_sink (clipper_reader_new (&error));
  g_assert_no_error (error);
  g_assert_true (G_OBJECT_TYPE (second) == G_OBJECT_TYPE (reader));

  g_object_unref (second);
  g_object_unref (reader);
}

static void
missing_module (void)
{
  g_autofree char *dir = g_dir_make_tmp ("clipper-no-module-XXXXXX", NULL);
  g_autoptr(GError) error = NULL;
  ClipperWindow *window;
  GtkWidget *page;

  g_setenv ("CLIPPER_MODULE_DIR", dir, TRUE);

  g_test_expect_message ("clipper-reader", G_LOG_LEVEL_WARNING, "*could not be loaded*");
  g_assert_null (clipper_reader_new (&error));
  g_test_assert_expected_messages ();
  g_assert_error (error, CLIPPER_ERROR, CLIPPER_ERROR_FAILED);
  g_assert_nonnull (strstr (error->message, "could not be loaded"));
  g_clear_error (&error);

  /* The same answer again, without trying again. */
  g_assert_null (clipper_reader_new (&error));
  g_assert_error (error, CLIPPER_ERROR, CLIPPER_ERROR_FAILED);

  /* The window says so where the page would be, and keeps working. */
  window = g_object_new (CLIPPER_TYPE_WINDOW, NULL);
  gtk_window_present (GTK_WINDOW (window));
  clipper_window_load_address (window, "https://example.org/");
  g_assert_null (clipper_window_get_reader (window));
  page = find_status_page (GTK_WIDGET (window), "Pages Cannot Be Shown");
  g_assert_nonnull (page);
  g_assert_true (gtk_widget_get_mapped (page));
  g_assert_nonnull (strstr (adw_status_page_get_description (ADW_STATUS_PAGE (page)), "could not be loaded"));
  g_assert_false (g_action_group_get_action_enabled (G_ACTION_GROUP (window), "clip"));
  g_assert_false (g_action_group_get_action_enabled (G_ACTION_GROUP (window), "back"));

  clipper_window_open_clipping (window, 1);
  g_assert_null (clipper_window_get_reader (window));

  gtk_window_destroy (GTK_WINDOW (window));
  g_rmdir (dir);
}

static void
test_missing_module (void)
{
  /* In a process of its own: a failed load is remembered. */
  if (g_test_subprocess ())
    {
      missing_module ();
      return;
    }

  g_test_trap_subprocess (NULL, 0, G_TEST_SUBPROCESS_INHERIT_STDERR);
  g_test_trap_assert_passed ();
}

static void
test_help_overlay (void)
{
  ClipperWindow *window = g_object_new (CLIPPER_TYPE_WINDOW, NULL);
  GtkShortcutsWindow *overlay;

  g_assert_null (gtk_application_window_get_help_overlay (GTK_APPLICATION_WINDOW (window)));
  g_assert_true (g_action_group_has_action (G_ACTION_GROUP (window), "show-help-overlay"));

  g_action_group_activate_action (G_ACTION_GROUP (window), "show-help-overlay", NULL);
  overlay = gtk_application_window_get_help_overlay (GTK_APPLICATION_WINDOW (window));
  g_assert_nonnull (overlay);
  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (overlay)));
  g_assert_true (gtk_window_get_transient_for (GTK_WINDOW (overlay)) == GTK_WINDOW (window));

  /* The reader's keys are listed: F7 (through its action), H, 1–5, N. */
  {
    g_autoptr(GPtrArray) shortcuts = g_ptr_array_new ();
    const char *wanted[] = { "h", "1 2 3 4 5", "n" };
    gboolean caret = FALSE;

    clipper_test_find_all (GTK_WIDGET (overlay), GTK_TYPE_SHORTCUTS_SHORTCUT, shortcuts);
    for (guint i = 0; i < shortcuts->len; i++)
      {
        g_autofree char *action = NULL;

        g_object_get (g_ptr_array_index (shortcuts, i), "action-name", &action, NULL);
        caret |= g_strcmp0 (action, "win.caret-browsing") == 0;
      }
    g_assert_true (caret);
    for (guint w = 0; w < G_N_ELEMENTS (wanted); w++)
      {
        gboolean found = FALSE;

        for (guint i = 0; i < shortcuts->len && !found; i++)
          {
            g_autofree char *accelerator = NULL;

            g_object_get (g_ptr_array_index (shortcuts, i), "accelerator", &accelerator, NULL);
            found = g_strcmp0 (accelerator, wanted[w]) == 0;
          }
        g_assert_true (found);
      }
  }

  /* Shown again, it is the same window. */
  gtk_widget_set_visible (GTK_WIDGET (overlay), FALSE);
  g_action_group_activate_action (G_ACTION_GROUP (window), "show-help-overlay", NULL);
  g_assert_true (gtk_application_window_get_help_overlay (GTK_APPLICATION_WINDOW (window)) == overlay);
  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (overlay)));

  gtk_window_destroy (GTK_WINDOW (window));
}

static GtkWidget *
find_of_type (GtkWidget *root,
              GType      type)
{
  if (G_TYPE_CHECK_INSTANCE_TYPE (root, type))
    return root;

  for (GtkWidget *child = gtk_widget_get_first_child (root); child;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_of_type (child, type);

      if (found)
        return found;
    }

  return NULL;
}

static GtkStack *
find_sidebar_stack (GtkWidget *root)
{
  if (GTK_IS_STACK (root) && gtk_stack_get_child_by_name (GTK_STACK (root), "highlights") != NULL)
    return GTK_STACK (root);

  for (GtkWidget *child = gtk_widget_get_first_child (root); child;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkStack *found = find_sidebar_stack (child);

      if (found)
        return found;
    }

  return NULL;
}

static void
test_highlights_page (void)
{
  ClipperWindow *window = g_object_new (CLIPPER_TYPE_WINDOW, NULL);
  GtkStack *sidebar;
  GtkWidget *pane;

  gtk_window_present (GTK_WINDOW (window));

  /* Not built with the window… */
  g_assert_null (find_of_type (GTK_WIDGET (window), CLIPPER_TYPE_HIGHLIGHTS_PANE));

  /* …but as soon as its page is shown, empty until a clipping is open. */
  sidebar = find_sidebar_stack (GTK_WIDGET (window));
  g_assert_nonnull (sidebar);
  gtk_stack_set_visible_child_name (sidebar, "highlights");
  pane = find_of_type (GTK_WIDGET (window), CLIPPER_TYPE_HIGHLIGHTS_PANE);
  g_assert_nonnull (pane);
  g_assert_true (GTK_WIDGET (clipper_window_get_highlights_pane (window)) == pane);
  g_assert_cmpuint (g_list_model_get_n_items (clipper_highlights_pane_get_model (CLIPPER_HIGHLIGHTS_PANE (pane))), ==, 0);
  g_assert_true (gtk_widget_get_mapped (pane));

  gtk_window_destroy (GTK_WINDOW (window));
}


static gboolean
has_label_containing (GtkWidget  *root,
                      const char *text)
{
  if (GTK_IS_LABEL (root) && strstr (gtk_label_get_label (GTK_LABEL (root)), text))
    return TRUE;

  for (GtkWidget *child = gtk_widget_get_first_child (root); child;
       child = gtk_widget_get_next_sibling (child))
    if (has_label_containing (child, text))
      return TRUE;

  return FALSE;
}

/* A library whose tables are damaged is found out after it opens; the
 * window says so, naming the file, and nothing is written to it. */
static void
test_damaged_library (void)
{
  g_autofree char *dir = g_dir_make_tmp ("clipper-damaged-ui-XXXXXX", NULL);
  g_autofree char *path = g_build_filename (dir, "library.db", NULL);
  g_autofree char *contents = NULL;
  g_autoptr(ClipperStore) store = NULL;
  g_autoptr(GError) error = NULL;
  ClipperWindow *window;
  gint64 deadline;
  gsize length;

  store = clipper_store_open (path, &error);
  g_assert_no_error (error);
  for (guint i = 0; i < 40; i++)
    {
      g_autoptr(ClipperClipping) clipping = clipper_clipping_new ();
      g_autofree char *title = g_strdup_printf ("A clipping with a title long enough to fill pages %u", i);

      clipper_clipping_set_title (clipping, title);
      clipper_clipping_set_url (clipping, "https://example.org/");
      clipper_store_add_clipping (store, clipping, &error);
      g_assert_no_error (error);
    }
  g_clear_object (&store);

  /* Page 2 is the clippings table's root. */
  g_assert_true (g_file_get_contents (path, &contents, &length, NULL));
  memset (contents + 4096 + 8, 0x5a, 4096 - 8);
  g_assert_true (g_file_set_contents (path, contents, length, NULL));

  store = clipper_store_open (path, &error);
  g_assert_no_error (error);
  g_assert_false (clipper_store_get_read_only (store));

  window = g_object_new (CLIPPER_TYPE_WINDOW, NULL);
  gtk_window_present (GTK_WINDOW (window));
  clipper_window_set_store (window, store);

  deadline = g_get_monotonic_time () + 20 * G_USEC_PER_SEC;
  while (!clipper_store_get_read_only (store) && g_get_monotonic_time () < deadline)
    g_main_context_iteration (NULL, TRUE);
  g_assert_true (clipper_store_get_read_only (store));

  while (!has_label_containing (GTK_WIDGET (window), "is damaged") && g_get_monotonic_time () < deadline)
    g_main_context_iteration (NULL, TRUE);
  g_assert_true (has_label_containing (GTK_WIDGET (window), path));

  gtk_window_destroy (GTK_WINDOW (window));
  g_clear_object (&store);
  clipper_test_remove_tree (dir);
}

static gboolean
popover_test_mapped (gpointer data)
{
  return gtk_widget_get_mapped (data);
}

/* Where the popover goes for a selection: above its first line when the
 * window has room, else below its last, else above without the arrow. */
static void
test_popover_placement (void)
{
  GtkWidget *window = gtk_window_new ();
  GtkWidget *page = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);
  GtkWidget *popover = clipper_highlight_popover_new ();
  struct {
    GdkRectangle    area;
    GtkPositionType position;
    gboolean        arrow;
    int             pointing_y;
  } cases[] = {
    { { 40, 200, 100, 60 }, GTK_POS_TOP, TRUE, 200 },     /* room above */
    { { 40, 5, 100, 60 }, GTK_POS_BOTTOM, TRUE, 64 },     /* only below */
    { { 40, 5, 100, 385 }, GTK_POS_TOP, FALSE, 5 },       /* the whole page */
  };
  gint64 deadline = g_get_monotonic_time () + 10 * G_USEC_PER_SEC;

  gtk_window_set_default_size (GTK_WINDOW (window), 400, 400);
  gtk_window_set_child (GTK_WINDOW (window), page);
  gtk_widget_set_parent (popover, page);
  gtk_window_present (GTK_WINDOW (window));
  while (!popover_test_mapped (page) || gtk_widget_get_height (page) < 390)
    {
      g_assert_cmpint (g_get_monotonic_time (), <, deadline);
      g_main_context_iteration (NULL, TRUE);
    }

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      GdkRectangle pointing;

      clipper_highlight_popover_show_selection (CLIPPER_HIGHLIGHT_POPOVER (popover), &cases[i].area);
      g_assert_cmpint (gtk_popover_get_position (GTK_POPOVER (popover)), ==, cases[i].position);
      g_assert_cmpint (gtk_popover_get_has_arrow (GTK_POPOVER (popover)), ==, cases[i].arrow);
      g_assert_true (gtk_popover_get_pointing_to (GTK_POPOVER (popover), &pointing));
      g_assert_cmpint (pointing.y, ==, cases[i].pointing_y);
      g_assert_cmpint (pointing.height, ==, 1);
      gtk_popover_popdown (GTK_POPOVER (popover));
    }

  gtk_widget_unparent (popover);
  gtk_window_destroy (GTK_WINDOW (window));
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  /* WebKit's data folders come from the program name. */
  g_set_prgname ("clipper-test-ui-window");
  gtk_init ();
  adw_init ();

  g_test_add_func ("/clipper/ui/reader/missing-module", test_missing_module);
  g_test_add_func ("/clipper/ui/reader/loads-on-demand", test_loads_on_demand);
  g_test_add_func ("/clipper/ui/window/help-overlay", test_help_overlay);
  g_test_add_func ("/clipper/ui/window/highlights-page", test_highlights_page);
  g_test_add_func ("/clipper/ui/window/damaged-library", test_damaged_library);
  g_test_add_func ("/clipper/ui/window/popover-placement", test_popover_placement);

  return g_test_run ();
}
