/* clipper-query.h
 *
 * Copyright 2026 The Clipper authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* A search as typed: words, "phrases", -excluded, tag:, site:, color:,
 * has:highlights, has:notes, is:unfetched, is:archived and is:unread. */
typedef struct
{
  char      *match;      /* FTS5 expression of what must match, or NULL */
  char      *exclude;    /* FTS5 expression of what must not, when nothing must match */
  GPtrArray *tags;
  GPtrArray *sites;
  GPtrArray *colors;
  GPtrArray *words;      /* the words and phrases wanted, as typed */
  gboolean   has_phrase; /* one of them is several words (or characters) */
  gboolean   has_highlights;
  gboolean   has_notes;
  gboolean   unfetched;
  gboolean   archived;       /* is:archived: the archived alone; else, without words, none of them */
  gboolean   with_archived;  /* the archived too, words or not */
  gboolean   unread;         /* is:unread: never opened */  /* pages imported as addresses, without their text */
} ClipperQuery;

ClipperQuery *clipper_query_parse (const char   *text);
gboolean      clipper_query_is_empty (const ClipperQuery *query);
gboolean      clipper_query_matches  (const ClipperQuery *query,
                                      const char         *text);
void          clipper_query_free  (ClipperQuery *query);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (ClipperQuery, clipper_query_free)

G_END_DECLS
