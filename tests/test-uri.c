/* test-uri.c
 *
 * Copyright 2026 The Clipper authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include <glib/gstdio.h>

#include "clipper-error.h"
#include "clipper-uri.h"

static void
assert_uri (const char *input,
            const char *expected)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *uri = clipper_uri_from_user_input (input, &error);

  g_assert_no_error (error);
  g_assert_cmpstr (uri, ==, expected);
}

static void
assert_refused (const char *input,
                int         code)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *uri = clipper_uri_from_user_input (input, &error);

  if (uri != NULL)
    g_error ("“%s” should be refused, not give %s", input, uri);
  g_assert_error (error, CLIPPER_ERROR, code);
  g_assert_true (g_utf8_validate (error->message, -1, NULL));
}

static void
test_web (void)
{
  assert_uri ("https://example.org/a?b=c#d", "https://example.org/a?b=c#d");
  assert_uri ("  http://example.org  ", "http://example.org");
  assert_uri ("example.org", "https://example.org");
  assert_uri ("www.example.org/path/page.html", "https://www.example.org/path/page.html");
  assert_uri ("example.org:8080/x", "https://example.org:8080/x");
  assert_uri ("localhost:8000", "https://localhost:8000");
  assert_uri ("clipper://clipping/3", "clipper://clipping/3");
  /* Internationalised names and IP literals are hosts too. */
  assert_uri ("bücher.example/regal", "https://bücher.example/regal");
  assert_uri ("192.0.2.7:8080/x", "https://192.0.2.7:8080/x");
  assert_uri ("[2001:db8::1]:8443/", "https://[2001:db8::1]:8443/");
  assert_uri ("[::1]", "https://[::1]");
}

/* Links resolve by RFC 3986, percent-encoding kept as written. */
static void
test_resolve (void)
{
  const struct {
    const char *base;
    const char *href;
    const char *resolved;
  } cases[] = {
    { "https://example.org/a/b/page.html", "c.png", "https://example.org/a/b/c.png" },
    { "https://example.org/a/b/page.html", "../c.png", "https://example.org/a/c.png" },
    { "https://example.org/a/b/page.html", "/c.png", "https://example.org/c.png" },
    { "https://example.org/a/b/page.html", "//cdn.example.net/c.png", "https://cdn.example.net/c.png" },
    { "https://example.org/a/b/page.html", "?q=1", "https://example.org/a/b/page.html?q=1" },
    { "https://example.org/a/b/page.html", "#top", "https://example.org/a/b/page.html#top" },
    { "https://example.org/a/b/page.html", "https://other.example/x", "https://other.example/x" },
    { "https://example.org/a/", "caf%C3%A9.png", "https://example.org/a/caf%C3%A9.png" },
    /* As browsers read them: spaces and raw letters come out escaped. */
    { "https://example.org/a/", "my image.png", "https://example.org/a/my%20image.png" },
    { "https://example.org/a/", "café.png", "https://example.org/a/caf%C3%A9.png" },
    /* What still is no address goes. */
    { "https://example.org/a/", "https://ex ample.org/x", NULL },
    { "https://example.org/a/", "http://[bad", NULL },
    { "https://example.org/a/", "%zz.png", NULL },
    /* A base without an authority cannot give a host a relative path. */
    { "http:", ".//h", NULL },
    { "http:", "//h;", NULL },
    { "https://example.org/a/b.html", "//h;", NULL },
    { "https://example.org/a/", "\\windows\\path.png", NULL },
    { NULL, "relative.png", "relative.png" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *resolved = clipper_uri_resolve (cases[i].base, cases[i].href);

      g_assert_cmpstr (resolved, ==, cases[i].resolved);
    }
  g_assert_null (clipper_uri_resolve ("https://example.org/", NULL));
}

static void
test_files (void)
{
  g_autofree char *dir = g_dir_make_tmp ("clipper-uri-XXXXXX", NULL);
  g_autofree char *path = g_build_filename (dir, "page one.html", NULL);
  g_autofree char *expected = g_filename_to_uri (path, NULL, NULL);
  g_autofree char *missing = g_build_filename (dir, "missing.html", NULL);

  g_assert_true (g_file_set_contents (path, "<p>x</p>", -1, NULL));
  assert_uri (path, expected);
  assert_uri (expected, expected);
  assert_refused (missing, CLIPPER_ERROR_NOT_FOUND);
  assert_refused (dir, CLIPPER_ERROR_NOT_FOUND);

  g_unlink (path);
  g_rmdir (dir);
}

static void
test_refused (void)
{
  assert_refused ("", CLIPPER_ERROR_INVALID_INPUT);
  assert_refused ("   ", CLIPPER_ERROR_INVALID_INPUT);
  assert_refused ("hello world", CLIPPER_ERROR_INVALID_INPUT);
  assert_refused ("javascript:alert(1)", CLIPPER_ERROR_INVALID_INPUT);
  assert_refused ("javascript:alert(1).x", CLIPPER_ERROR_INVALID_INPUT);
  assert_refused ("data:text/html,<b>x</b>", CLIPPER_ERROR_INVALID_INPUT);
  assert_refused ("http://", CLIPPER_ERROR_INVALID_INPUT);
  assert_refused ("https:// spaces .org", CLIPPER_ERROR_INVALID_INPUT);
  assert_refused ("just-a-word", CLIPPER_ERROR_INVALID_INPUT);
  assert_refused ("example.org:", CLIPPER_ERROR_INVALID_INPUT);
  assert_refused ("example.org:80a", CLIPPER_ERROR_INVALID_INPUT);
  assert_refused (".example.org", CLIPPER_ERROR_INVALID_INPUT);
  assert_refused ("[not-an-address]:80", CLIPPER_ERROR_INVALID_INPUT);
  assert_refused ("[2001:db8::1", CLIPPER_ERROR_INVALID_INPUT);
  assert_refused ("ftp://example.org/file", CLIPPER_ERROR_INVALID_INPUT);
  assert_refused ("\xff\xfe", CLIPPER_ERROR_INVALID_INPUT);
}

static void
test_clipping_address (void)
{
  g_autofree char *uri = clipper_uri_dup_clipping_uri (42);
  const char *not_clippings[] = {
    NULL, "", "clipper://clipping/", "clipper://clipping/0", "clipper://clipping/-3",
    "clipper://clipping/12abc", "clipper://clipping/99999999999999999999",
    "clipper://resource/42", "https://clipping/42", "clipper:clipping/42", "not a uri",
  };

  g_assert_cmpstr (uri, ==, "clipper://clipping/42");
  g_assert_cmpint (clipper_uri_parse_clipping_id (uri), ==, 42);
  g_assert_cmpint (clipper_uri_parse_clipping_id ("clipper://clipping/9223372036854775807"), ==, G_MAXINT64);

  for (guint i = 0; i < G_N_ELEMENTS (not_clippings); i++)
    g_assert_cmpint (clipper_uri_parse_clipping_id (not_clippings[i]), ==, 0);
}


static void
test_credentials (void)
{
  const char *cases[][2] = {
    { "https://user:secret@example.org/a?b=c#d", "https://example.org/a?b=c#d" },
    { "http://user@example.org:8080/", "http://example.org:8080/" },
    { "https://example.org/a%20b?q=%C3%A9", "https://example.org/a%20b?q=%C3%A9" },
    { "file:///home/me/page.html", "file:///home/me/page.html" },
    { "not a uri", "not a uri" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *stripped = clipper_uri_strip_credentials (cases[i][0]);

      g_assert_cmpstr (stripped, ==, cases[i][1]);
    }
}

static void
test_resource_hash (void)
{
  const char *hash = "0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef";
  g_autofree char *uri = g_strconcat ("clipper://resource/", hash, NULL);
  g_autofree char *longer = g_strconcat (uri, "0", NULL);
  g_autofree char *shorter = g_strndup (uri, strlen (uri) - 1);
  g_autofree char *upper = g_ascii_strup (uri, -1);

  g_assert_true (clipper_resource_hash_is_valid (hash));
  g_assert_cmpstr (clipper_uri_get_resource_hash (uri), ==, hash);
  g_assert_null (clipper_uri_get_resource_hash (longer));
  g_assert_null (clipper_uri_get_resource_hash (shorter));
  g_assert_null (clipper_uri_get_resource_hash (upper));
  g_assert_null (clipper_uri_get_resource_hash ("clipper://resource/../../etc/passwd"));
  g_assert_null (clipper_uri_get_resource_hash ("clipper://resource/0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcde/"));
  g_assert_false (clipper_resource_hash_is_valid (NULL));
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/clipper/uri/resolve", test_resolve);
  g_test_add_func ("/clipper/uri/web", test_web);
  g_test_add_func ("/clipper/uri/files", test_files);
  g_test_add_func ("/clipper/uri/refused", test_refused);
  g_test_add_func ("/clipper/uri/clipping-address", test_clipping_address);
  g_test_add_func ("/clipper/uri/credentials", test_credentials);
  g_test_add_func ("/clipper/uri/resource-hash", test_resource_hash);

  return g_test_run ();
}
