/* test-csl-engine.c
 *
 * Copyright 2026 The Clipper authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The citeproc-js module on the input that crashed JavaScriptCore's JIT:
 * a thousand items without authors, titles alike, one address. With the
 * JIT this process dies; the module runs without it.
 */

#include "config.h"

#include <gmodule.h>

#include "clipper-csl.h"

static void
test_many_authorless (void)
{
  g_autofree char *module_path = g_build_filename (g_getenv ("CLIPPER_MODULE_DIR"), "libclipper-csl." G_MODULE_SUFFIX,
                                                   NULL);
  g_autofree char *citeproc_path = g_test_build_filename (G_TEST_DIST, "..", "resources", "citeproc", "citeproc.js",
                                                          NULL);
  const char *style_path = "/usr/share/citation-style-language/styles/apa.csl";
  const char *locale_path = "/usr/share/citation-style-language/locales/locales-en-US.xml";
  g_autofree char *citeproc = NULL;
  g_autofree char *style = NULL;
  g_autofree char *locale = NULL;
  g_autofree char *out = NULL;
  g_autoptr(GString) items = g_string_new ("[");
  g_autoptr(GBytes) source = NULL;
  g_autoptr(GError) error = NULL;
  ClipperCslModuleFormat format = NULL;
  GModule *module;
  gsize length;

  if (!g_file_get_contents (style_path, &style, NULL, NULL) || !g_file_get_contents (locale_path, &locale, NULL, NULL))
    {
      g_test_skip ("citation-style-language-styles and -locales are not installed");
      return;
    }
  g_assert_true (g_file_get_contents (citeproc_path, &citeproc, &length, NULL));
  source = g_bytes_new_take (g_steal_pointer (&citeproc), length);

  module = g_module_open (module_path, G_MODULE_BIND_LAZY | G_MODULE_BIND_LOCAL);
  g_assert_nonnull (module);
  g_assert_true (g_module_symbol (module, CLIPPER_CSL_MODULE_ENTRY, (gpointer *)&format));

  /* Laid out as the CSL-JSON writer lays it out (its size matters), with
   * keys as the library gives them to colliding items. */
  for (guint i = 0; i < 1000; i++)
    {
      g_autoptr(GString) suffix = g_string_new (NULL);

      for (guint n = i; n > 0; n = (n - 1) / 26)
        g_string_prepend_c (suffix, 'a' + (n - 1) % 26);
      g_string_append_printf (items,
                              "%s\n  {\n    \"id\": \"article%s\",\n    \"type\": \"webpage\",\n"
                              "    \"title\": \"Article number %u about defence\",\n"
                              "    \"container-title\": \"news.example.org\",\n"
                              "    \"URL\": \"https://news.example.org/article\",\n"
                              "    \"accessed\": {\n      \"date-parts\": [\n        [\n          2026,\n"
                              "          12,\n          3\n        ]\n      ]\n    }\n  }",
                              i ? "," : "", suffix->str, i);
    }
  g_string_append (items, "\n]");

  out = format (source, items->str, style, locale, "en-US", "text", &error);
  g_assert_no_error (error);
  g_assert_nonnull (g_strstr_len (out, -1, "Article number 999 about defence"));
  /* JavaScriptCore keeps threads of its own: never unloaded. */
  g_module_make_resident (module);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/clipper/csl-engine/many-authorless", test_many_authorless);

  return g_test_run ();
}
