/* fuzz-query.c
 *
 * Copyright 2026 The Clipper authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The search box's language, parsed and run against a small library:
 * whatever is typed, the search answers or fails with an error, and
 * never with a crash.
 */

#include <glib/gstdio.h>

#include "clipper-capture.h"
#include "clipper-query.h"
#include "clipper-store.h"
#include "fuzz-common.h"

static ClipperStore *
get_store (void)
{
  static ClipperStore *store;
  static const char * const pages[] = {
    "<html lang=en><head><title>Sea ice loss</title></head><body><article><h1>Sea ice loss</h1>"
    "<p>The Arctic has lost most of its multi-year ice since the satellite record began.</p>"
    "<p>Glaciers and ice sheets respond more slowly than sea ice does.</p></article></body></html>",
    "<html lang=ja><head><title>東京の天気</title></head><body><article>"
    "<p>東京は今日は晴れです。明日は雨が降るでしょう。気温は二十度まで上がります。</p></article></body></html>",
    "<html lang=ar dir=rtl><head><title>مقال</title></head><body><article>"
    "<p>هذا نص عربي قصير للاختبار، فيه كلمات كثيرة للبحث.</p></article></body></html>",
  };

  if (store == NULL)
    {
      g_autofree char *dir = g_dir_make_tmp ("clipper-fuzz-query-XXXXXX", NULL);
      g_autofree char *path = g_build_filename (dir, "library.db", NULL);
      g_autoptr(GError) error = NULL;
      const char * const tags[] = { "climate", "news", NULL };

      store = clipper_store_open (path, &error);
      g_assert_no_error (error);
      for (guint i = 0; i < G_N_ELEMENTS (pages); i++)
        {
          g_autofree char *url = g_strdup_printf ("https://site%u.example/page", i);
          g_autoptr(ClipperClipping) clipping = clipper_capture_page (pages[i], strlen (pages[i]), url, NULL, &error);
          gint64 id;

          g_assert_no_error (error);
          id = clipper_store_add_clipping (store, clipping, &error);
          g_assert_no_error (error);
          clipper_store_add_clipping_tags (store, id, tags, &error);
          g_assert_no_error (error);
          clipper_store_set_clipping_note (store, id, "A note about ice", &error);
          g_assert_no_error (error);
        }
      /* The files go when the process does. */
      g_unlink (path);
    }

  return store;
}

int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  g_autofree char *raw = NULL;
  g_autofree char *text = NULL;
  g_autoptr(ClipperQuery) query = NULL;
  g_autoptr(GPtrArray) results = NULL;
  g_autoptr(GError) error = NULL;
  ClipperStore *store = get_store ();

  fuzz_quiet_logs ();
  if (size > 4096)
    return 0;

  raw = g_strndup ((const char *) data, size);
  text = fuzz_make_valid (raw);
  query = clipper_query_parse (text);
  g_assert (query != NULL);
  clipper_query_matches (query, "Sea ice loss in the Arctic");

  results = clipper_store_search (store, query, CLIPPER_SORT_CLIPPED, 20, &error);
  g_assert (results != NULL || error != NULL);
  return 0;
}
