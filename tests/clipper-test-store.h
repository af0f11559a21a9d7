/* clipper-test-store.h
 *
 * Copyright 2026 The Clipper authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * What the core tests share about a library.
 */

#pragma once

#include "clipper-anchor.h"
#include "clipper-store.h"

/* Highlights the one place @quote stands in clipping @id's text. */
static inline void
clipper_test_add_highlight (ClipperStore *store,
                            gint64        id,
                            const char   *quote,
                            const char   *color,
                            const char   *note,
                            const char   *tag)
{
  g_autoptr(ClipperClipping) clipping = clipper_store_find_clipping (store, id, NULL);
  g_autoptr(ClipperAnchorText) text = clipper_anchor_text_new_from_html (clipper_clipping_get_content (clipping));
  g_autoptr(ClipperSelector) selector = NULL;
  g_autoptr(ClipperHighlight) highlight = clipper_highlight_new ();
  g_autoptr(GError) error = NULL;
  const char *tags[] = { tag, NULL };
  gint64 start, end;

  g_assert_cmpint (clipper_anchor_find_quote (text, quote, NULL, NULL, &start, &end), ==, 1);
  selector = clipper_selector_new (text, start, end);
  clipper_highlight_set_clipping_id (highlight, id);
  clipper_highlight_set_color (highlight, color);
  clipper_highlight_set_selector (highlight, selector);
  clipper_highlight_set_note (highlight, note);
  clipper_highlight_set_tags (highlight, tag ? tags : NULL);
  clipper_store_add_highlight (store, highlight, &error);
  g_assert_no_error (error);
}
