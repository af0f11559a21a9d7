/* clipper-text.h
 *
 * Copyright 2026 The Clipper authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>
#include <libxml/tree.h>

G_BEGIN_DECLS

/* HTML's white space (space, tab, line feed, carriage return, form feed),
 * not the no-break or zero-width spaces, which are text. */
static inline gboolean
clipper_text_is_space (char c)
{
  return c == ' ' || c == '\n' || c == '\t' || c == '\r' || c == '\f';
}

gboolean  clipper_text_is_blank          (const char *text);
gboolean  clipper_text_node_counts       (xmlNode    *node,
                                          xmlNode    *root);
void      clipper_text_append_canonical  (xmlNode    *root,
                                          GString    *out);
char     *clipper_text_collapse          (const char *text);

G_END_DECLS
