/* clipper-anchor.h
 *
 * Copyright 2026 The Clipper authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* Offsets count UTF-16 code units, as the page's DOM ranges do. */
#define CLIPPER_ANCHOR_CONTEXT 32

typedef enum
{
  CLIPPER_ANCHOR_ORPHAN,      /* not found */
  CLIPPER_ANCHOR_POSITION,    /* at its position, verified by its quote */
  CLIPPER_ANCHOR_EXACT,       /* its quote, found elsewhere */
  CLIPPER_ANCHOR_FUZZY,       /* a close match of its quote */
} ClipperAnchorMatch;

typedef struct
{
  char   *exact;
  char   *prefix;
  char   *suffix;
  gint64  start;
  gint64  end;
} ClipperSelector;

typedef struct _ClipperAnchorText ClipperAnchorText;

ClipperAnchorText  *clipper_anchor_text_new_from_html (const char              *html);
ClipperAnchorText  *clipper_anchor_text_new           (const char              *utf8);
void                clipper_anchor_text_free          (ClipperAnchorText       *text);
const char         *clipper_anchor_text_get_utf8      (ClipperAnchorText       *text);
gint64              clipper_anchor_text_get_length    (ClipperAnchorText       *text);
char               *clipper_anchor_text_slice         (ClipperAnchorText       *text,
                                                       gint64                   start,
                                                       gint64                   end);

ClipperSelector    *clipper_selector_new              (ClipperAnchorText       *text,
                                                       gint64                   start,
                                                       gint64                   end);
ClipperSelector    *clipper_selector_copy             (const ClipperSelector   *selector);
void                clipper_selector_free             (ClipperSelector         *selector);

ClipperAnchorMatch  clipper_anchor_locate             (ClipperAnchorText       *text,
                                                       const ClipperSelector   *selector,
                                                       gint64                  *start,
                                                       gint64                  *end);
int                 clipper_anchor_find_quote         (ClipperAnchorText       *text,
                                                       const char              *quote,
                                                       const char              *prefix,
                                                       const char              *suffix,
                                                       gint64                  *start,
                                                       gint64                  *end);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (ClipperAnchorText, clipper_anchor_text_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (ClipperSelector, clipper_selector_free)

G_END_DECLS
