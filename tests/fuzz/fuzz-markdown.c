/* fuzz-markdown.c
 *
 * Copyright 2026 The Clipper authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A captured page with highlights written as Markdown, both as a report
 * and as the full article in both mark styles.
 */

#include "clipper-markdown-writer.h"
#include "fuzz-document.h"

int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  g_autoptr(ClipperDocument) document = NULL;
  static const ClipperMarkdownOptions options[] = {
    { CLIPPER_EXPORT_HIGHLIGHTS, CLIPPER_MARK_EMPHASIS, NULL, FALSE },
    { CLIPPER_EXPORT_ARTICLE, CLIPPER_MARK_EMPHASIS, NULL, FALSE },
    { CLIPPER_EXPORT_ARTICLE, CLIPPER_MARK_HIGHLIGHT, "assets", TRUE },
  };

  fuzz_quiet_logs ();
  document = fuzz_make_document (data, size);
  if (document == NULL)
    return 0;

  for (guint i = 0; i < G_N_ELEMENTS (options); i++)
    {
      g_autoptr(GPtrArray) assets = g_ptr_array_new_with_free_func ((GDestroyNotify) clipper_markdown_asset_free);
      g_autofree char *markdown = clipper_markdown_write (document, &options[i], assets);

      g_assert (markdown != NULL);
      g_assert (g_utf8_validate (markdown, -1, NULL));
      for (guint j = 0; j < assets->len; j++)
        {
          ClipperMarkdownAsset *asset = g_ptr_array_index (assets, j);

          /* Asset paths stay inside the assets folder. */
          g_assert (g_str_has_prefix (asset->path, "assets/"));
          g_assert (strstr (asset->path, "..") == NULL);
        }
    }
  return 0;
}
