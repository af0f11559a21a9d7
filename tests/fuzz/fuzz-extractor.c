/* fuzz-extractor.c
 *
 * Copyright 2026 The Clipper authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A page's bytes through extraction, under each kind of declared charset,
 * and its content as JSON.
 */

#include "clipper-extractor.h"
#include "fuzz-common.h"

int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  static const char * const encodings[] = { NULL, "utf-8", "windows-1252", "shift_jis", "utf-16" };
  g_autoptr(ClipperArticle) article = NULL;
  g_autofree char *json = NULL;
  const char *encoding;

  fuzz_quiet_logs ();
  if (size == 0)
    return 0;

  /* A first byte below 8 picks a declared charset, so plain pages are
   * seeds as they are. */
  encoding = NULL;
  if (data[0] < 8)
    {
      encoding = encodings[data[0] % G_N_ELEMENTS (encodings)];
      data++;
      size--;
    }
  article = clipper_extractor_extract ((const char *) data, size,
                                       "https://example.org/news/article.html", encoding);
  g_assert (article != NULL);
  g_assert (article->content != NULL);
  g_assert (g_utf8_validate (article->content, -1, NULL));
  g_assert (article->text == NULL || g_utf8_validate (article->text, -1, NULL));
  json = clipper_article_to_json (article);
  g_assert (g_utf8_validate (json, -1, NULL));
  return 0;
}
