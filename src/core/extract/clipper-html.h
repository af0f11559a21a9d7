/* clipper-html.h
 *
 * Copyright 2026 The Clipper authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>
#include <libxml/HTMLparser.h>
#include <libxml/HTMLtree.h>
#include <libxml/tree.h>

G_BEGIN_DECLS

G_DEFINE_AUTOPTR_CLEANUP_FUNC (xmlDoc, xmlFreeDoc)

htmlDocPtr  clipper_html_parse              (const char *data,
                                             gsize       length,
                                             const char *encoding);
htmlDocPtr  clipper_html_read               (const char *data,
                                             gsize       length,
                                             const char *encoding);
xmlNode    *clipper_html_get_body           (htmlDocPtr  doc);
char       *clipper_html_dup_title          (htmlDocPtr  doc);
char       *clipper_html_dup_lang           (htmlDocPtr  doc);
char       *clipper_html_dup_text           (xmlNode    *node);
char       *clipper_html_serialize_children (htmlDocPtr  doc,
                                             xmlNode    *node);
gboolean    clipper_html_is_element         (xmlNode    *node,
                                             const char *name);
char       *clipper_html_escape             (const char *text);
char       *clipper_html_strip_controls     (char       *text);
void        clipper_html_move_before        (xmlNode    *node,
                                             xmlNode    *sibling);
void        clipper_html_move_after         (xmlNode    *node,
                                             xmlNode    *sibling);
void        clipper_html_append             (xmlNode    *parent,
                                             xmlNode    *node);

G_END_DECLS
