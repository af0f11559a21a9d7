/* fuzz-anchor.c
 *
 * Copyright 2026 The Clipper authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Anchoring and re-anchoring: an old text, a new text and a range of the
 * old one. The selector made on the old text is located in the new one;
 * whatever it finds lies inside the new text, and the old text always
 * finds its own selector where it was made.
 */

#include "clipper-anchor.h"
#include "fuzz-common.h"

int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  g_auto(GStrv) parts = NULL;
  g_autofree char *old_utf8 = NULL;
  g_autofree char *new_utf8 = NULL;
  g_autoptr(ClipperAnchorText) old_text = NULL;
  g_autoptr(ClipperAnchorText) new_text = NULL;
  g_autoptr(ClipperSelector) selector = NULL;
  gint64 length, start, end, found_start = -1, found_end = -1;
  ClipperAnchorMatch match;

  fuzz_quiet_logs ();
  if (size < 2 || size > 16 * 1024)
    return 0;

  /* Two range bytes, then the old text, a NUL, the new text (HTML when
   * it starts with '<'). */
  parts = fuzz_split (data + 2, size - 2, 2);
  old_utf8 = fuzz_make_valid (parts[0]);
  new_utf8 = fuzz_make_valid (parts[1]);

  old_text = clipper_anchor_text_new (old_utf8);
  new_text = new_utf8[0] == '<' ? clipper_anchor_text_new_from_html (new_utf8)
                                : clipper_anchor_text_new (new_utf8);
  length = clipper_anchor_text_get_length (old_text);
  if (length == 0)
    return 0;

  start = data[0] % length;
  end = MIN (length, start + 1 + data[1]);
  selector = clipper_selector_new (old_text, start, end);
  g_assert (selector != NULL);

  match = clipper_anchor_locate (old_text, selector, &found_start, &found_end);
  g_assert_cmpint (match, ==, CLIPPER_ANCHOR_POSITION);
  /* Where it was made (an end inside a surrogate pair moves out). */
  g_assert_cmpint (found_start, ==, selector->start);
  g_assert_cmpint (found_end, ==, selector->end);
  g_assert_cmpint (selector->start, <=, start);
  g_assert_cmpint (selector->end, >=, end);

  match = clipper_anchor_locate (new_text, selector, &found_start, &found_end);
  if (match != CLIPPER_ANCHOR_ORPHAN)
    {
      g_autofree char *slice = NULL;

      g_assert_cmpint (found_start, >=, 0);
      g_assert_cmpint (found_start, <=, found_end);
      g_assert_cmpint (found_end, <=, clipper_anchor_text_get_length (new_text));
      slice = clipper_anchor_text_slice (new_text, found_start, found_end);
      g_assert (g_utf8_validate (slice, -1, NULL));
    }

  clipper_anchor_find_quote (new_text, selector->exact, selector->prefix, selector->suffix,
                             &found_start, &found_end);
  return 0;
}
