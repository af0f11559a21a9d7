/* test-search-provider.c
 *
 * Copyright 2026 The Clipper authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Clipper as GNOME Shell sees it: started as a D-Bus service on a test
 * library, asked for results with gdbus as the Shell asks, a result
 * opened (its window shows the clipping), and a second invocation on
 * another library refused with a sentence.
 */

#include <glib.h>
#include <glib/gstdio.h>
#include <signal.h>
#include <string.h>

#include "clipper-test-util.h"

#define DEST        "com.example.Clipper"
#define OBJECT_PATH "/com/example/Clipper/SearchProvider"
#define INTERFACE   "org.gnome.Shell.SearchProvider2"

static char *library;

static char *
run (int        *status,
     char      **err,
     const char *first,
     ...)
{
  g_autoptr(GPtrArray) argv = g_ptr_array_new ();
  g_autoptr(GError) error = NULL;
  char *out = NULL;
  va_list args;
  int wait_status;

  va_start (args, first);
  for (const char *arg = first; arg; arg = va_arg (args, const char *))
    g_ptr_array_add (argv, (gpointer)arg);
  va_end (args);
  g_ptr_array_add (argv, NULL);

  g_assert_true (g_spawn_sync (NULL, (char **)argv->pdata, NULL, G_SPAWN_SEARCH_PATH, NULL, NULL, &out, err,
                               &wait_status, &error));
  g_assert_no_error (error);
  *status = WIFEXITED (wait_status) ? WEXITSTATUS (wait_status) : -1;
  return out;
}

/* A method of the provider called as the Shell calls it; its answer. */
static GVariant *
call (const char *method,
      const char *arguments)
{
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *full = g_strconcat (INTERFACE ".", method, NULL);
  g_auto(GStrv) args = NULL;
  g_autoptr(GPtrArray) argv = g_ptr_array_new ();
  int status = 0;
  GVariant *value;

  g_assert_true (g_shell_parse_argv (arguments, NULL, &args, NULL));
  g_ptr_array_add (argv, (gpointer)"gdbus");
  g_ptr_array_add (argv, (gpointer)"call");
  g_ptr_array_add (argv, (gpointer)"--session");
  g_ptr_array_add (argv, (gpointer)"--dest");
  g_ptr_array_add (argv, (gpointer)DEST);
  g_ptr_array_add (argv, (gpointer)"--object-path");
  g_ptr_array_add (argv, (gpointer)OBJECT_PATH);
  g_ptr_array_add (argv, (gpointer)"--method");
  g_ptr_array_add (argv, full);
  for (guint i = 0; args[i]; i++)
    g_ptr_array_add (argv, args[i]);
  g_ptr_array_add (argv, NULL);
  g_assert_true (g_spawn_sync (NULL, (char **)argv->pdata, NULL, G_SPAWN_SEARCH_PATH, NULL, NULL, &out, &err,
                               &status, &error));
  g_assert_no_error (error);
  if (!g_spawn_check_wait_status (status, NULL))
    g_error ("gdbus call %s failed: %s", method, err);
  value = g_variant_parse (NULL, out, NULL, NULL, &error);
  g_assert_no_error (error);
  return value;
}

static char *
clip (const char *fixture,
      const char *url)
{
  g_autofree char *path = g_build_filename (g_getenv ("G_TEST_SRCDIR"), "fixtures", fixture, NULL);
  g_autofree char *err = NULL;
  int status;
  char *out = run (&status, &err, g_getenv ("CLIPPER_BIN"), "--library", library, "clip", path, "--url", url, NULL);

  g_assert_cmpint (status, ==, 0);
  return g_strstrip (out);
}

static gboolean
name_owned (gconstpointer data)
{
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  int status;

  out = run (&status, &err, "gdbus", "call", "--session", "--dest", "org.freedesktop.DBus", "--object-path",
             "/org/freedesktop/DBus", "--method", "org.freedesktop.DBus.NameHasOwner", DEST, NULL);
  return status == 0 && strstr (out, "true") != NULL;
}

static gboolean
name_released (gconstpointer data)
{
  return !name_owned (data);
}

static gboolean
window_titled (gconstpointer data)
{
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  int status;

  out = run (&status, &err, "xdotool", "search", "--name", data, NULL);
  return status == 0 && out != NULL && *out != '\0';
}

static void
test_search_provider (void)
{
  g_autofree char *dir = g_dir_make_tmp ("clipper-search-provider-XXXXXX", NULL);
  g_autofree char *other = g_build_filename (dir, "other.db", NULL);
  g_autofree char *news = NULL;
  g_autofree char *article = NULL;
  g_autofree char *err = NULL;
  g_autofree char *out = NULL;
  g_autoptr(GVariant) results = NULL;
  g_autoptr(GVariant) narrowed = NULL;
  g_autoptr(GVariant) none = NULL;
  g_autoptr(GVariant) tagged = NULL;
  g_autoptr(GVariant) metas = NULL;
  g_autoptr(GVariant) meta = NULL;
  g_autofree char *expected = NULL;
  const char *name = NULL;
  const char *description = NULL;
  GPid pid;
  int status;

  if (g_getenv ("DBUS_SESSION_BUS_ADDRESS") == NULL || g_getenv ("DISPLAY") == NULL)
    {
      g_test_skip ("Needs a D-Bus session and a display (the test command gives both)");
      return;
    }

  library = g_build_filename (dir, "library.db", NULL);
  news = clip ("news-jsonld.html", "https://news.example.org/allies-defence");
  article = clip ("article.html", "https://example.org/article");
  g_free (run (&status, &err, g_getenv ("CLIPPER_BIN"), "--library", library, "tag", article, "fieldwork", NULL));
  g_assert_cmpint (status, ==, 0);
  g_clear_pointer (&err, g_free);
  g_free (run (&status, &err, g_getenv ("CLIPPER_BIN"), "--library", library, "note", news,
               "Compare with the budget figures", NULL));
  g_clear_pointer (&err, g_free);

  /* Started as D-Bus starts it for the Shell. */
  {
    const char *argv[] = { g_getenv ("CLIPPER_BIN"), "--library", library, "--gapplication-service", NULL };
    g_autoptr(GError) error = NULL;

    g_assert_true (g_spawn_async (NULL, (char **)argv, NULL, G_SPAWN_DEFAULT, NULL, NULL, &pid, &error));
    g_assert_no_error (error);
  }
  clipper_test_iterate_until (name_owned, NULL, "Clipper on the session bus");

  /* Words, a note's words, the query language, nothing. */
  results = call ("GetInitialResultSet", "\"['defence']\"");
  g_assert_cmpuint (g_variant_n_children (g_variant_get_child_value (results, 0)), ==, 2);
  g_clear_pointer (&results, g_variant_unref);
  results = call ("GetInitialResultSet", "\"['weigh']\"");
  expected = g_strdup_printf ("(['%s'],)", news);
  g_assert_cmpstr (g_variant_print (results, FALSE), ==, expected);
  g_clear_pointer (&results, g_variant_unref);
  results = call ("GetInitialResultSet", "\"['budget', 'figures']\"");
  g_assert_cmpstr (g_variant_print (results, FALSE), ==, expected);
  tagged = call ("GetInitialResultSet", "\"['tag:fieldwork']\"");
  g_clear_pointer (&expected, g_free);
  expected = g_strdup_printf ("(['%s'],)", article);
  g_assert_cmpstr (g_variant_print (tagged, FALSE), ==, expected);
  none = call ("GetInitialResultSet", "\"['zzyzx']\"");
  g_assert_cmpuint (g_variant_n_children (g_variant_get_child_value (none, 0)), ==, 0);
  g_clear_pointer (&expected, g_free);
  expected = g_strdup_printf ("\"['%s', '%s']\" \"['defence', 'targets']\"", news, article);
  narrowed = call ("GetSubsearchResultSet", expected);
  g_clear_pointer (&expected, g_free);
  expected = g_strdup_printf ("(['%s'],)", news);
  g_assert_cmpstr (g_variant_print (narrowed, FALSE), ==, expected);

  /* Title, site and a passage. */
  g_clear_pointer (&expected, g_free);
  expected = g_strdup_printf ("\"['%s']\"", news);
  metas = call ("GetResultMetas", expected);
  g_assert_cmpuint (g_variant_n_children (g_variant_get_child_value (metas, 0)), ==, 1);
  meta = g_variant_get_child_value (g_variant_get_child_value (metas, 0), 0);
  g_assert_true (g_variant_lookup (meta, "name", "&s", &name));
  g_assert_cmpstr (name, ==, "Allies weigh defence spending targets");
  g_assert_true (g_variant_lookup (meta, "description", "&s", &description));
  g_assert_true (g_str_has_prefix (description, "The Example Times — "));
  g_assert_nonnull (strstr (description, "defence"));

  /* A result opens its clipping in a window. */
  g_clear_pointer (&expected, g_free);
  expected = g_strdup_printf ("'%s' \"['defence']\" 0", news);
  g_variant_unref (call ("ActivateResult", expected));
  clipper_test_iterate_until (window_titled, "Allies weigh defence spending targets", "the clipping's window");

  /* A second invocation: another library is refused, the same is shown. */
  g_clear_pointer (&err, g_free);
  out = run (&status, &err, g_getenv ("CLIPPER_BIN"), "--library", other, NULL);
  g_assert_cmpint (status, ==, 1);
  g_assert_nonnull (strstr (err, "already running with the library"));
  g_assert_nonnull (strstr (err, other));
  g_assert_false (g_file_test (other, G_FILE_TEST_EXISTS));
  g_clear_pointer (&err, g_free);
  g_clear_pointer (&out, g_free);
  out = run (&status, &err, g_getenv ("CLIPPER_BIN"), "--library", library, NULL);
  g_assert_cmpint (status, ==, 0);

  kill (pid, SIGTERM);
  g_spawn_close_pid (pid);
  clipper_test_iterate_until (name_released, NULL, "Clipper to leave the bus");
  clipper_test_remove_tree (dir);
  g_clear_pointer (&library, g_free);
}

/* A new start opens the clipping read last (kept in GSettings). */
static void
test_reopen_last_clipping (void)
{
  g_autofree char *dir = g_dir_make_tmp ("clipper-reopen-XXXXXX", NULL);
  g_autofree char *config = g_build_filename (dir, "config", "glib-2.0", "settings", NULL);
  g_autofree char *keyfile = g_build_filename (config, "keyfile", NULL);
  g_autofree char *config_home = g_build_filename (dir, "config", NULL);
  g_autofree char *news = NULL;
  g_autofree char *settings = NULL;
  g_auto(GStrv) envp = g_get_environ ();
  GPid pid;

  if (g_getenv ("DBUS_SESSION_BUS_ADDRESS") == NULL || g_getenv ("DISPLAY") == NULL)
    {
      g_test_skip ("Needs a D-Bus session and a display (the test command gives both)");
      return;
    }

  library = g_build_filename (dir, "library.db", NULL);
  clip ("article.html", "https://example.org/article");
  news = clip ("news-jsonld.html", "https://news.example.org/allies-defence");
  g_assert_cmpint (g_mkdir_with_parents (config, 0700), ==, 0);
  settings = g_strdup_printf ("[com/example/Clipper]\nlast-clipping=int64 %s\n", news);
  g_assert_true (g_file_set_contents (keyfile, settings, -1, NULL));

  envp = g_environ_setenv (envp, "GSETTINGS_BACKEND", "keyfile", TRUE);
  envp = g_environ_setenv (envp, "XDG_CONFIG_HOME", config_home, TRUE);
  {
    const char *argv[] = { g_getenv ("CLIPPER_BIN"), "--library", library, NULL };
    g_autoptr(GError) error = NULL;

    g_assert_true (g_spawn_async (NULL, (char **)argv, envp, G_SPAWN_DEFAULT, NULL, NULL, &pid, &error));
    g_assert_no_error (error);
  }
  clipper_test_iterate_until (window_titled, "Allies weigh defence spending targets", "the last clipping's window");

  kill (pid, SIGTERM);
  g_spawn_close_pid (pid);
  clipper_test_iterate_until (name_released, NULL, "Clipper to leave the bus");
  clipper_test_remove_tree (dir);
  g_clear_pointer (&library, g_free);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/clipper/search-provider", test_search_provider);
  g_test_add_func ("/clipper/reopen-last-clipping", test_reopen_last_clipping);

  return g_test_run ();
}
