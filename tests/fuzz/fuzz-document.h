/* fuzz-document.h
 *
 * Copyright 2026 The Clipper authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The writers' harnesses start as a user does: a page is captured, a few
 * highlights (with notes) are laid over its text where the input says,
 * and the document model is built from that.
 */

#pragma once

#include "clipper-anchor.h"
#include "clipper-capture.h"
#include "clipper-document.h"
#include "fuzz-common.h"

static inline ClipperDocument *
fuzz_make_document (const uint8_t *data,
                    size_t         size)
{
  g_autoptr(ClipperClipping) clipping = NULL;
  g_autoptr(ClipperAnchorText) text = NULL;
  g_autoptr(GPtrArray) highlights = g_ptr_array_new_with_free_func (g_object_unref);
  const char * const *colors = clipper_highlight_get_colors ();
  gint64 length;
  guint8 seed;

  if (size < 2)
    return NULL;

  /* A first byte below 32 places the highlights, so plain pages are
   * seeds as they are. */
  seed = 0x1d;
  if (data[0] < 32)
    {
      seed = data[0];
      data++;
      size--;
    }
  clipping = clipper_capture_page ((const char *) data, size,
                                   "https://example.org/news/article.html", NULL, NULL);
  if (clipping == NULL)
    return NULL;

  text = clipper_anchor_text_new_from_html (clipper_clipping_get_content (clipping));
  length = clipper_anchor_text_get_length (text);

  for (guint i = 0; length > 0 && i < (seed & 7u); i++)
    {
      g_autoptr(ClipperHighlight) highlight = clipper_highlight_new ();
      g_autoptr(ClipperSelector) selector = NULL;
      gint64 start = ((gint64) seed * (i + 7) * 131 + i * 977) % length;
      gint64 end = MIN (length, start + 1 + (seed * (i + 3)) % 200);

      selector = clipper_selector_new (text, start, end);
      clipper_highlight_set_id (highlight, i + 1);
      clipper_highlight_set_selector (highlight, selector);
      clipper_highlight_set_color (highlight, colors[i % 5]);
      if (i % 2)
        clipper_highlight_set_note (highlight, "A *note* with [a link](https://example.org) and `code`");
      clipper_highlight_set_orphaned (highlight, i == 6);
      g_ptr_array_add (highlights, g_steal_pointer (&highlight));
    }

  return clipper_document_new (clipping, highlights, seed & 8 ? "The clipping's note" : NULL);
}
