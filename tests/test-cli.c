/* test-cli.c
 *
 * Copyright 2026 The Clipper authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "clipper-test-util.h"

#include <glib/gstdio.h>
#include <libsoup/soup.h>
#include <signal.h>
#include <string.h>
#include <sys/wait.h>

typedef struct
{
  char *dir;
  char *library;
  char *page;
} Fixture;

typedef struct
{
  int   status;
  char *out;
  char *err;
} Run;

static void
run_clear (Run *run)
{
  g_clear_pointer (&run->out, g_free);
  g_clear_pointer (&run->err, g_free);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (Run, run_clear)

static void
run_clipper (Fixture            *fixture,
             Run                *run,
             const char * const *args)
{
  g_autoptr(GPtrArray) argv = g_ptr_array_new ();
  g_autoptr(GError) error = NULL;
  g_auto(GStrv) envp = g_get_environ ();
  int wait_status;

  g_ptr_array_add (argv, (gpointer)g_getenv ("CLIPPER_BIN"));
  for (guint i = 0; args[i]; i++)
    g_ptr_array_add (argv, (gpointer)args[i]);
  g_ptr_array_add (argv, NULL);

  envp = g_environ_setenv (envp, "CLIPPER_LIBRARY", fixture->library, TRUE);
  envp = g_environ_unsetenv (envp, "DISPLAY");
  envp = g_environ_unsetenv (envp, "WAYLAND_DISPLAY");
  envp = g_environ_setenv (envp, "LC_ALL", "C.UTF-8", TRUE);

  g_spawn_sync (NULL, (char **)argv->pdata, envp, G_SPAWN_DEFAULT, NULL, NULL,
                &run->out, &run->err, &wait_status, &error);
  g_assert_no_error (error);
  g_assert_true (WIFEXITED (wait_status));
  run->status = WEXITSTATUS (wait_status);
}

#define RUN(fixture, run, ...) \
  run_clipper (fixture, run, (const char * const[]) { __VA_ARGS__, NULL })

static void
assert_one_line_error (Run *run)
{
  g_assert_cmpint (run->status, !=, 0);
  g_assert_true (g_str_has_prefix (run->err, "clipper: "));
  g_assert_true (g_str_has_suffix (run->err, "\n"));
  g_assert_true (strchr (run->err, '\n') == run->err + strlen (run->err) - 1);
  g_assert_cmpstr (run->out, ==, "");
}

static void
fixture_setup (Fixture       *fixture,
               gconstpointer  data)
{
  fixture->dir = g_dir_make_tmp ("clipper-cli-XXXXXX", NULL);
  fixture->library = g_build_filename (fixture->dir, "library.db", NULL);
  fixture->page = g_build_filename (fixture->dir, "page.html", NULL);
  g_assert_true (g_file_set_contents (fixture->page,
                                      "<html lang=en><head><title>A Page</title></head><body>"
                                      "<p>Hello <a href=\"/more\">reader</a>.</p>"
                                      "<script>alert(1)</script></body></html>",
                                      -1, NULL));
}

static void
fixture_teardown (Fixture       *fixture,
                  gconstpointer  data)
{
  const char *suffixes[] = { "", "-wal", "-shm" };
  g_autofree char *bad = g_build_filename (fixture->dir, "bad.db", NULL);

  for (guint i = 0; i < G_N_ELEMENTS (suffixes); i++)
    {
      g_autofree char *path = g_strconcat (fixture->library, suffixes[i], NULL);
      g_unlink (path);
    }
  g_unlink (bad);
  g_unlink (fixture->page);
  g_rmdir (fixture->dir);
  g_free (fixture->dir);
  g_free (fixture->library);
  g_free (fixture->page);
}

static void
test_version_help (Fixture       *fixture,
                   gconstpointer  data)
{
  g_auto(Run) version = { 0 };
  g_auto(Run) help = { 0 };
  g_auto(Run) verb_help = { 0 };

  RUN (fixture, &version, "--version");
  g_assert_cmpint (version.status, ==, 0);
  g_assert_cmpstr (version.out, ==, "clipper " PACKAGE_VERSION "\n");

  RUN (fixture, &help, "--help");
  g_assert_cmpint (help.status, ==, 0);
  for (guint i = 0; i < 4; i++)
    g_assert_nonnull (strstr (help.out, ((const char *[]) { "clip", "list", "show", "delete" })[i]));

  RUN (fixture, &verb_help, "clip", "--help");
  g_assert_cmpint (verb_help.status, ==, 0);
  g_assert_nonnull (strstr (verb_help.out, "--url"));

  /* Every summary starts in the same column, counted in characters
   * (“…” is three bytes), on the verb's line or the next. */
  {
    g_auto(GStrv) lines = g_strsplit (help.out, "\n", -1);
    glong column = -1;
    guint summaries = 0;

    for (guint i = 0; lines[i]; i++)
      {
        const char *summary;

        if (!g_str_has_prefix (lines[i], "  ") || lines[i][2] == '-' || strstr (lines[i], "clipper ["))
          continue;
        /* The summary follows the last run of two spaces or more. */
        summary = g_strrstr (lines[i], "  ");
        if (summary == NULL || g_utf8_strlen (lines[i], summary - lines[i]) < 12)
          continue;
        while (*summary == ' ')
          summary++;
        if (column < 0)
          column = g_utf8_pointer_to_offset (lines[i], summary);
        g_assert_cmpint (g_utf8_pointer_to_offset (lines[i], summary), ==, column);
        summaries++;
      }
    g_assert_cmpuint (summaries, >=, 15);
  }
}

/* show prints the clipping's note and the day it was published, in text
 * and in JSON; export adds the format's extension to a file named
 * without one. */
static void
test_show_details (Fixture       *fixture,
                   gconstpointer  data)
{
  g_auto(Run) clip = { 0 };
  g_auto(Run) note = { 0 };
  g_auto(Run) show = { 0 };
  g_auto(Run) json = { 0 };
  g_auto(Run) export = { 0 };
  g_autofree char *page = g_build_filename (fixture->dir, "dated.html", NULL);
  g_autofree char *output = g_build_filename (fixture->dir, "report", NULL);
  g_autofree char *written = g_strconcat (output, ".md\n", NULL);
  g_autofree char *with_extension = g_strconcat (output, ".md", NULL);

  g_assert_true (g_file_set_contents (page,
                                      "<html><head><title>Dated</title>"
                                      "<meta property=\"article:published_time\" content=\"2025-03-04T10:00:00Z\">"
                                      "</head><body><p>Some words to clip.</p></body></html>",
                                      -1, NULL));
  RUN (fixture, &clip, "clip", page, "--url", "https://example.org/dated");
  g_assert_cmpint (clip.status, ==, 0);
  RUN (fixture, &note, "note", "1", "Read this first.");
  g_assert_cmpint (note.status, ==, 0);

  RUN (fixture, &show, "show", "1");
  g_assert_cmpint (show.status, ==, 0);
  g_assert_nonnull (strstr (show.out, "\nNote: Read this first.\n"));
  g_assert_nonnull (strstr (show.out, "\nPublished 2025-03-04\n"));

  RUN (fixture, &json, "show", "1", "--json");
  g_assert_cmpint (json.status, ==, 0);
  g_assert_nonnull (strstr (json.out, "\"note\":\"Read this first.\"}\n"));

  RUN (fixture, &export, "export", "--all", "--format", "md", "--output", output);
  g_assert_cmpint (export.status, ==, 0);
  g_assert_cmpstr (export.out, ==, written);
  g_assert_true (g_file_test (with_extension, G_FILE_TEST_IS_REGULAR));
  g_assert_false (g_file_test (output, G_FILE_TEST_EXISTS));
}

/* The command line starts without WebKit (nor does the app, until a page
 * is opened): it cost every start 55 ms and 37 MiB. */
static void
test_no_webkit (Fixture       *fixture,
                gconstpointer  data)
{
  const char *argv[] = { g_getenv ("CLIPPER_BIN"), "--version", NULL };
  g_auto(GStrv) envp = g_environ_setenv (g_get_environ (), "LD_DEBUG", "files", TRUE);
  g_autofree char *err = NULL;
  g_autoptr(GError) error = NULL;
  int status;

  g_assert_true (g_spawn_sync (NULL, (char **)argv, envp, G_SPAWN_STDOUT_TO_DEV_NULL, NULL, NULL,
                               NULL, &err, &status, &error));
  g_assert_no_error (error);
  g_assert_true (g_spawn_check_wait_status (status, NULL));

  /* The dynamic loader lists what it loads; without that, nothing to see. */
  if (strstr (err, "libglib-2.0") == NULL)
    {
      g_test_skip ("The dynamic loader does not list the libraries it loads");
      return;
    }

  g_assert_null (strstr (err, "libwebkitgtk"));
  g_assert_null (strstr (err, "libjavascriptcoregtk"));
}

static void
test_clip_list_show_delete (Fixture       *fixture,
                            gconstpointer  data)
{
  g_auto(Run) clip = { 0 };
  g_auto(Run) clip2 = { 0 };
  g_auto(Run) list = { 0 };
  g_auto(Run) json = { 0 };
  g_auto(Run) show = { 0 };
  g_auto(Run) show_json = { 0 };
  g_auto(Run) del = { 0 };
  g_auto(Run) list_after = { 0 };

  RUN (fixture, &clip, "clip", fixture->page, "--url", "https://example.org/post/1", "--tag", "demo");
  g_assert_cmpint (clip.status, ==, 0);
  g_assert_cmpstr (clip.out, ==, "1\n");

  RUN (fixture, &clip2, "--library", fixture->library, "clip", fixture->page);
  g_assert_cmpint (clip2.status, ==, 0);
  g_assert_cmpstr (clip2.out, ==, "2\n");

  RUN (fixture, &list, "list");
  g_assert_cmpint (list.status, ==, 0);
  g_assert_true (g_str_has_prefix (list.out, "2\t"));
  g_assert_nonnull (strstr (list.out, "\n1\t"));
  g_assert_nonnull (strstr (list.out, "A Page\texample.org\n"));

  RUN (fixture, &json, "list", "--json");
  g_assert_cmpint (json.status, ==, 0);
  g_assert_true (g_str_has_prefix (json.out, "[{\"id\":2,"));
  g_assert_nonnull (strstr (json.out, "\"url\":\"https://example.org/post/1\""));

  RUN (fixture, &show, "show", "1");
  g_assert_cmpint (show.status, ==, 0);
  g_assert_true (g_str_has_prefix (show.out, "A Page\nexample.org · "));
  g_assert_nonnull (strstr (show.out, "Tags: demo\n"));
  g_assert_nonnull (strstr (show.out, "\nHello reader.\n"));
  g_assert_null (strstr (show.out, "alert"));

  RUN (fixture, &show_json, "show", "1", "--json");
  g_assert_cmpint (show_json.status, ==, 0);
  g_assert_nonnull (strstr (show_json.out, "\"content\":\"<p>Hello <a href=\\\"https://example.org/more\\\">reader</a>.</p>\""));
  g_assert_nonnull (strstr (show_json.out, "\"tags\":[\"demo\"]"));

  /* The same address again refreshes clipping 1; --new keeps a copy. */
  {
    g_auto(Run) again = { 0 };
    g_auto(Run) copy = { 0 };
    g_auto(Run) highlight = { 0 };
    g_auto(Run) highlights = { 0 };
    g_auto(Run) ambiguous = { 0 };
    g_auto(Run) absent = { 0 };
    g_auto(Run) note = { 0 };
    g_auto(Run) tag = { 0 };

    RUN (fixture, &highlight, "highlight", "1", "--quote", "reader", "--color", "blue", "--note", "Who reads?");
    g_assert_cmpint (highlight.status, ==, 0);
    g_assert_cmpstr (highlight.out, ==, "1\n");

    RUN (fixture, &again, "clip", fixture->page, "--url", "https://example.org/post/1");
    g_assert_cmpint (again.status, ==, 0);
    g_assert_cmpstr (again.out, ==, "1\n");
    g_assert_nonnull (strstr (again.err, "refreshed"));

    RUN (fixture, &copy, "clip", fixture->page, "--url", "https://example.org/post/1", "--new");
    g_assert_cmpstr (copy.out, ==, "3\n");

    RUN (fixture, &highlights, "highlights", "1", "--json");
    g_assert_cmpint (highlights.status, ==, 0);
    g_assert_nonnull (strstr (highlights.out, "\"exact\":\"reader\""));
    g_assert_nonnull (strstr (highlights.out, "\"color\":\"blue\""));
    g_assert_nonnull (strstr (highlights.out, "\"note\":\"Who reads?\""));
    g_assert_nonnull (strstr (highlights.out, "\"orphaned\":false"));

    RUN (fixture, &absent, "highlight", "1", "--quote", "not in the page");
    assert_one_line_error (&absent);
    RUN (fixture, &ambiguous, "highlight", "1", "--quote", "e");
    assert_one_line_error (&ambiguous);
    g_assert_nonnull (strstr (ambiguous.err, "--prefix"));

    RUN (fixture, &note, "note", "1", "Read later");
    g_assert_cmpint (note.status, ==, 0);
    RUN (fixture, &tag, "tag", "1", "research", "urgent");
    g_assert_cmpint (tag.status, ==, 0);
  }

  RUN (fixture, &del, "delete", "1");
  g_assert_cmpint (del.status, ==, 0);

  RUN (fixture, &list_after, "list");
  g_assert_true (g_str_has_prefix (list_after.out, "3\t"));
  g_assert_nonnull (strstr (list_after.out, "\n2\t"));
  g_assert_null (strstr (list_after.out, "\n1\t"));
}

static void
test_extract (Fixture       *fixture,
              gconstpointer  data)
{
  g_autofree char *blog = g_test_build_filename (G_TEST_DIST, "fixtures", "blogger-post.html", NULL);
  g_autofree char *login = g_test_build_filename (G_TEST_DIST, "fixtures", "not-article.html", NULL);
  g_auto(Run) json = { 0 };
  g_auto(Run) text = { 0 };
  g_auto(Run) html = { 0 };
  g_auto(Run) whole = { 0 };
  g_auto(Run) bad_format = { 0 };
  g_auto(Run) list = { 0 };

  RUN (fixture, &json, "extract", blog, "--url", "https://worlddesk.example/2025/02/post.html", "--format", "json");
  g_assert_cmpint (json.status, ==, 0);
  g_assert_true (g_str_has_prefix (json.out, "{\"title\":\"US defence chief signals major shift"));
  for (guint i = 0; i < 9; i++)
    g_assert_nonnull (strstr (json.out, ((const char *[]) { "\"byline\":", "\"siteName\":", "\"publishedTime\":\"2025-02-13T16:15:00Z\"",
                                                            "\"excerpt\":", "\"lang\":\"en\"", "\"dir\":", "\"content\":",
                                                            "\"textContent\":", "https://worlddesk.example/2025/02/images/hegseth.png" })[i]));

  RUN (fixture, &text, "extract", blog, "--format", "text");
  g_assert_cmpint (text.status, ==, 0);
  g_assert_true (g_str_has_prefix (text.out, "US defence chief signals major shift in Ukraine support in first NATO meet\n\nal Jazeera:"));
  g_assert_null (strstr (text.out, "Popular Posts"));

  RUN (fixture, &html, "extract", blog);
  g_assert_cmpint (html.status, ==, 0);
  g_assert_nonnull (strstr (html.out, "<p>"));

  /* Not an article: the whole page, and a word about it. */
  RUN (fixture, &whole, "extract", login, "--format", "text");
  g_assert_cmpint (whole.status, ==, 0);
  g_assert_nonnull (strstr (whole.out, "Forgot your password?"));
  g_assert_nonnull (strstr (whole.err, "no article"));

  RUN (fixture, &bad_format, "extract", blog, "--format", "pdf");
  assert_one_line_error (&bad_format);

  /* Nothing was stored. */
  RUN (fixture, &list, "list");
  g_assert_cmpstr (list.out, ==, "");
}

static void
test_errors (Fixture       *fixture,
             gconstpointer  data)
{
  g_autofree char *bad = g_build_filename (fixture->dir, "bad.db", NULL);
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;
  const char *cases[][4] = {
    { "show", "42", NULL },
    { "show", "abc", NULL },
    { "show", "-3", NULL },
    { "show", "99999999999999999999999", NULL },
    { "delete", "7", NULL },
    { "clip", "/nonexistent/page.html", NULL },
    { "clip", fixture->page, "--url", "not a url" },
    { "clip", fixture->page, "--tag", " " },
    { "clip", "https://", NULL },
    { "clip", NULL },
    { "extract", NULL },
    { "extract", "/nonexistent.html", NULL },
    { "show", NULL },
    { "list", "extra", NULL },
    { "highlight", "1", NULL },
    { "highlight", "abc", "--quote", "x" },
    { "highlight", "1", "--quote", "x" },
    { "highlights", "77", NULL },
    { "note", "1", NULL },
    { "note", "77", "text" },
    { "tag", "1", NULL },
    { "tag", "77", "x" },
    { "list", "--bogus", NULL },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_auto(Run) run = { 0 };

      run_clipper (fixture, &run, cases[i]);
      g_test_message ("case %u: %s", i, run.err);
      assert_one_line_error (&run);
    }

  /* A file that is not a library is refused and left as it was. */
  g_assert_true (g_file_set_contents (bad, "my thesis draft\n", -1, NULL));
  g_assert_true (g_file_get_contents (bad, &before, NULL, NULL));
  {
    g_auto(Run) run = { 0 };

    RUN (fixture, &run, "--library", bad, "list");
    assert_one_line_error (&run);
    g_assert_nonnull (strstr (run.err, "not a Clipper library"));
  }
  g_assert_true (g_file_get_contents (bad, &after, NULL, NULL));
  g_assert_cmpstr (before, ==, after);
}

static void
handle_cb (SoupServer        *server,
           SoupServerMessage *msg,
           const char        *path,
           GHashTable        *query,
           gpointer           user_data)
{
  if (g_str_equal (path, "/article"))
    {
      const char *body = "<html><head><title>Served</title></head>"
                         "<body><p>Fetched over HTTP.</p></body></html>";

      soup_server_message_set_status (msg, 200, NULL);
      soup_server_message_set_response (msg, "text/html; charset=utf-8", SOUP_MEMORY_STATIC,
                                        body, strlen (body));
    }
  else if (g_str_equal (path, "/image"))
    {
      soup_server_message_set_status (msg, 200, NULL);
      soup_server_message_set_response (msg, "image/png", SOUP_MEMORY_STATIC, "\x89PNG", 4);
    }
  else
    soup_server_message_set_status (msg, 404, NULL);
}

static gpointer
serve_thread (gpointer data)
{
  GMainContext *context = g_main_context_new ();
  GMainLoop *loop = g_main_loop_new (context, FALSE);
  SoupServer *server;
  GSList *uris;

  g_main_context_push_thread_default (context);
  server = soup_server_new (NULL, NULL);
  soup_server_add_handler (server, NULL, handle_cb, NULL, NULL);
  g_assert_true (soup_server_listen_local (server, 0, SOUP_SERVER_LISTEN_IPV4_ONLY, NULL));
  uris = soup_server_get_uris (server);
  g_atomic_pointer_set ((char **)data, g_uri_to_string (uris->data));
  g_slist_free_full (uris, (GDestroyNotify)g_uri_unref);
  g_main_loop_run (loop);

  return NULL;
}

/* The address of a server on this machine, started once. */
static const char *
serve_base (void)
{
  static char *base = NULL;

  if (base == NULL)
    {
      g_thread_unref (g_thread_new ("server", serve_thread, &base));
      clipper_test_iterate_until (clipper_test_pointer_set, &base, "the test server to start");
    }
  return base;
}

static void
test_clip_url (Fixture       *fixture,
               gconstpointer  data)
{
  const char *base = serve_base ();
  g_autofree char *article = NULL;
  g_autofree char *missing = NULL;
  g_autofree char *image = NULL;
  g_auto(Run) clip = { 0 };
  g_auto(Run) show = { 0 };
  g_auto(Run) fail404 = { 0 };
  g_auto(Run) fail_type = { 0 };
  g_auto(Run) sites = { 0 };

  article = g_strconcat (base, "article", NULL);
  missing = g_strconcat (base, "missing", NULL);
  image = g_strconcat (base, "image", NULL);

  RUN (fixture, &clip, "clip", article);
  g_assert_cmpint (clip.status, ==, 0);
  g_assert_cmpstr (clip.out, ==, "1\n");

  RUN (fixture, &show, "show", "1");
  g_assert_true (g_str_has_prefix (show.out, "Served\n"));
  g_assert_nonnull (strstr (show.out, article));
  g_assert_nonnull (strstr (show.out, "Fetched over HTTP."));

  /* A page without a site name is listed by its host. */
  RUN (fixture, &sites, "sites", "--json");
  g_assert_cmpint (sites.status, ==, 0);
  g_assert_cmpstr (sites.out, ==, "[{\"name\":\"127.0.0.1\",\"clippings\":1,\"highlights\":0}]\n");

  RUN (fixture, &fail404, "clip", missing);
  assert_one_line_error (&fail404);
  g_assert_nonnull (strstr (fail404.err, "404"));

  RUN (fixture, &fail_type, "clip", image);
  assert_one_line_error (&fail_type);
  g_assert_nonnull (strstr (fail_type.err, "image/png"));
}

static void
test_search (Fixture       *fixture,
             gconstpointer  data)
{
  g_auto(Run) clip = { 0 };
  g_auto(Run) tag = { 0 };
  g_auto(Run) found = { 0 };
  g_auto(Run) json = { 0 };
  g_auto(Run) none = { 0 };
  g_auto(Run) bad_sort = { 0 };
  g_auto(Run) bad_utf8 = { 0 };

  RUN (fixture, &clip, "clip", fixture->page);
  g_assert_cmpint (clip.status, ==, 0);
  RUN (fixture, &tag, "tag", "1", "greetings");
  g_assert_cmpint (tag.status, ==, 0);

  RUN (fixture, &found, "search", "hell");
  g_assert_cmpint (found.status, ==, 0);
  g_assert_true (g_str_has_prefix (found.out, "1\t"));
  /* Markers are for terminals only. */
  g_assert_nonnull (strstr (found.out, "\tHello reader."));
  g_assert_null (strchr (found.out, '\002'));

  RUN (fixture, &json, "search", "--json", "tag:greetings", "reader");
  g_assert_cmpint (json.status, ==, 0);
  g_assert_true (g_str_has_prefix (json.out, "[{\"clipping\":{\"id\":1,"));
  g_assert_nonnull (strstr (json.out, "\"snippet\":\"Hello reader.\""));

  RUN (fixture, &none, "search", "--", "\"NEAR(", "-reader");
  g_assert_cmpint (none.status, ==, 0);
  g_assert_cmpstr (none.out, ==, "");
  g_assert_nonnull (strstr (none.err, "Nothing matches"));

  /* A global option before the verb is not one of the words after "--". */
  {
    g_auto(Run) elsewhere = { 0 };
    g_auto(Run) words = { 0 };
    g_autofree char *other = g_build_filename (fixture->dir, "other.db", NULL);

    RUN (fixture, &elsewhere, "--library", other, "clip", fixture->page);
    g_assert_cmpint (elsewhere.status, ==, 0);
    RUN (fixture, &words, "--library", other, "search", "--", "hell");
    g_assert_cmpint (words.status, ==, 0);
    g_assert_true (g_str_has_prefix (words.out, "1\t"));
  }

  /* An empty path is refused, not read as a throwaway library. */
  {
    g_auto(Run) empty = { 0 };

    RUN (fixture, &empty, "--library", "", "list");
    g_assert_cmpint (empty.status, ==, 1);
    g_assert_nonnull (strstr (empty.err, "--library needs"));
  }

  RUN (fixture, &bad_sort, "search", "--sort", "size", "x");
  g_assert_cmpint (bad_sort.status, ==, 2);

  RUN (fixture, &bad_utf8, "search", "caf\xe9");
  g_assert_cmpint (bad_utf8.status, ==, 2);
  g_assert_nonnull (strstr (bad_utf8.err, "UTF-8"));
}

static void
test_tags_and_filters (Fixture       *fixture,
                       gconstpointer  data)
{
  g_auto(Run) first = { 0 };
  g_auto(Run) second = { 0 };
  g_auto(Run) tag = { 0 };
  g_auto(Run) highlight = { 0 };
  g_auto(Run) tags = { 0 };
  g_auto(Run) json = { 0 };
  g_auto(Run) rename = { 0 };
  g_auto(Run) merged = { 0 };
  g_auto(Run) by_tag = { 0 };
  g_auto(Run) highlighted = { 0 };
  g_auto(Run) by_site = { 0 };
  g_auto(Run) unknown = { 0 };
  g_auto(Run) bad_usage = { 0 };
  g_auto(Run) bad_utf8 = { 0 };
  g_auto(Run) empty_name = { 0 };
  g_auto(Run) bad_sort = { 0 };
  g_auto(Run) sites = { 0 };
  g_auto(Run) sites_usage = { 0 };

  RUN (fixture, &first, "clip", "--tag", "draft", fixture->page);
  RUN (fixture, &second, "clip", "--new", "--tag", "Drafts", "--tag", "alps", fixture->page);
  g_assert_cmpint (second.status, ==, 0);
  RUN (fixture, &tag, "tag", "1", "alps");
  RUN (fixture, &highlight, "highlight", "1", "--quote", "Hello");
  g_assert_cmpint (highlight.status, ==, 0);

  RUN (fixture, &tags, "tags");
  g_assert_cmpint (tags.status, ==, 0);
  g_assert_cmpstr (tags.out, ==, "alps\t2\t0\ndraft\t1\t0\nDrafts\t1\t0\n");

  /* Renaming onto another tag's name merges them. */
  RUN (fixture, &rename, "tags", "rename", "Drafts", "draft");
  g_assert_cmpint (rename.status, ==, 0);
  RUN (fixture, &json, "tags", "--json");
  g_assert_cmpstr (json.out, ==,
                   "[{\"name\":\"alps\",\"clippings\":2,\"highlights\":0},"
                   "{\"name\":\"draft\",\"clippings\":2,\"highlights\":0}]\n");
  RUN (fixture, &merged, "search", "tag:Drafts");
  g_assert_cmpstr (merged.out, ==, "");

  RUN (fixture, &by_tag, "list", "--tag", "draft", "--tag", "alps", "--sort", "title");
  g_assert_cmpint (by_tag.status, ==, 0);
  g_assert_true (g_str_has_prefix (by_tag.out, "1\t"));
  g_assert_nonnull (strstr (by_tag.out, "\n2\t"));
  RUN (fixture, &highlighted, "list", "--highlighted");
  g_assert_true (g_str_has_prefix (highlighted.out, "1\t"));
  g_assert_null (strstr (highlighted.out, "\n2\t"));
  RUN (fixture, &by_site, "list", "--site", "no-such-site");
  g_assert_cmpstr (by_site.out, ==, "");

  RUN (fixture, &unknown, "tags", "rename", "nope", "x");
  assert_one_line_error (&unknown);
  RUN (fixture, &bad_usage, "tags", "rename", "draft");
  g_assert_cmpint (bad_usage.status, ==, 2);
  RUN (fixture, &bad_utf8, "tags", "rename", "draft", "caf\xe9");
  g_assert_cmpint (bad_utf8.status, ==, 2);
  RUN (fixture, &empty_name, "tags", "rename", "draft", "   ");
  assert_one_line_error (&empty_name);
  RUN (fixture, &bad_sort, "list", "--sort", "size");
  g_assert_cmpint (bad_sort.status, ==, 2);

  /* Local files are not a site. */
  RUN (fixture, &sites, "sites");
  g_assert_cmpint (sites.status, ==, 0);
  g_assert_cmpstr (sites.out, ==, "");
  RUN (fixture, &sites_usage, "sites", "extra");
  g_assert_cmpint (sites_usage.status, ==, 2);
}


/* Text from pages and notes cannot drive the terminal that prints it. */
static void
test_control_characters (Fixture       *fixture,
                         gconstpointer  data)
{
  g_auto(Run) clip = { 0 };
  g_auto(Run) note = { 0 };
  g_auto(Run) show = { 0 };
  g_auto(Run) json = { 0 };

  RUN (fixture, &clip, "clip", fixture->page);
  g_assert_cmpint (clip.status, ==, 0);
  RUN (fixture, &note, "note", "1", "\x1b[31mred\x1b[0m \xc2\x9b" "2J and \x1b]8;;https://evil.example\x07link");
  g_assert_cmpint (note.status, ==, 0);

  RUN (fixture, &show, "show", "1");
  g_assert_cmpint (show.status, ==, 0);
  g_assert_null (strchr (show.out, '\x1b'));
  g_assert_null (strstr (show.out, "\xc2\x9b"));
  g_assert_null (strchr (show.out, '\x07'));
  g_assert_nonnull (strstr (show.out, "\\u001b[31mred\\u001b[0m \\u009b2J"));

  /* In JSON the escapes read back as the same characters. */
  RUN (fixture, &json, "show", "1", "--json");
  g_assert_cmpint (json.status, ==, 0);
  g_assert_null (strchr (json.out, '\x1b'));
  g_assert_null (strstr (json.out, "\xc2\x9b"));
}

/* `check` finds damage, `repair` copies what can be read into a new file
 * and leaves the damaged one as it was. */
static void
test_check_repair (Fixture       *fixture,
                   gconstpointer  data)
{
  g_auto(Run) clip = { 0 };
  g_auto(Run) sound = { 0 };
  g_auto(Run) nothing = { 0 };
  g_auto(Run) damaged = { 0 };
  g_auto(Run) repair = { 0 };
  g_auto(Run) again = { 0 };
  g_autofree char *contents = NULL;
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;
  g_autofree char *output = g_build_filename (fixture->dir, "repaired.db", NULL);
  gsize length;

  for (guint i = 0; i < 3; i++)
    {
      run_clear (&clip);
      RUN (fixture, &clip, "clip", fixture->page, "--new");
      g_assert_cmpint (clip.status, ==, 0);
    }

  RUN (fixture, &sound, "check");
  g_assert_cmpint (sound.status, ==, 0);
  g_assert_nonnull (strstr (sound.out, "is sound"));
  RUN (fixture, &nothing, "repair");
  g_assert_cmpint (nothing.status, ==, 0);
  g_assert_nonnull (strstr (nothing.out, "nothing to repair"));

  /* Page 2 is the clippings table's root. */
  g_assert_true (g_file_get_contents (fixture->library, &contents, &length, NULL));
  g_assert_cmpuint (length, >, 3 * 4096);
  memset (contents + 4096 + 8, 0x5a, 4096 - 8);
  g_assert_true (g_file_set_contents (fixture->library, contents, length, NULL));
  before = g_compute_checksum_for_data (G_CHECKSUM_SHA256, (const guchar *)contents, length);

  RUN (fixture, &damaged, "check");
  g_assert_cmpint (damaged.status, ==, 1);
  g_assert_nonnull (strstr (damaged.out, "is damaged"));
  g_assert_nonnull (strstr (damaged.out, "clipper repair"));

  RUN (fixture, &repair, "repair", "--output", output);
  g_assert_cmpint (repair.status, ==, 0);
  g_assert_nonnull (strstr (repair.out, output));
  g_assert_nonnull (strstr (repair.out, "was left as it was"));

  g_clear_pointer (&contents, g_free);
  g_assert_true (g_file_get_contents (fixture->library, &contents, &length, NULL));
  after = g_compute_checksum_for_data (G_CHECKSUM_SHA256, (const guchar *)contents, length);
  g_assert_cmpstr (before, ==, after);

  RUN (fixture, &again, "--library", output, "check", "--thorough");
  g_assert_cmpint (again.status, ==, 0);
  g_assert_nonnull (strstr (again.out, "is sound"));
  g_unlink (output);
}

/* clipper import: a summary on stdout, as JSON too; a second import
 * adds nothing; a file it cannot read, one line of error. */
static void
test_import (Fixture       *fixture,
             gconstpointer  data)
{
  g_autofree char *hypothesis = g_test_build_filename (G_TEST_DIST, "fixtures", "import", "hypothesis.json", NULL);
  g_auto(Run) run = { 0 };

  RUN (fixture, &run, "import", hypothesis);
  g_assert_cmpint (run.status, ==, 0);
  g_assert_true (g_str_has_prefix (run.out, "2 pages: 2 new (2 of them not fetched yet), 0 already in the library\n"));
  g_assert_nonnull (strstr (run.out, "javascript:"));
  run_clear (&run);

  RUN (fixture, &run, "import", hypothesis, "--json", "--tag", "from hypothesis");
  g_assert_cmpint (run.status, ==, 0);
  g_assert_nonnull (strstr (run.out, "\"created\":0,\"not_fetched\":0,\"merged\":2"));
  g_assert_nonnull (strstr (run.out, "\"highlights_present\":3"));
  run_clear (&run);

  RUN (fixture, &run, "list", "--tag", "from hypothesis");
  g_assert_cmpint (run.status, ==, 0);
  g_assert_nonnull (strstr (run.out, "Allies weigh defence spending targets"));
  run_clear (&run);

  RUN (fixture, &run, "import", fixture->page);
  assert_one_line_error (&run);
  g_assert_nonnull (strstr (run.err, "not a file Clipper can import"));
  run_clear (&run);

  RUN (fixture, &run, "import", hypothesis, "--fetch", "--no-fetch");
  g_assert_cmpint (run.status, ==, 2);
  g_assert_nonnull (strstr (run.err, "cannot be given together"));
}

static const char *serve_base (void);

/* clipper import --fetch: the pages the file has no text of are fetched
 * and their highlights placed; one that fails keeps waiting, and clipper
 * fetch tries it again (and says it failed). */
static void
test_import_fetch (Fixture       *fixture,
                   gconstpointer  data)
{
  const char *base = serve_base ();
  g_autofree char *file = g_build_filename (fixture->dir, "annotations.json", NULL);
  g_autofree char *json = NULL;
  g_auto(Run) run = { 0 };

  json = g_strdup_printf ("{\"export_date\": \"2025-03-01T10:00:00+00:00\", \"annotations\": ["
                          "{\"uri\": \"%sarticle\", \"text\": \"\", \"tags\": [], \"created\": "
                          "\"2025-02-20T09:15:00+00:00\", \"document\": {\"title\": [\"Served\"]}, \"target\": "
                          "[{\"source\": \"%sarticle\", \"selector\": [{\"type\": \"TextQuoteSelector\", "
                          "\"exact\": \"over HTTP\"}]}]},"
                          "{\"uri\": \"%smissing\", \"text\": \"A note\", \"tags\": [], \"created\": "
                          "\"2025-02-20T09:15:00+00:00\", \"target\": [{\"source\": \"%smissing\"}]}]}",
                          base, base, base, base);
  g_assert_true (g_file_set_contents (file, json, -1, NULL));

  RUN (fixture, &run, "import", file, "--fetch", "--json");
  g_assert_cmpint (run.status, ==, 0);
  g_assert_nonnull (strstr (run.out, "\"created\":2,\"not_fetched\":2"));
  g_assert_nonnull (strstr (run.out, "\"fetch\":{\"pages\":2,\"fetched\":1,\"failed\":1,"
                                     "\"highlights_placed\":1,"));
  g_assert_nonnull (strstr (run.out, "missing: The server answered “404 Not Found”."));
  run_clear (&run);

  RUN (fixture, &run, "search", "is:unfetched");
  g_assert_cmpint (run.status, ==, 0);
  g_assert_nonnull (strstr (run.out, "missing"));
  g_assert_null (strstr (run.out, "Served"));
  run_clear (&run);

  RUN (fixture, &run, "highlights", "1");
  g_assert_nonnull (strstr (run.out, "over HTTP"));
  g_assert_null (strstr (run.out, "orphan"));
  run_clear (&run);

  RUN (fixture, &run, "fetch");
  g_assert_cmpint (run.status, ==, 1);
  g_assert_true (g_str_has_prefix (run.out, "fetched 0 of 1 pages, 1 failed; 0 waiting highlights placed\n"));
  g_assert_nonnull (strstr (run.out, "“clipper fetch” tries them again"));
  run_clear (&run);

  /* Only what is still waiting: the page fetched is passed over. */
  RUN (fixture, &run, "fetch", "1", "--json");
  g_assert_cmpint (run.status, ==, 0);
  g_assert_cmpstr (run.out, ==, "{\"pages\":0,\"fetched\":0,\"failed\":0,\"highlights_placed\":0,"
                                "\"images_failed\":0,\"failures\":[]}\n");
  run_clear (&run);

  RUN (fixture, &run, "fetch", "x");
  assert_one_line_error (&run);
}


/* clipper sync with @library, killed (kill -9) at a random point of its
 * run: from before it opens the library to after it is done. */
static void
sync_killed (const char *library,
             const char *target,
             guint       within_ms,
             GRand      *rand)
{
  const char *argv[] = { g_getenv ("CLIPPER_BIN"), "--library", library, "sync", "--target", target, NULL };
  g_auto(GStrv) envp = g_environ_setenv (g_get_environ (), "LC_ALL", "C.UTF-8", TRUE);
  g_autoptr(GError) error = NULL;
  GPid pid;
  int status;

  g_assert_true (g_spawn_async (NULL, (char **)argv, envp,
                                G_SPAWN_DO_NOT_REAP_CHILD | G_SPAWN_STDOUT_TO_DEV_NULL | G_SPAWN_STDERR_TO_DEV_NULL,
                                NULL, NULL, &pid, &error));
  g_assert_no_error (error);
  g_usleep (g_rand_int_range (rand, 0, within_ms) * 1000);
  kill (pid, SIGKILL);
  waitpid (pid, &status, 0);
  g_spawn_close_pid (pid);
}

static void
test_sync (Fixture       *fixture,
           gconstpointer  data)
{
  g_autofree char *target = g_build_filename (fixture->dir, "target", NULL);
  g_autofree char *other = g_build_filename (fixture->dir, "other.db", NULL);
  g_autofree char *third = g_build_filename (fixture->dir, "third.db", NULL);
  g_autofree char *csv = g_build_filename (fixture->dir, "bookmarks.csv", NULL);
  g_autoptr(GString) rows = g_string_new ("URL,Title,Selection,Folder\n");
  g_autoptr(GRand) rand = g_rand_new_with_seed (20261203);
  g_auto(Run) run = { 0 };

  RUN (fixture, &run, "clip", fixture->page);
  g_assert_cmpint (run.status, ==, 0);
  run_clear (&run);
  RUN (fixture, &run, "note", "1", "Written on the first machine");
  run_clear (&run);

  RUN (fixture, &run, "sync", "--target", target, "--json");
  g_assert_cmpint (run.status, ==, 0);
  g_assert_nonnull (strstr (run.out, "\"uploaded_all\":true"));
  run_clear (&run);

  RUN (fixture, &run, "--library", other, "sync", "--target", target);
  g_assert_cmpint (run.status, ==, 0);
  g_assert_nonnull (strstr (run.out, "received: "));
  run_clear (&run);
  RUN (fixture, &run, "--library", other, "show", "1");
  g_assert_nonnull (strstr (run.out, "A Page"));
  g_assert_nonnull (strstr (run.out, "Written on the first machine"));
  run_clear (&run);

  /* The target is remembered. */
  RUN (fixture, &run, "sync", "--status");
  g_assert_cmpint (run.status, ==, 0);
  g_assert_nonnull (strstr (run.out, target));
  g_assert_nonnull (strstr (run.out, "Changes waiting to be sent: 0"));
  run_clear (&run);
  RUN (fixture, &run, "--library", third, "sync");
  g_assert_cmpint (run.status, ==, 2);
  g_assert_nonnull (strstr (run.err, "No sync target yet"));
  run_clear (&run);
  RUN (fixture, &run, "--library", third, "sync", "--target", "ftp://example.org/");
  assert_one_line_error (&run);
  run_clear (&run);

  /* Three hundred bookmarks, sent and received under kill -9. */
  for (guint i = 0; i < 300; i++)
    g_string_append_printf (rows, "https://example.org/%u,Bookmark %u,,Unread\n", i, i);
  g_assert_true (g_file_set_contents (csv, rows->str, -1, NULL));
  RUN (fixture, &run, "import", csv);
  g_assert_cmpint (run.status, ==, 0);
  run_clear (&run);

  /* Each round a change on the first machine, then both syncs killed
   * somewhere in their runs (a first push takes some 0.4 s here, a first
   * pull 1 s). */
  for (guint round = 0; round < 12; round++)
    {
      g_autofree char *id = g_strdup_printf ("%u", round + 2);
      g_autofree char *note = g_strdup_printf ("Note %u, made before a kill", round);

      RUN (fixture, &run, "note", id, note);
      g_assert_cmpint (run.status, ==, 0);
      run_clear (&run);
      sync_killed (fixture->library, target, 500, rand);
      sync_killed (other, target, 1200, rand);
    }
  RUN (fixture, &run, "sync");
  if (run.status != 0)
    g_test_message ("clipper sync: %s", run.err);
  g_assert_cmpint (run.status, ==, 0);
  run_clear (&run);
  RUN (fixture, &run, "--library", other, "sync");
  if (run.status != 0)
    g_test_message ("clipper sync: %s", run.err);
  g_assert_cmpint (run.status, ==, 0);
  run_clear (&run);

  /* Every note made reached the other machine, on its bookmark. */
  for (guint round = 0; round < 12; round++)
    {
      g_autofree char *phrase = g_strdup_printf ("\"Note %u, made before a kill\"", round);
      g_autofree char *title = g_strdup_printf ("\tBookmark %u\t", round);
      g_auto(GStrv) lines = NULL;

      RUN (fixture, &run, "--library", other, "search", "--limit", "0", phrase);
      lines = g_strsplit (run.out, "\n", -1);
      g_assert_nonnull (strstr (lines[0], title));
      run_clear (&run);
    }

  RUN (fixture, &run, "--library", other, "search", "--limit", "0", "is:unfetched");
  {
    g_auto(GStrv) lines = g_strsplit (run.out, "\n", -1);

    g_assert_cmpuint (g_strv_length (lines) - 1, ==, 300);
  }
  run_clear (&run);
  RUN (fixture, &run, "--library", other, "show", "1");
  g_assert_nonnull (strstr (run.out, "Written on the first machine"));
  run_clear (&run);

  /* In step: nothing more either way. */
  RUN (fixture, &run, "sync", "--json");
  g_assert_nonnull (strstr (run.out, "\"sent\":0,"));
  g_assert_nonnull (strstr (run.out, "\"received\":0,"));
  run_clear (&run);

  clipper_test_remove_tree (target);
  for (guint i = 0; i < 3; i++)
    {
      const char *suffixes[] = { "", "-wal", "-shm" };
      const char *libraries[] = { other, third, csv };

      for (guint j = 0; j < G_N_ELEMENTS (suffixes); j++)
        {
          g_autofree char *path = g_strconcat (libraries[i], suffixes[j], NULL);

          g_unlink (path);
        }
    }
}

/* Two machines whose clocks are five hours apart (the first runs under
 * libfaketime): a change made on the slow one after it saw the fast one's
 * still wins, since the sync's clock counts what it has seen, not only the
 * wall's time; and notes made on both are both kept. */
static void
test_sync_clock_skew (Fixture       *fixture,
                      gconstpointer  data)
{
  const char *faketime = "/usr/lib/x86_64-linux-gnu/faketime/libfaketime.so.1";
  g_autofree char *target = g_build_filename (fixture->dir, "target", NULL);
  g_autofree char *slow = g_build_filename (fixture->dir, "slow.db", NULL);
  g_auto(Run) run = { 0 };

  if (!g_file_test (faketime, G_FILE_TEST_EXISTS))
    {
      g_test_skip ("libfaketime (Debian's faketime) is not installed");
      return;
    }

  /* The fast machine: its clock five hours ahead. AddressSanitizer wants
   * to be the first library loaded; libfaketime comes before it here. */
  {
    const char *asan = g_getenv ("ASAN_OPTIONS");
    g_autofree char *options = g_strconcat (asan ? asan : "", asan ? ":" : "", "verify_asan_link_order=0", NULL);

    g_setenv ("ASAN_OPTIONS", options, TRUE);
  }
  g_setenv ("LD_PRELOAD", faketime, TRUE);
  g_setenv ("FAKETIME", "+5h", TRUE);
  g_setenv ("FAKETIME_DONT_FAKE_MONOTONIC", "1", TRUE);
  RUN (fixture, &run, "clip", fixture->page);
  g_assert_cmpint (run.status, ==, 0);
  run_clear (&run);
  RUN (fixture, &run, "cite", "1", "--set", "container=Fast Clock Weekly");
  g_assert_cmpint (run.status, ==, 0);
  run_clear (&run);
  RUN (fixture, &run, "sync", "--target", target);
  g_assert_cmpint (run.status, ==, 0);
  run_clear (&run);
  g_unsetenv ("LD_PRELOAD");
  g_unsetenv ("FAKETIME");

  /* The slow machine takes it, then changes it: later, by its own clock
   * five hours before the stamp it received. */
  RUN (fixture, &run, "--library", slow, "sync", "--target", target);
  g_assert_cmpint (run.status, ==, 0);
  run_clear (&run);
  RUN (fixture, &run, "--library", slow, "cite", "1", "--set", "container=Slow Clock Review");
  g_assert_cmpint (run.status, ==, 0);
  run_clear (&run);
  RUN (fixture, &run, "--library", slow, "note", "1", "From the slow machine");
  run_clear (&run);
  RUN (fixture, &run, "--library", slow, "sync");
  g_assert_cmpint (run.status, ==, 0);
  run_clear (&run);

  /* The fast machine writes a note of its own at the same time. */
  g_setenv ("LD_PRELOAD", faketime, TRUE);
  g_setenv ("FAKETIME", "+5h", TRUE);
  RUN (fixture, &run, "note", "1", "From the fast machine");
  run_clear (&run);
  RUN (fixture, &run, "sync");
  g_assert_cmpint (run.status, ==, 0);
  run_clear (&run);
  RUN (fixture, &run, "cite", "1", "--format", "csl-json");
  g_unsetenv ("LD_PRELOAD");
  g_unsetenv ("FAKETIME");
  g_unsetenv ("FAKETIME_DONT_FAKE_MONOTONIC");
  g_assert_nonnull (strstr (run.out, "\"container-title\" : \"Slow Clock Review\""));
  run_clear (&run);

  RUN (fixture, &run, "--library", slow, "sync");
  run_clear (&run);
  RUN (fixture, &run, "show", "1");
  g_assert_nonnull (strstr (run.out, "From the slow machine"));
  g_assert_nonnull (strstr (run.out, "From the fast machine"));
  run_clear (&run);
  RUN (fixture, &run, "--library", slow, "show", "1");
  g_assert_nonnull (strstr (run.out, "From the slow machine"));
  g_assert_nonnull (strstr (run.out, "From the fast machine"));
  run_clear (&run);
  RUN (fixture, &run, "--library", slow, "cite", "1", "--format", "csl-json");
  g_assert_nonnull (strstr (run.out, "\"container-title\" : \"Slow Clock Review\""));
  run_clear (&run);

  clipper_test_remove_tree (target);
  {
    const char *suffixes[] = { "", "-wal", "-shm" };

    for (guint j = 0; j < G_N_ELEMENTS (suffixes); j++)
      {
        g_autofree char *path = g_strconcat (slow, suffixes[j], NULL);

        g_unlink (path);
      }
  }
}

/* archive: out of list, in list --archived, found by words, marked in
 * JSON, back with --restore; a missing id changes nothing. */
static void
test_archive (Fixture       *fixture,
              gconstpointer  data)
{
  g_auto(Run) run = { 0 };

  RUN (fixture, &run, "clip", fixture->page);
  g_assert_cmpint (run.status, ==, 0);
  run_clear (&run);
  RUN (fixture, &run, "clip", fixture->page, "--url", "https://example.org/second");
  g_assert_cmpint (run.status, ==, 0);
  run_clear (&run);

  RUN (fixture, &run, "archive", "1", "999");
  assert_one_line_error (&run);
  g_assert_nonnull (strstr (run.err, "999"));
  run_clear (&run);
  RUN (fixture, &run, "list", "--archived");
  g_assert_cmpstr (run.out, ==, "");
  run_clear (&run);

  RUN (fixture, &run, "archive", "1");
  g_assert_cmpint (run.status, ==, 0);
  run_clear (&run);
  RUN (fixture, &run, "list");
  /* One line: the other clipping. */
  g_assert_true (g_str_has_prefix (run.out, "2\t"));
  g_assert_true (strchr (run.out, '\n') == run.out + strlen (run.out) - 1);
  run_clear (&run);
  RUN (fixture, &run, "list", "--archived", "--json");
  g_assert_true (g_str_has_prefix (run.out, "[{\"id\":1,"));
  g_assert_nonnull (strstr (run.out, "\"archived\":true"));
  g_assert_null (strstr (run.out, "\"id\":2"));
  run_clear (&run);
  RUN (fixture, &run, "search", "--limit", "0", "reader");
  g_assert_nonnull (strstr (run.out, "1\t"));
  g_assert_nonnull (strstr (run.out, "2\t"));
  run_clear (&run);

  /* Neither was opened: both unread, read nowhere. */
  RUN (fixture, &run, "list", "--unread", "--json");
  g_assert_nonnull (strstr (run.out, "\"id\":2,"));
  g_assert_nonnull (strstr (run.out, "\"progress\":0"));
  run_clear (&run);

  RUN (fixture, &run, "archive", "--restore", "1");
  g_assert_cmpint (run.status, ==, 0);
  run_clear (&run);
  RUN (fixture, &run, "list", "--archived");
  g_assert_cmpstr (run.out, ==, "");
  run_clear (&run);
  RUN (fixture, &run, "archive");
  g_assert_cmpint (run.status, ==, 2);
  run_clear (&run);
  RUN (fixture, &run, "archive", "one");
  assert_one_line_error (&run);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add ("/clipper/cli/import", Fixture, NULL, fixture_setup, test_import, fixture_teardown);
  g_test_add ("/clipper/cli/import-fetch", Fixture, NULL, fixture_setup, test_import_fetch, fixture_teardown);
  g_test_add ("/clipper/cli/sync", Fixture, NULL, fixture_setup, test_sync, fixture_teardown);
  g_test_add ("/clipper/cli/archive", Fixture, NULL, fixture_setup, test_archive, fixture_teardown);
  g_test_add ("/clipper/cli/sync-clock-skew", Fixture, NULL, fixture_setup, test_sync_clock_skew,
              fixture_teardown);
  g_test_add ("/clipper/cli/version-help", Fixture, NULL,
              fixture_setup, test_version_help, fixture_teardown);
  g_test_add ("/clipper/cli/show-details", Fixture, NULL,
              fixture_setup, test_show_details, fixture_teardown);
  g_test_add ("/clipper/cli/no-webkit", Fixture, NULL,
              fixture_setup, test_no_webkit, fixture_teardown);
  g_test_add ("/clipper/cli/clip-list-show-delete", Fixture, NULL,
              fixture_setup, test_clip_list_show_delete, fixture_teardown);
  g_test_add ("/clipper/cli/clip-url", Fixture, NULL,
              fixture_setup, test_clip_url, fixture_teardown);
  g_test_add ("/clipper/cli/extract", Fixture, NULL,
              fixture_setup, test_extract, fixture_teardown);
  g_test_add ("/clipper/cli/search", Fixture, NULL,
              fixture_setup, test_search, fixture_teardown);
  g_test_add ("/clipper/cli/tags-and-filters", Fixture, NULL,
              fixture_setup, test_tags_and_filters, fixture_teardown);
  g_test_add ("/clipper/cli/control-characters", Fixture, NULL,
              fixture_setup, test_control_characters, fixture_teardown);
  g_test_add ("/clipper/cli/check-repair", Fixture, NULL,
              fixture_setup, test_check_repair, fixture_teardown);
  g_test_add ("/clipper/cli/errors", Fixture, NULL,
              fixture_setup, test_errors, fixture_teardown);

  return g_test_run ();
}
