/* window-bench.c
 *
 * Copyright 2026 The Clipper authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The window over a large library (the one search-bench generates): how
 * long from the start of the process until the library list has painted
 * its first rows, how scrolling the list from top to bottom a page per
 * frame goes, how long opening a clipping takes (the first loads WebKit),
 * and the memory of the app process at each step and, separately, of the
 * WebKit processes it started. Needs a display (xvfb-run) and a D-Bus
 * session bus.
 *
 *   window-bench [--library PATH] [--startup-only]
 */

#include "config.h"

#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "bench-library.h"
#include "clipper-application.h"
#include "clipper-uri.h"
#include "clipper-window.h"

typedef struct
{
  ClipperApplication *app;
  ClipperWindow      *window;
  GtkAdjustment      *vadjustment;
  gint64              main_at;
  double              before_main_ms;
  gint64              rows_at;
  gint64              scroll_started_at;
  gint64              last_frame_at;
  gint64              open_at;
  char               *open_uri;
  guint               opened;
  GArray             *frames;
  guint               at_bottom;
  guint               rows;
  gboolean            startup_only;
  gboolean            painted;
  gboolean            first_frame;
} Bench;

/* How long the process ran before main(), from /proc (10 ms ticks). */
static double
ms_before_main (void)
{
  g_autofree char *stat = NULL;
  g_autofree char *uptime = NULL;
  const char *fields;
  double start_ticks = 0;

  if (!g_file_get_contents ("/proc/self/stat", &stat, NULL, NULL) ||
      !g_file_get_contents ("/proc/uptime", &uptime, NULL, NULL) ||
      !(fields = strrchr (stat, ')')))
    return 0;

  /* Field 22 is the start time; fields counts from field 3. */
  fields += 2;
  for (int field = 3; field < 22 && fields; field++)
    if ((fields = strchr (fields, ' ')))
      fields++;
  if (fields)
    start_ticks = g_ascii_strtod (fields, NULL);

  return (g_ascii_strtod (uptime, NULL) - start_ticks / sysconf (_SC_CLK_TCK)) * 1000.0;
}

static GtkWidget *
find_descendant (GtkWidget *widget,
                 GType      type)
{
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child; child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found;

      if (G_TYPE_CHECK_INSTANCE_TYPE (child, type))
        return child;
      if ((found = find_descendant (child, type)))
        return found;
    }

  return NULL;
}

/* A row of the list with its title set. */
static gboolean
find_row (GtkWidget *widget)
{
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child; child = gtk_widget_get_next_sibling (child))
    {
      if (gtk_widget_has_css_class (child, "library-row") && gtk_widget_get_mapped (child))
        return TRUE;
      if (find_row (child))
        return TRUE;
    }

  return FALSE;
}

static void
report_memory (void)
{
  g_autoptr(GDir) proc = g_dir_open ("/proc", 0, NULL);
  g_autofree char *self = g_strdup_printf ("%d", getpid ());
  const char *name;
  gint64 webkit_kib = 0;

  g_print ("app process: resident %.1f MiB now, peak %.1f MiB (%.1f MiB of it anonymous, the rest files such as libraries)\n",
           bench_status_kib (self, "VmRSS:") / 1024.0, bench_status_kib (self, "VmHWM:") / 1024.0,
           bench_status_kib (self, "RssAnon:") / 1024.0);

  /* WebKit's web and network processes descend from the app: children,
   * or grandchildren where WebKit starts them through its sandbox. */
  {
    g_autoptr(GHashTable) parents = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
    g_autoptr(GPtrArray) pending = g_ptr_array_new_with_free_func (g_free);

    while (proc && (name = g_dir_read_name (proc)))
      {
        g_autofree char *status_path = g_strdup_printf ("/proc/%s/status", name);
        g_autofree char *status = NULL;
        const char *ppid;

        if (g_ascii_isdigit (name[0]) && g_file_get_contents (status_path, &status, NULL, NULL) &&
            (ppid = strstr (status, "PPid:")))
          g_hash_table_insert (parents, g_strdup (name), GINT_TO_POINTER ((int)g_ascii_strtoll (ppid + 5, NULL, 10)));
      }

    g_ptr_array_add (pending, g_strdup (self));
    while (pending->len > 0)
      {
        g_autofree char *parent = g_ptr_array_steal_index (pending, pending->len - 1);
        GHashTableIter iter;
        gpointer pid, ppid;

        g_hash_table_iter_init (&iter, parents);
        while (g_hash_table_iter_next (&iter, &pid, &ppid))
          {
            if (GPOINTER_TO_INT (ppid) != atoi (parent))
              continue;
            webkit_kib += bench_status_kib (pid, "VmRSS:");
            g_print ("  descendant %s (of %s): resident %.1f MiB\n", (char *)pid, parent,
                     bench_status_kib (pid, "VmRSS:") / 1024.0);
            g_ptr_array_add (pending, g_strdup (pid));
          }
      }
  }
  g_print ("WebKit processes: resident %.1f MiB in all\n", webkit_kib / 1024.0);
}

static void open_clipping (Bench *bench, guint position);

static gboolean
on_open_tick_cb (GtkWidget     *widget,
                 GdkFrameClock *clock,
                 gpointer       user_data)
{
  Bench *bench = user_data;
  ClipperReader *reader = clipper_window_get_reader (bench->window);

  if (reader == NULL || clipper_reader_is_loading (reader) ||
      g_strcmp0 (clipper_reader_get_uri (reader), bench->open_uri) != 0)
    return G_SOURCE_CONTINUE;

  if (bench->opened++ == 0)
    {
      g_print ("first clipping shown: %.0f ms after it was opened (WebKit loads then)\n",
               (g_get_monotonic_time () - bench->open_at) / 1000.0);
      report_memory ();
      open_clipping (bench, 1);
      return G_SOURCE_REMOVE;
    }

  g_print ("another clipping shown: %.0f ms after it was opened\n",
           (g_get_monotonic_time () - bench->open_at) / 1000.0);
  g_application_quit (G_APPLICATION (bench->app));
  return G_SOURCE_REMOVE;
}

/* The reader and WebKit load with the first clipping opened: the memory
 * the app has while reading, and how long opening one takes. */
static void
open_clipping (Bench *bench,
               guint  position)
{
  GListModel *model = clipper_library_view_get_model (clipper_window_get_library_view (bench->window));
  g_autoptr(ClipperClipping) clipping = g_list_model_get_item (model, position);

  g_free (bench->open_uri);
  bench->open_uri = clipper_uri_dup_clipping_uri (clipper_clipping_get_id (clipping));
  bench->open_at = g_get_monotonic_time ();
  clipper_window_open_clipping (bench->window, clipper_clipping_get_id (clipping));
  gtk_widget_add_tick_callback (GTK_WIDGET (bench->window), on_open_tick_cb, bench, NULL);
}

static gboolean
on_scroll_tick_cb (GtkWidget     *widget,
                   GdkFrameClock *clock,
                   gpointer       user_data)
{
  Bench *bench = user_data;
  gint64 now = g_get_monotonic_time ();
  double value = gtk_adjustment_get_value (bench->vadjustment);
  double page = gtk_adjustment_get_page_size (bench->vadjustment);
  double upper = gtk_adjustment_get_upper (bench->vadjustment);

  if (bench->last_frame_at > 0)
    {
      double ms = (now - bench->last_frame_at) / 1000.0;

      g_array_append_val (bench->frames, ms);
    }
  bench->last_frame_at = now;

  /* The list's height is an estimate until rows are seen; the end is
   * where the value stays at the bottom. */
  if (value + page >= upper - 1)
    bench->at_bottom++;
  else
    bench->at_bottom = 0;

  if (bench->at_bottom >= 3)
    {
      double total = (now - bench->scroll_started_at) / 1e6;
      guint slow = 0;

      for (guint i = 0; i < bench->frames->len; i++)
        slow += g_array_index (bench->frames, double, i) > 33.4;

      g_print ("scrolled %u rows end to end, a page per frame: %.1f s, %u frames, "
               "frame median %.1f ms, p95 %.1f ms, max %.1f ms, %u frames over 33 ms\n",
               bench->rows, total, bench->frames->len, bench_median (bench->frames),
               bench_percentile (bench->frames, 0.95), bench_percentile (bench->frames, 1.0), slow);
      report_memory ();
      open_clipping (bench, 0);
      return G_SOURCE_REMOVE;
    }

  gtk_adjustment_set_value (bench->vadjustment, value + page);
  return G_SOURCE_CONTINUE;
}

static void
on_after_paint_cb (GdkFrameClock *clock,
                   Bench         *bench)
{
  if (bench->painted)
    return;

  bench->painted = TRUE;
  bench->rows_at = g_get_monotonic_time ();
  g_print ("first rows painted: %.0f ms after the process started (%.0f ms before main, %.0f ms in main)\n",
           bench->before_main_ms + (bench->rows_at - bench->main_at) / 1000.0,
           bench->before_main_ms, (bench->rows_at - bench->main_at) / 1000.0);
  report_memory ();
}

static void
on_first_paint_cb (GdkFrameClock *clock,
                   Bench         *bench)
{
  if (bench->first_frame)
    return;

  bench->first_frame = TRUE;
  g_print ("first frame of the window painted: %.0f ms after the process started\n",
           bench->before_main_ms + (g_get_monotonic_time () - bench->main_at) / 1000.0);
}

static gboolean
on_wait_tick_cb (GtkWidget     *widget,
                 GdkFrameClock *clock,
                 gpointer       user_data)
{
  Bench *bench = user_data;
  ClipperLibraryView *library = clipper_window_get_library_view (bench->window);
  GListModel *model = clipper_library_view_get_model (library);
  GtkWidget *list = find_descendant (GTK_WIDGET (library), GTK_TYPE_LIST_VIEW);

  if (!bench->first_frame)
    g_signal_connect (clock, "after-paint", G_CALLBACK (on_first_paint_cb), bench);

  if (!bench->painted)
    {
      /* Rows exist in this frame: its paint is when they are seen. */
      if (g_list_model_get_n_items (model) > 0 && list != NULL && gtk_widget_get_mapped (list) &&
          find_row (list))
        g_signal_connect (clock, "after-paint", G_CALLBACK (on_after_paint_cb), bench);
      return G_SOURCE_CONTINUE;
    }

  /* Scrolling starts once every row is in the list. */
  if (clipper_library_view_is_loading (library))
    return G_SOURCE_CONTINUE;
  g_signal_handlers_disconnect_by_func (clock, on_after_paint_cb, bench);
  g_signal_handlers_disconnect_by_func (clock, on_first_paint_cb, bench);
  if (bench->startup_only)
    {
      g_application_quit (G_APPLICATION (bench->app));
      return G_SOURCE_REMOVE;
    }
  bench->rows = g_list_model_get_n_items (model);
  bench->vadjustment = gtk_scrollable_get_vadjustment (GTK_SCROLLABLE (list));
  bench->scroll_started_at = g_get_monotonic_time ();
  gtk_widget_add_tick_callback (widget, on_scroll_tick_cb, bench, NULL);
  return G_SOURCE_REMOVE;
}

static void
on_loading_cb (ClipperLibraryView *library,
               GParamSpec         *pspec,
               Bench              *bench)
{
  g_print ("  library list %s: %.0f ms after the process started\n",
           clipper_library_view_is_loading (library) ? "loading" : "loaded",
           bench->before_main_ms + (g_get_monotonic_time () - bench->main_at) / 1000.0);
}

static void
on_store_cb (ClipperLibraryView *library,
             GParamSpec         *pspec,
             Bench              *bench)
{
  g_print ("  library opened: %.0f ms after the process started\n",
           bench->before_main_ms + (g_get_monotonic_time () - bench->main_at) / 1000.0);
}

static void
on_activate_cb (GApplication *app,
                Bench        *bench)
{
  bench->window = CLIPPER_WINDOW (gtk_application_get_active_window (GTK_APPLICATION (app)));
  g_print ("  window created: %.0f ms after the process started\n",
           bench->before_main_ms + (g_get_monotonic_time () - bench->main_at) / 1000.0);
  g_signal_connect (clipper_window_get_library_view (bench->window), "notify::loading",
                    G_CALLBACK (on_loading_cb), bench);
  g_signal_connect (clipper_window_get_library_view (bench->window), "notify::store",
                    G_CALLBACK (on_store_cb), bench);
  gtk_widget_add_tick_callback (GTK_WIDGET (bench->window), on_wait_tick_cb, bench, NULL);
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GOptionContext) context = g_option_context_new ("— library window benchmark");
  g_autoptr(GError) error = NULL;
  g_autofree char *library = NULL;
  g_autofree char *home = NULL;
  char *app_argv[] = { argv[0], NULL };
  Bench bench = { 0 };
  const GOptionEntry entries[] = {
    { "library", 0, 0, G_OPTION_ARG_FILENAME, &library, "A library made by search-bench", "PATH" },
    { "startup-only", 0, 0, G_OPTION_ARG_NONE, &bench.startup_only, "Quit once the first rows are painted", NULL },
    { NULL }
  };

  bench.main_at = g_get_monotonic_time ();
  bench.before_main_ms = ms_before_main ();
  bench.frames = g_array_new (FALSE, FALSE, sizeof (double));

  g_option_context_add_main_entries (context, entries, NULL);
  if (!g_option_context_parse (context, &argc, &argv, &error))
    g_error ("%s", error->message);
  if (library == NULL)
    library = g_build_filename (g_get_user_cache_dir (), "clipper-bench", "library-2.db", NULL);
  if (!g_file_test (library, G_FILE_TEST_EXISTS))
    g_error ("%s does not exist: run search-bench first to generate it", library);

  /* The app's own settings and WebKit's data stay out of the user's. */
  home = g_dir_make_tmp ("clipper-window-bench-XXXXXX", NULL);
  g_setenv ("CLIPPER_LIBRARY", library, TRUE);
  g_setenv ("XDG_DATA_HOME", home, TRUE);
  g_setenv ("XDG_CACHE_HOME", home, TRUE);
  g_setenv ("GSETTINGS_BACKEND", "memory", TRUE);
  g_setenv ("GSETTINGS_SCHEMA_DIR", BENCH_SCHEMA_DIR, FALSE);
  g_setenv ("CLIPPER_MODULE_DIR", BENCH_MODULE_DIR, FALSE);
  g_set_prgname ("clipper-window-bench");

  bench.app = clipper_application_new (G_APPLICATION_NON_UNIQUE);
  g_signal_connect_after (bench.app, "activate", G_CALLBACK (on_activate_cb), &bench);
  g_application_run (G_APPLICATION (bench.app), 1, app_argv);

  g_clear_object (&bench.app);
  g_array_unref (bench.frames);
  g_free (bench.open_uri);

  return bench.painted ? EXIT_SUCCESS : EXIT_FAILURE;
}
