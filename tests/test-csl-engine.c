/* test-csl-engine.c
 *
 * Copyright 2026 The Clipper authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * citeproc-js runs in a program of its own (clipper-csl), with
 * JavaScriptCore's JIT, and again without it when that crashes: a
 * thousand items without authors, titles alike, one address, is an input
 * that crashed JavaScriptCore 2.50's JIT. The references must come back
 * either way, and bad requests must get an answer, not a crash.
 */

#include "config.h"

#include "clipper-cite-formats.h"
#include "clipper-csl.h"
#include "clipper-error.h"

static GPtrArray *
authorless_items (guint n)
{
  GPtrArray *citations = g_ptr_array_new_with_free_func ((GDestroyNotify)clipper_citation_free);

  for (guint i = 0; i < n; i++)
    {
      ClipperCitation *citation = clipper_citation_new ();
      g_autoptr(GString) suffix = g_string_new (NULL);

      /* Keys as the library gives them to colliding items. */
      for (guint k = i; k > 0; k = (k - 1) / 26)
        g_string_prepend_c (suffix, 'a' + (k - 1) % 26);
      citation->clipping_id = i + 1;
      citation->key = g_strdup_printf ("article%s", suffix->str);
      citation->type = CLIPPER_ITEM_WEBPAGE;
      citation->title = g_strdup_printf ("Article number %u about defence", i);
      citation->container = g_strdup ("news.example.org");
      citation->url = g_strdup ("https://news.example.org/article");
      citation->accessed = 1796256000; /* 2026-12-03 */
      g_ptr_array_add (citations, citation);
    }
  return citations;
}

static gboolean
styles_installed (void)
{
  if (g_file_test ("/usr/share/citation-style-language/styles/apa.csl", G_FILE_TEST_EXISTS))
    return TRUE;
  g_test_skip ("citation-style-language-styles is not installed");
  return FALSE;
}

static void
test_many_authorless (void)
{
  g_autoptr(GPtrArray) citations = NULL;
  g_autoptr(ClipperCslOutput) output = NULL;
  g_autoptr(GError) error = NULL;

  if (!styles_installed ())
    return;

  citations = authorless_items (1000);
  output = clipper_csl_format (citations, "apa", "text", &error);
  g_assert_no_error (error);
  g_assert_cmpuint (output->references->len, ==, 1000);
  g_assert_nonnull (g_hash_table_lookup (output->by_key, "articlealk"));
  g_assert_nonnull (strstr (g_hash_table_lookup (output->by_key, "articlealk"), "Article number 999 about defence"));
  g_assert_cmpuint (g_hash_table_size (output->in_text), ==, 1000);
}

/* A helper that dies on every input: the core tries again without the
 * JIT, then says the formatter stopped, in a sentence. */
static void
test_helper_crashes (void)
{
  g_autofree char *saved = g_strdup (g_getenv ("CLIPPER_CSL_HELPER"));
  g_autoptr(GPtrArray) citations = NULL;
  g_autoptr(ClipperCslOutput) output = NULL;
  g_autoptr(GError) error = NULL;

  if (!styles_installed ())
    return;

  citations = authorless_items (2);
  g_setenv ("CLIPPER_CSL_HELPER", "/bin/false", TRUE);
  output = clipper_csl_format (citations, "apa", "text", &error);
  g_assert_null (output);
  g_assert_error (error, CLIPPER_ERROR, CLIPPER_ERROR_FAILED);
  g_assert_nonnull (strstr (error->message, "stopped"));
  g_clear_error (&error);

  g_setenv ("CLIPPER_CSL_HELPER", "/nonexistent/clipper-csl", TRUE);
  output = clipper_csl_format (citations, "apa", "text", &error);
  g_assert_null (output);
  g_assert_error (error, CLIPPER_ERROR, CLIPPER_ERROR_FAILED);
  g_assert_nonnull (strstr (error->message, "could not run"));

  g_setenv ("CLIPPER_CSL_HELPER", saved, TRUE);
}

/* The helper refuses what is not a request, in a line, with status 3. */
static void
test_helper_bad_request (void)
{
  const char *helper = g_getenv ("CLIPPER_CSL_HELPER");
  const char *inputs[] = { "", "not a variant", "\x01\x02\x03" };

  for (guint i = 0; i < G_N_ELEMENTS (inputs); i++)
    {
      g_autoptr(GSubprocess) process = NULL;
      g_autoptr(GBytes) in = g_bytes_new_static (inputs[i], strlen (inputs[i]));
      g_autoptr(GBytes) out = NULL;
      g_autoptr(GBytes) err = NULL;
      g_autoptr(GError) error = NULL;

      process = g_subprocess_new (G_SUBPROCESS_FLAGS_STDIN_PIPE | G_SUBPROCESS_FLAGS_STDOUT_PIPE |
                                    G_SUBPROCESS_FLAGS_STDERR_PIPE,
                                  &error, helper, NULL);
      g_assert_no_error (error);
      g_assert_true (g_subprocess_communicate (process, in, NULL, &out, &err, &error));
      g_assert_true (g_subprocess_get_if_exited (process));
      g_assert_cmpint (g_subprocess_get_exit_status (process), ==, 3);
      g_assert_cmpuint (g_bytes_get_size (out), ==, 0);
      g_assert_cmpuint (g_bytes_get_size (err), >, 0);
    }
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/clipper/csl-engine/many-authorless", test_many_authorless);
  g_test_add_func ("/clipper/csl-engine/helper-crashes", test_helper_crashes);
  g_test_add_func ("/clipper/csl-engine/helper-bad-request", test_helper_bad_request);

  return g_test_run ();
}
